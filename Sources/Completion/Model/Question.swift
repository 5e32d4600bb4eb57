/// A question the engine must ask the user (a gate such as G-06 push).
public struct Question: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case push = "G-06"
        case gitInProgress = "git-in-progress"
        case destructiveOperation = "destructive-operation"
        /// Start an MCP server the project's `.mcp.json` declares (a cloned repository's command).
        case projectServer = "project-mcp-server"
        case generic
    }

    public let kind: Kind
    public let prompt: String
    public let detail: String
    /// The safe answer, used with `--yes` and without a terminal.
    public let safeDefault: Bool

    public init(kind: Kind, prompt: String, detail: String = "", safeDefault: Bool) {
        self.kind = kind
        self.prompt = prompt
        self.detail = detail
        self.safeDefault = safeDefault
    }
}

/// Answers the engine's questions. The full-screen UI asks a person; the other front ends use the safe default.
public protocol Responder: Sendable {
    func answer(_ question: Question) async -> Bool
}

/// Answers every question with its safe default (`--yes`, `--plain`, `--json`, hooks).
public struct SafeDefaultResponder: Responder {
    public init() {}
    public func answer(_ question: Question) async -> Bool { question.safeDefault }
}
