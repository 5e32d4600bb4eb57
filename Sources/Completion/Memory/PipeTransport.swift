import Foundation
import Logging
import MCP

/// The MCP stdio transport over the pipes of a server this process started. The SDK's `StdioTransport` was
/// measured unfit here: its read loop runs on the shared cooperative pool without yielding while data arrives
/// and rescans its whole buffer for a newline after every 4 KB (an 8 MB line from a misbehaving server kept a
/// pool thread busy for minutes, starving every other task on a 2-core machine), and it polls with 10 ms sleeps.
/// This one reads on its own thread with `poll`, scans each byte once, caps a line's length, and finishes its
/// stream only on `disconnect` (the SDK client spins on a stream that finished while it was still connected).
actor PipeTransport: Transport {
    /// A longer line is dropped (and counted): no reply of a memory server is near it.
    static let maximumLineLength = 16 << 20

    nonisolated let logger = Logger(label: "jarvis.memory.transport", factory: { _ in SwiftLogNoOpLogHandler() })
    private let output: Int32
    private let reader: PipeLineReader
    private let messages: AsyncThrowingStream<Data, Swift.Error>
    private let continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation
    private var connected = false
    private var outputClosed = false

    /// `input`: our end of the server's stdout; `output`: our end of its stdin. The transport owns both.
    init(input: Int32, output: Int32) {
        self.output = output
        var continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation!
        self.messages = AsyncThrowingStream { continuation = $0 }
        self.continuation = continuation
        self.reader = PipeLineReader(
            fd: input,
            maximumLine: Self.maximumLineLength,
            deliver: { [continuation] line in
                continuation!.yield(line)
            }
        )
    }

    func connect() async throws {
        guard !connected else { return }
        let flags = fcntl(output, F_GETFL)
        guard flags >= 0, fcntl(output, F_SETFL, flags | O_NONBLOCK) >= 0 else {
            throw MCPError.transportError(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
        }
        connected = true
        reader.start()
    }

    func disconnect() async {
        connected = false
        continuation.finish()
        closeOutput()
        reader.stop()
    }

    func send(_ message: Data) async throws {
        var data = message
        data.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < data.count {
            guard connected, !outputClosed else { throw MCPError.connectionClosed }
            let written = data.withUnsafeBytes { buffer in
                Foundation.write(output, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written > 0 {
                offset += written
            } else if errno == EAGAIN || errno == EINTR {
                // The server is not reading its stdin: wait without holding a thread.
                try await Task.sleep(for: .milliseconds(2))
            } else {
                throw MCPError.transportError(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
            }
        }
    }

    nonisolated func receive() -> AsyncThrowingStream<Data, Swift.Error> { messages }

    /// Lines longer than the limit that were dropped.
    var droppedLines: Int { reader.dropped }

    private func closeOutput() {
        guard !outputClosed else { return }
        outputClosed = true
        close(output)
    }
}

/// Reads newline-delimited messages from a pipe on a dedicated thread. It owns the descriptor and closes it when
/// it stops (on `stop`, end of file or a read error).
final class PipeLineReader: Sendable {
    private struct State {
        var stopping = false
        var started = false
        var dropped = 0
    }

    private let fd: Int32
    private let maximumLine: Int
    private let deliver: @Sendable (Data) -> Void
    private let state = Locked(State())

    init(fd: Int32, maximumLine: Int, deliver: @escaping @Sendable (Data) -> Void) {
        self.fd = fd
        self.maximumLine = maximumLine
        self.deliver = deliver
    }

    func start() {
        let starts = state.withLock { state in
            guard !state.started, !state.stopping else { return false }
            state.started = true
            return true
        }
        guard starts else { return }
        let thread = Thread { [self] in run() }
        thread.name = "memory-server-reader"
        thread.start()
    }

    /// The thread closes the descriptor within 100 ms; a reader never started closes it here.
    func stop() {
        let (wasStarted, wasStopping) = state.withLock { state in
            defer { state.stopping = true }
            return (state.started, state.stopping)
        }
        if !wasStarted && !wasStopping { close(fd) }
    }

    var dropped: Int { state.withLock { $0.dropped } }

    private var shouldStop: Bool { state.withLock { $0.stopping } }

    private func run() {
        defer { close(fd) }
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var discarding = false
        while !shouldStop {
            var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, 100)
            if ready < 0 { if errno == EINTR { continue } else { return } }
            if ready == 0 { continue }
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if count < 0 { if errno == EINTR || errno == EAGAIN { continue } else { return } }
            if count == 0 { return }
            var start = 0
            for index in 0..<count where chunk[index] == UInt8(ascii: "\n") {
                if discarding {
                    discarding = false
                } else {
                    buffer.append(contentsOf: chunk[start..<index])
                    if !buffer.isEmpty { deliver(Data(buffer)) }
                }
                buffer.removeAll(keepingCapacity: buffer.count < (1 << 20))
                start = index + 1
            }
            if !discarding {
                buffer.append(contentsOf: chunk[start..<count])
                if buffer.count > maximumLine {
                    discarding = true
                    buffer.removeAll()
                    state.withLock { $0.dropped += 1 }
                }
            }
        }
    }
}
