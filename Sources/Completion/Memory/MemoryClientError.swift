/// Why a talk with the memory server did not happen or did not finish. Each message says what to do.
package enum MemoryClientError: Error, CustomStringConvertible, Sendable, Equatable {
    case notInstalled(String)
    case startFailed(String, String)
    case exited(call: String, how: String)
    case timedOut(call: String, limit: Duration)
    case missingTools([String], server: String)
    case toolError(call: String, message: String)
    /// The server answered the request with a JSON-RPC error about it (invalid arguments, unknown tool).
    case rejected(call: String, message: String)
    /// The server's input schema for the tool asks for something jarvis-tui cannot give.
    case unfit(call: String, reason: String)
    case protocolError(call: String, message: String)
    case closed

    package var description: String {
        switch self {
        case .notInstalled(let command):
            "the memory server command `\(command)` is not installed (not found on PATH)"
        case .startFailed(let command, let reason):
            "the memory server `\(command)` could not be started: \(reason)"
        case .exited(let call, let how):
            "the memory server \(how) during \(call)"
        case .timedOut(let call, let limit):
            "the memory server did not answer \(call) within \(limit.shortDescription)"
        case .missingTools(let tools, let server):
            "the `\(server)` server lacks the tool\(tools.count == 1 ? "" : "s") \(tools.joined(separator: ", ")): is it the Memory MCP server?"
        case .toolError(let call, let message), .rejected(let call, let message):
            "the memory server refused \(call): \(message)"
        case .unfit(let call, let reason):
            "the memory server's \(call) cannot take our writes: \(reason)"
        case .protocolError(let call, let message):
            "MCP error during \(call): \(message)"
        case .closed:
            "the memory server connection is closed"
        }
    }

    /// Whether the same writes may succeed later, so they are worth queueing: the server could not be reached,
    /// did not answer, died, or is not (yet) a memory server. A write the server refused, or cannot take, would be
    /// refused again on every run and is never queued.
    package var shouldQueue: Bool {
        switch self {
        case .toolError, .rejected, .unfit: false
        default: true
        }
    }
}

/// How long each part of a talk with the memory server may take.
package struct MemoryTimeLimits: Sendable, Equatable {
    /// Start, `initialize` and `tools/list`.
    package var connect: Duration
    /// Each tool call.
    package var call: Duration

    package init(connect: Duration = .seconds(10), call: Duration = .seconds(5)) {
        self.connect = connect
        self.call = call
    }

    /// `JARVIS_MEMORY_TIMEOUT_MS` sets the limit of each call, and of the start when it is longer than the start's
    /// default: a short limit (for tests) must not make a server that is merely slow to start look hung.
    package static func from(environment: [String: String]) -> MemoryTimeLimits {
        guard let text = environment["JARVIS_MEMORY_TIMEOUT_MS"], let ms = Int(text), ms > 0 else {
            return MemoryTimeLimits()
        }
        let defaults = MemoryTimeLimits()
        return MemoryTimeLimits(connect: max(defaults.connect, .milliseconds(ms)), call: .milliseconds(ms))
    }
}
