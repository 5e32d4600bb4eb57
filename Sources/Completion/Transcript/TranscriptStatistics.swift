import Foundation

/// Session statistics counted the way ccusage and cc-sessions count them:
/// - tokens used: input + output + cache creation + cache read, summed over assistant messages, each API response
///   once (deduplicated on message id + request id; streamed responses repeat their usage on every content
///   block line), skipping the `<synthetic>` model that Claude Code uses for messages it makes up itself;
/// - context: input + cache read + cache creation of the last main-chain (not sidechain, not synthetic) usage;
/// - duration: first to last timestamp; model: the last main-chain model; branch: the last `gitBranch`.
public struct TranscriptStatistics: Sendable, Equatable {
    public static let syntheticModel = "<synthetic>"
    /// Line types Claude Code writes (1.x and 2.x); any other type is counted as unknown in the warning.
    public static let knownTypes: Set<String> = [
        "user", "assistant", "system", "summary", "file-history-snapshot", "queue-operation", "progress", "attachment",
        "custom-title", "ai-title", "tag", "agent-name", "last-prompt", "pr-link",
    ]

    public var tokensUsed = 0
    public var contextUsed: Int?
    public var assistantResponses = 0
    public var duplicatesSkipped = 0
    public var syntheticSkipped = 0
    public var firstTimestamp: Date?
    public var lastTimestamp: Date?
    public var model: String?
    public var models: [String] = []
    public var gitBranch: String?
    public var sessionID: String?
    public var cwd: String?
    public var lines = 0

    private var seen = Set<String>()

    public init() {}

    public var duration: TimeInterval? {
        guard let first = firstTimestamp, let last = lastTimestamp else { return nil }
        return last.timeIntervalSince(first)
    }

    public static func == (a: TranscriptStatistics, b: TranscriptStatistics) -> Bool {
        a.tokensUsed == b.tokensUsed && a.contextUsed == b.contextUsed && a.assistantResponses == b.assistantResponses
            && a.firstTimestamp == b.firstTimestamp && a.lastTimestamp == b.lastTimestamp && a.model == b.model
            && a.gitBranch == b.gitBranch && a.sessionID == b.sessionID
    }

    /// Folds one line that has a known type.
    public mutating func add(_ line: TranscriptLine) {
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
            guard seen.insert(message + "\u{0}" + request).inserted else {
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
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            func digits(_ at: Int, _ count: Int) -> Int? {
                guard at + count <= bytes.count else { return nil }
                var v = 0
                for k in at..<(at + count) {
                    let c = bytes[k]
                    guard c >= 0x30, c <= 0x39 else { return nil }
                    v = v * 10 + Int(c - 0x30)
                }
                return v
            }
            guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                  bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
                  let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
                  let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
                  (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else {
                return Timestamp.parseISO(String(decoding: bytes, as: UTF8.self))
            }
            var k = 19
            var fraction = 0.0
            if k < bytes.count, bytes[k] == UInt8(ascii: ".") {
                k += 1
                var scale = 0.1
                while k < bytes.count, bytes[k] >= 0x30, bytes[k] <= 0x39 {
                    fraction += Double(bytes[k] - 0x30) * scale
                    scale /= 10
                    k += 1
                }
            }
            var offset = 0
            if k < bytes.count {
                switch bytes[k] {
                case UInt8(ascii: "Z"), UInt8(ascii: "z"): break
                case UInt8(ascii: "+"), UInt8(ascii: "-"):
                    guard let h = digits(k + 1, 2) else { return nil }
                    let m = digits(k + 4, 2) ?? digits(k + 3, 2) ?? 0
                    offset = (h * 3600 + m * 60) * (bytes[k] == UInt8(ascii: "+") ? 1 : -1)
                default: return nil
                }
            }
            // Days from the civil date (Howard Hinnant's algorithm).
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let mp = (month + 9) % 12
            let doy = (153 * mp + 2) / 5 + day - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            let days = era * 146_097 + doe - 719_468
            let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
            return Date(timeIntervalSince1970: seconds)
        }
    }
}
