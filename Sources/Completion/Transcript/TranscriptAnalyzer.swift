import CLibcExtras
import Foundation

/// What one pass over a transcript yields: statistics, the problems stepped over, and the last TodoWrite list.
package struct TranscriptAnalysis: Sendable, Equatable {
    package var statistics = TranscriptStatistics()
    package var issues = TranscriptIssues()
    package var lastTodoWrite: [TodoItem]?
    package var bytes = 0
    package var lineCount = 0
    /// Subagent transcripts folded into the statistics (their requests count as tokens, never as context).
    package var subagentFiles: [String] = []
    /// One warning per subagent file that had damaged lines.
    package var subagentWarnings: [String] = []
    /// What went wrong in the session (`TranscriptReview`), read in the same pass when the analyzer `reviews`;
    /// nil otherwise.
    package var review: TranscriptReview?
    /// Where the lines the digest renders are, so that it reads only those (nil: it reads the whole file).
    package var digestLines: DigestLineIndex?

    package init() {}
}

/// Streams a transcript once through the byte scanner. Tolerant: no line makes it fail; every oddity is counted
/// in `issues` (see `TranscriptIssues.warning`). Only an unreadable file throws.
package struct TranscriptAnalyzer {
    package var maxLineBytes = TranscriptLineReader.defaultMaxLineBytes
    package var chunkBytes = 1 << 20
    /// Also reviews the transcript (`TranscriptReview`) in the same pass: step 2's lessons need it, and a second
    /// read of a transcript of hundreds of MB would cost seconds while the run waits.
    package var reviews = false

    package init() {}

    private static let todoWriteMarker = Array("\"TodoWrite\"".utf8)

    package func analyze(_ url: URL) throws -> TranscriptAnalysis {
        var analysis = TranscriptAnalysis()
        analysis.issues.oversizedLimit = maxLineBytes
        var todoLine: Data?
        var review = reviews ? TranscriptReviewReader() : nil
        var digestLines = DigestLineIndex()
        let reader = TranscriptLineReader(url: url, chunkBytes: chunkBytes, maxLineBytes: maxLineBytes)
        analysis.bytes = try reader.forEachLine { raw in
            analysis.lineCount = raw.number
            review?.review.lines = raw.number
            let newline = raw.offset + (raw.oversized?.length ?? raw.bytes.count)
            defer { if raw.terminated { digestLines.read(through: newline) } }
            if let line = Self.classify(raw, issues: &analysis.issues) {
                analysis.statistics.add(line)
                if raw.terminated, TranscriptDigest.renders(raw, line) {
                    digestLines.add(offset: raw.offset, end: newline)
                }
                // The lines `TranscriptReview.read` takes: whole lines of the session itself.
                if raw.oversized == nil, !line.isSidechain { review?.take(raw, type: line.type) }
                if line.type == "assistant", raw.oversized == nil, Self.contains(raw.bytes, Self.todoWriteMarker) {
                    todoLine = Data(raw.bytes)
                }
            }
            return true
        }
        if let todoLine, let items = SessionTodos.fromTodoWriteLine(todoLine) { analysis.lastTodoWrite = items }
        analysis.review = review?.finished()
        analysis.digestLines = digestLines
        return analysis
    }

    /// Adds a subagent's transcript to the statistics of its session: same deduplication, its own warning.
    package func addSubagent(_ url: URL, to analysis: inout TranscriptAnalysis) throws {
        var issues = TranscriptIssues()
        issues.oversizedLimit = maxLineBytes
        try TranscriptLineReader(url: url, chunkBytes: chunkBytes, maxLineBytes: maxLineBytes).forEachLine { raw in
            if var line = Self.classify(raw, issues: &issues) {
                line.isSidechain = true
                line.gitBranch = nil
                analysis.statistics.add(line)
            }
            return true
        }
        analysis.subagentFiles.append(url.path)
        if let warning = issues.warning(path: url.path) { analysis.subagentWarnings.append(warning) }
    }

    /// Scans one raw line, noting what is wrong with it; nil when the line adds nothing to the statistics.
    static func classify(_ raw: RawTranscriptLine, issues: inout TranscriptIssues) -> TranscriptLine? {
        var bytes = raw.bytes
        if let last = bytes.last, last == 0x0D { bytes = UnsafeRawBufferPointer(rebasing: bytes.dropLast()) }
        if raw.oversized == nil && Self.isBlank(bytes) { return nil }
        if let oversized = raw.oversized {
            issues.note(.oversized, line: raw.number)
            // The head holds the line's identity; the tail holds the usage of an assistant line.
            var line: TranscriptLine
            switch TranscriptLineScanner.scan(bytes) {
            case .line(let l), .truncated(let l): line = l
            case .notJSON: return nil
            }
            if let usage = TranscriptLineScanner.salvageUsage(oversized.tail) {
                line.usage = usage
                line.type = "assistant"
                line.requestID =
                    TranscriptLineScanner.salvageString(TranscriptKeys.requestIdKey, in: oversized.tail)
                    ?? line.requestID
            }
            line.timestamp =
                TranscriptLineScanner.salvageString(TranscriptKeys.timestampKey, in: oversized.tail) ?? line.timestamp
            return line.type.map(TranscriptStatistics.knownTypes.contains) == true ? line : nil
        }
        if !TranscriptUTF8Validation.isValid(bytes) { issues.note(.invalidUTF8, line: raw.number) }
        switch TranscriptLineScanner.scan(bytes) {
        case .line(let line):
            guard let type = line.type, TranscriptStatistics.knownTypes.contains(type) else {
                issues.note(.unknownType, line: raw.number, detail: line.type ?? "(none)")
                return nil
            }
            return line
        case .truncated:
            issues.note(raw.terminated ? .cutShort : .truncatedLastLine, line: raw.number)
            return nil
        case .notJSON:
            issues.note(raw.terminated ? .notJSON : .truncatedLastLine, line: raw.number)
            return nil
        }
    }

    static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for b in bytes where !(b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A) { return false }
        return true
    }

    static func contains(_ bytes: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let base = bytes.baseAddress, bytes.count >= needle.count, !needle.isEmpty else { return false }
        // memmem skips ahead by the needle: a loop on memchr for the needle's first byte stopped at every quote
        // of a JSON line (every marker starts with one), which cost a tenth of a second per pass over 200 MB.
        return needle.withUnsafeBytes { wanted in
            memmem(base, bytes.count, wanted.baseAddress!, wanted.count) != nil
        }
    }
}
