import Foundation

/// The few fields of one Claude Code transcript line that the statistics, the locator and the todos need.
/// Everything else in the line (message content, tool output, snapshots) is skipped without being decoded.
public struct TranscriptLine: Sendable, Equatable {
    public var type: String?
    public var isSidechain = false
    public var cwd: String?
    public var sessionID: String?
    public var gitBranch: String?
    public var timestamp: String?
    public var requestID: String?
    public var messageID: String?
    public var model: String?
    public var usage: TokenUsage?

    public init() {}
}

/// `message.usage` of an assistant line.
public struct TokenUsage: Sendable, Equatable {
    public var input = 0
    public var output = 0
    public var cacheCreation = 0
    public var cacheRead = 0

    public init(input: Int = 0, output: Int = 0, cacheCreation: Int = 0, cacheRead: Int = 0) {
        self.input = input
        self.output = output
        self.cacheCreation = cacheCreation
        self.cacheRead = cacheRead
    }

    /// Everything the request consumed or produced: what ccusage calls total tokens.
    public var total: Int { input + output + cacheCreation + cacheRead }
    /// The prompt the model saw: the size of the context window in use after this request.
    public var context: Int { input + cacheCreation + cacheRead }
}
