import Foundation

/// What went wrong in a session, read from its transcript in one pass: the user's corrections (`CorrectionRule`
/// on a typed turn that follows an assistant turn), the tool calls that failed (a `tool_result` with `is_error`),
/// which of them were retried (the same tool with the same one-line input called again later) and whether the
/// retry worked, and the errors that came back more than once. Subagent (sidechain), meta and command lines are
/// left out. Only the lines that can matter are decoded: typed user turns, failed results, tool calls.
package struct TranscriptReview: Sendable, Equatable {
    package struct Correction: Sendable, Equatable {
        package var text: String
        package var line: Int
    }

    package struct FailedCall: Sendable, Equatable {
        package var tool: String
        package var input: String
        package var error: String
        package var line: Int
        /// The line of the first call that repeated it, nil when it was never retried.
        package var retriedAtLine: Int?
        /// Whether that retry worked (nil: not retried).
        package var retrySucceeded: Bool?

        /// "`Bash` `pytest -q`" for reports and lessons.
        package var call: String { input.isEmpty ? "`\(tool)`" : "`\(tool)` `\(input)`" }
    }

    package struct RepeatedError: Sendable, Equatable {
        package var error: String
        package var count: Int
        package var firstLine: Int
    }

    /// More are counted, not kept: a report lists the first ones.
    static let keptLimit = 200

    package var corrections: [Correction] = []
    package var failures: [FailedCall] = []
    package var repeatedErrors: [RepeatedError] = []
    package var userTurns = 0
    package var toolCalls = 0
    package var failedCalls = 0
    package var lines = 0

    package var retried: [FailedCall] { failures.filter { $0.retriedAtLine != nil } }

    package init() {}

    /// Reads the transcript; `shouldStop` is asked now and then and ends the read early (nil: it was stopped).
    package static func read(_ url: URL, shouldStop: () -> Bool = { false }) throws -> TranscriptReview? {
        var reader = TranscriptReviewReader()
        var stopped = false
        var issues = TranscriptIssues()
        try TranscriptLineReader(url: url, chunkBytes: 256 << 10).forEachLine { raw in
            if raw.number % 4096 == 0, shouldStop() {
                stopped = true
                return false
            }
            reader.review.lines = raw.number
            guard raw.oversized == nil, let line = TranscriptAnalyzer.classify(raw, issues: &issues),
                !line.isSidechain
            else { return true }
            reader.take(raw, type: line.type)
            return true
        }
        return stopped ? nil : reader.finished()
    }
}

/// The state of one pass of `TranscriptReview.read`.
struct TranscriptReviewReader {
    var review = TranscriptReview()
    private var assistantSpoke = false
    private var calls: [String: (tool: String, input: String, line: Int)] = [:]
    /// Failures not yet retried, by tool and input.
    private var waiting: [String: [Int]] = [:]
    /// The call id of a retry → the failures it retried.
    private var retries: [String: [Int]] = [:]
    private var errorCounts: [String: (text: String, count: Int, first: Int)] = [:]
    private var errorOrder: [String] = []

    private static let toolResultMarker = Array("\"tool_result\"".utf8)
    private static let errorMarkers = [Array("\"is_error\":true".utf8), Array("\"is_error\": true".utf8)]
    private static let toolUseMarker = Array("\"tool_use\"".utf8)

    mutating func take(_ raw: RawTranscriptLine, type: String?) {
        switch type {
        case "assistant":
            assistantSpoke = true
            guard TranscriptAnalyzer.contains(raw.bytes, Self.toolUseMarker), let line = ReviewLineContent.of(raw.bytes)
            else { return }
            for block in line.blocks where block.type == "tool_use" { call(block, line: raw.number) }
        case "user":
            if TranscriptAnalyzer.contains(raw.bytes, Self.toolResultMarker) {
                guard Self.errorMarkers.contains(where: { TranscriptAnalyzer.contains(raw.bytes, $0) }),
                    let line = ReviewLineContent.of(raw.bytes)
                else { return }
                for block in line.blocks where block.type == "tool_result" && block.isError {
                    failed(block, line: raw.number)
                }
            } else if let text = Self.typedText(raw) {
                review.userTurns += 1
                if assistantSpoke, CorrectionRule.isCorrection(text),
                    review.corrections.count < TranscriptReview.keptLimit
                {
                    review.corrections.append(.init(text: MarkdownDocument.oneLine(text), line: raw.number))
                }
                assistantSpoke = false
            }
        default:
            return
        }
    }

    private mutating func call(_ block: ReviewLineContent.Block, line: Int) {
        review.toolCalls += 1
        let tool = block.name ?? "tool"
        let input = MarkdownDocument.oneLine(block.inputSummary)
        let clipped = input.count > 160 ? String(input.prefix(160)) + "…" : input
        let id = block.id ?? "line-\(line)"
        calls[id] = (tool, clipped, line)
        let signature = tool + "\u{0}" + clipped
        if let failed = waiting.removeValue(forKey: signature) {
            for index in failed {
                review.failures[index].retriedAtLine = line
                review.failures[index].retrySucceeded = true
            }
            retries[id] = failed
        }
    }

    private mutating func failed(_ block: ReviewLineContent.Block, line: Int) {
        review.failedCalls += 1
        let id = block.toolUseID ?? ""
        let error = Self.errorText(block.resultText)
        if let earlier = retries.removeValue(forKey: id) {
            for index in earlier { review.failures[index].retrySucceeded = false }
        }
        let key = error.lowercased()
        if var seen = errorCounts[key] {
            seen.count += 1
            errorCounts[key] = seen
        } else {
            errorCounts[key] = (error, 1, line)
            errorOrder.append(key)
        }
        guard let call = calls[id], review.failures.count < TranscriptReview.keptLimit else { return }
        review.failures.append(.init(tool: call.tool, input: call.input, error: error, line: line))
        waiting[call.tool + "\u{0}" + call.input, default: []].append(review.failures.count - 1)
    }

    func finished() -> TranscriptReview {
        var review = self.review
        for key in errorOrder {
            guard let seen = errorCounts[key], seen.count > 1 else { continue }
            review.repeatedErrors.append(.init(error: seen.text, count: seen.count, firstLine: seen.first))
        }
        return review
    }

    /// The text the user typed: nil for meta lines, compaction summaries, command and hook output, interruptions.
    static func typedText(_ raw: RawTranscriptLine) -> String? {
        guard let line = ReviewLineContent.of(raw.bytes), !line.isMeta, !line.isCompactSummary, line.hasMessage else {
            return nil
        }
        let text: String
        switch line.content {
        case .string(let string): text = string
        case .blocks(let blocks): text = blocks.compactMap { $0.type == "text" ? $0.text : nil }.joined(separator: "\n")
        case .none: text = ""
        }
        let trimmed = text.trimmingWhitespaceAndNewlines()
        guard !trimmed.isEmpty, !trimmed.hasPrefix("<"), !trimmed.hasPrefix("[Request interrupted"),
            !trimmed.hasPrefix("Caveat:")
        else { return nil }
        return trimmed
    }

    /// The first telling line of a tool's error, without Claude Code's `<tool_use_error>` tags.
    static func errorText(_ content: String) -> String {
        let text = content.replacingOccurrences(of: "<tool_use_error>", with: "").replacingOccurrences(
            of: "</tool_use_error>",
            with: ""
        )
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        guard var first = lines.first else { return "(no error text)" }
        // A shell's status alone says little: the line after it says what failed.
        if first.hasPrefix("Exit code"), lines.count > 1 { first += ": " + lines[1] }
        return first.count > 200 ? String(first.prefix(200)) + "…" : first
    }
}
