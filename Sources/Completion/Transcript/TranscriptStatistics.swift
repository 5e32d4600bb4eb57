import Foundation

/// Session statistics counted the way ccusage and cc-sessions count them:
/// - tokens used: input + output + cache creation + cache read, summed over assistant messages, each API response
///   once (deduplicated on message id + request id; streamed responses repeat their usage on every content
///   block line), skipping the `<synthetic>` model that Claude Code uses for messages it makes up itself;
/// - context: input + cache read + cache creation of the last main-chain (not sidechain, not synthetic) usage;
/// - duration: first to last timestamp; model: the last main-chain model; branch: the last `gitBranch`.
package struct TranscriptStatistics: Sendable, Equatable {
    package static let syntheticModel = "<synthetic>"
    /// Line types Claude Code writes (1.x and 2.x); any other type is counted as unknown in the warning.
    package static let knownTypes: Set<String> = [
        "user", "assistant", "system", "summary", "file-history-snapshot", "queue-operation", "progress", "attachment",
        "custom-title", "ai-title", "tag", "agent-name", "last-prompt", "pr-link",
    ]

    package var tokensUsed = 0
    package var contextUsed: Int?
    package var assistantResponses = 0
    package var duplicatesSkipped = 0
    package var syntheticSkipped = 0
    package var firstTimestamp: Date?
    package var lastTimestamp: Date?
    package var model: String?
    package var models: [String] = []
    package var gitBranch: String?
    package var sessionID: String?
    package var cwd: String?
    package var lines = 0

    /// The responses counted, as the hashes of their message and request ids (16 bytes each, not the two strings:
    /// the set grows with the transcript, a 200 MB one has some 20 000 responses).
    private var seen = Set<ResponseKey>()

    private struct ResponseKey: Hashable, Sendable {
        let message: Int
        let request: Int
    }

    package init() {}

    package var duration: TimeInterval? {
        guard let first = firstTimestamp, let last = lastTimestamp else { return nil }
        return last.timeIntervalSince(first)
    }

    package static func == (a: TranscriptStatistics, b: TranscriptStatistics) -> Bool {
        a.tokensUsed == b.tokensUsed && a.contextUsed == b.contextUsed && a.assistantResponses == b.assistantResponses
            && a.firstTimestamp == b.firstTimestamp && a.lastTimestamp == b.lastTimestamp && a.model == b.model
            && a.gitBranch == b.gitBranch && a.sessionID == b.sessionID
    }

    /// Folds one line that has a known type.
    package mutating func add(_ line: TranscriptLine) {
        lines += 1
        if sessionID == nil, let id = line.sessionID, !id.isEmpty { sessionID = id }
        if cwd == nil, let dir = line.cwd, !dir.isEmpty { cwd = dir }
        if let branch = line.gitBranch, !branch.isEmpty { gitBranch = branch }
        if let stamp = line.timestamp, let date = TranscriptTimestamp.parse(stamp) {
            if firstTimestamp.map({ date < $0 }) ?? true { firstTimestamp = date }
            if lastTimestamp.map({ date > $0 }) ?? true { lastTimestamp = date }
        }
        guard line.type == "assistant", let usage = line.usage else { return }
        if line.model == Self.syntheticModel {
            syntheticSkipped += 1
            return
        }
        if !line.isSidechain {
            contextUsed = usage.context
            if let model = line.model, !model.isEmpty {
                self.model = model
                if !models.contains(model) { models.append(model) }
            }
        }
        if let message = line.messageID, let request = line.requestID {
            // Two 64-bit SipHash values: a false match needs both to collide, far past any transcript's size.
            guard seen.insert(ResponseKey(message: message.hashValue, request: request.hashValue)).inserted else {
                duplicatesSkipped += 1
                return
            }
        }
        assistantResponses += 1
        tokensUsed += usage.total
    }
}

/// Parses `2025-06-01T12:00:00.123Z` (and `±hh:mm` offsets) without a formatter: it runs once per line.
enum TranscriptTimestamp {
    static func parse(_ text: String) -> Date? { Timestamp.parseISO(text) }
}
