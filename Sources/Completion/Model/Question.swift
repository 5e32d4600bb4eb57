/// A question the engine must ask the user (a gate such as G-06 push).
package struct Question: Sendable, Equatable {
    package enum Kind: String, Sendable, Codable {
        case push = "G-06"
        case gitInProgress = "git-in-progress"
        case destructiveOperation = "destructive-operation"
        /// Start an MCP server the project's `.mcp.json` declares (a cloned repository's command).
        case projectServer = "project-mcp-server"
        case generic
    }

    package let kind: Kind
    package let prompt: String
    package let detail: String
    /// The safe answer, used with `--yes` and without a terminal.
    package let safeDefault: Bool

    package init(kind: Kind, prompt: String, detail: String = "", safeDefault: Bool) {
        self.kind = kind
        self.prompt = prompt
        self.detail = detail
        self.safeDefault = safeDefault
    }
}

/// Answers the engine's questions. The full-screen UI asks a person; the other front ends use the safe default.
package protocol Responder: Sendable {
    func answer(_ question: Question) async -> Bool
}

/// Answers every question with its safe default (`--yes`, `--plain`, `--json`, hooks).
package struct SafeDefaultResponder: Responder {
    package init() {}
    package func answer(_ question: Question) async -> Bool { question.safeDefault }
}
