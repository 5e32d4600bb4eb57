import Foundation

/// The few fields of one Claude Code transcript line that the statistics, the locator and the todos need.
/// Everything else in the line (message content, tool output, snapshots) is skipped without being decoded.
package struct TranscriptLine: Sendable, Equatable {
    package var type: String?
    package var isSidechain = false
    package var cwd: String?
    package var sessionID: String?
    package var gitBranch: String?
    package var timestamp: String?
    package var requestID: String?
    package var messageID: String?
    package var model: String?
    package var usage: TokenUsage?

    package init() {}
}

/// `message.usage` of an assistant line.
package struct TokenUsage: Sendable, Equatable {
    package var input = 0
    package var output = 0
    package var cacheCreation = 0
    package var cacheRead = 0

    package init(input: Int = 0, output: Int = 0, cacheCreation: Int = 0, cacheRead: Int = 0) {
        self.input = input
        self.output = output
        self.cacheCreation = cacheCreation
        self.cacheRead = cacheRead
    }

    /// Everything the request consumed or produced: what ccusage calls total tokens.
    package var total: Int { input + output + cacheCreation + cacheRead }
    /// The prompt the model saw: the size of the context window in use after this request.
    package var context: Int { input + cacheCreation + cacheRead }
}
