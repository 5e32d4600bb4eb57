import Foundation

/// A condensed Markdown reading of a transcript: user prompts, assistant text, and each tool call as its name with
/// a one-line input. Thinking, images, tool output, sidechains and meta lines are left out; secrets are redacted.
/// Lines are pre-sorted by the byte scanner; only user and assistant lines are decoded with JSONSerialization.
package enum TranscriptDigest {
    package static func render(
        _ url: URL,
        redactor: TranscriptRedactor,
        analysis: TranscriptAnalysis? = nil,
        title: String? = nil
    ) throws -> String {
        try fallingBackToWholeFile(analysis) { analysis in
            var text = ""
            try stream(url, redactor: redactor, analysis: analysis, title: title) { text += $0 }
            return text
        }
    }

    /// Runs `produce` (which streams a digest) with `analysis`, and once more without its line index when the
    /// transcript was rewritten under it (`DigestLineIndex.Moved`): `produce` must start its output afresh.
    package static func fallingBackToWholeFile<Output>(
        _ analysis: TranscriptAnalysis?,
        _ produce: (TranscriptAnalysis?) throws -> Output
    ) throws -> Output {
        do { return try produce(analysis) } catch is DigestLineIndex.Moved {
            var whole = analysis
            whole?.digestLines = nil
            return try produce(whole)
        }
    }

    /// The same digest handed out in pieces of about 64 KB, so a digest of a transcript of hundreds of MB is
    /// written without being held. With the analysis's `digestLines`, only the lines it noted are read, then the
    /// file from where the analysis stopped; `DigestLineIndex.Moved` when the file was rewritten since (see
    /// `fallingBackToWholeFile`).
    package static func stream(
        _ url: URL,
        redactor: TranscriptRedactor,
        analysis: TranscriptAnalysis? = nil,
        title: String? = nil,
        emit: (String) throws -> Void
    ) throws {
        var header = "# Conversation digest\(title.map { " — \(inline($0))" } ?? "")\n\n"
        if let stats = analysis?.statistics {
            header += self.header(stats, url: url, bytes: analysis?.bytes ?? 0)
        }
        header += "_Condensed: thinking, images and tool output are left out; secrets are redacted._\n"
        try withoutActuallyEscaping(emit) { emit in
            var writer = DigestWriter(out: header, redactor: redactor, emit: emit)
            // 256 KB reads: as fast as 1 MB ones here, and the digest runs beside the zstd copy, so its buffer
            // counts.
            let reader = TranscriptLineReader(url: url, chunkBytes: 256 << 10)
            if let index = analysis?.digestLines {
                try index.forEachLine(in: url) { writer.take($0) }
                try writer.check()
                try reader.forEachLine(from: index.analyzedEnd) { writer.take($0) }
            } else {
                try reader.forEachLine { writer.take($0) }
            }
            try writer.finish()
        }
    }

    /// Whether `raw` (classified as `line`) may give the digest a block: a whole line of the session itself by the
    /// user or the assistant, neither tool output nor thinking only nor a synthetic message. The analysis notes
    /// these in `DigestLineIndex`; the digest decodes them.
    static func renders(_ raw: RawTranscriptLine, _ line: TranscriptLine) -> Bool {
        guard raw.oversized == nil, line.type == "user" || line.type == "assistant", !line.isSidechain else {
            return false
        }
        if line.type == "user" { return !TranscriptAnalyzer.contains(raw.bytes, toolResultMarker) }
        if line.model == TranscriptStatistics.syntheticModel { return false }
        // Streamed thinking-only lines are most of an assistant's bytes: skipped without decoding. An unescaped
        // `"type":"text"` cannot occur inside a JSON string, so on compact lines the check is exact.
        return !TranscriptAnalyzer.contains(raw.bytes, thinkingMarker)
            || TranscriptAnalyzer.contains(raw.bytes, textMarker)
            || TranscriptAnalyzer.contains(raw.bytes, toolUseMarker)
    }

    /// The digest's body, line by line: each rendered line under a heading when the speaker changes, emitted in
    /// pieces of about 64 KB.
    private struct DigestWriter {
        var out: String
        let redactor: TranscriptRedactor
        let emit: (String) throws -> Void
        var lastRole: String?
        var issues = TranscriptIssues()
        var lastStamp: (String, String)?
        var failure: Error?

        /// Renders one line; false once emitting failed (the reader stops).
        mutating func take(_ raw: RawTranscriptLine) -> Bool {
            guard let line = TranscriptAnalyzer.classify(raw, issues: &issues), TranscriptDigest.renders(raw, line),
                let parts = DigestLineContent.read(raw.bytes) ?? DigestLineContent.readWithFoundation(raw.bytes),
                !parts.isMeta, parts.hasMessage
            else { return true }
            let blocks = render(parts.content, role: line.type!, redactor: redactor)
            guard !blocks.isEmpty else { return true }
            if lastRole != line.type {
                out += "\n## \(line.type == "user" ? "User" : "Assistant")\(when(line.timestamp))\n\n"
                lastRole = line.type
            } else {
                out += "\n"
            }
            out += blocks.joined(separator: "\n\n") + "\n"
            if out.utf8.count >= 1 << 16 {
                do { try emit(out) } catch { failure = error; return false }
                out = ""
            }
            return true
        }

        /// " · local time" for a heading; consecutive turns often share the minute, formatted once.
        private mutating func when(_ stamp: String?) -> String {
            guard let stamp else { return "" }
            let minute = String(stamp.prefix(16))
            if lastStamp?.0 != minute {
                lastStamp = (minute, TranscriptTimestamp.parse(stamp).map(Timestamp.local) ?? "")
            }
            guard let text = lastStamp?.1, !text.isEmpty else { return "" }
            return " · \(text)"
        }

        func check() throws { if let failure { throw failure } }

        mutating func finish() throws {
            try check()
            try emit(out)
        }
    }

    private static let toolResultMarker = Array("\"tool_result\"".utf8)
    private static let thinkingMarker = Array("\"type\":\"thinking\"".utf8)
    private static let textMarker = Array("\"type\":\"text\"".utf8)
    private static let toolUseMarker = Array("\"type\":\"tool_use\"".utf8)

    static func header(_ stats: TranscriptStatistics, url: URL, bytes: Int) -> String {
        var lines: [String] = []
        if let id = stats.sessionID { lines.append("- **Session**: \(inline(id))") }
        if let cwd = stats.cwd { lines.append("- **Project**: `\(inline(cwd))`") }
        if let branch = stats.gitBranch { lines.append("- **Branch**: \(inline(branch))") }
        if !stats.models.isEmpty { lines.append("- **Model**: \(stats.models.map(inline).joined(separator: ", "))") }
        if let first = stats.firstTimestamp, let last = stats.lastTimestamp {
            lines.append("- **Time**: \(Timestamp.iso(first)) → \(Timestamp.iso(last))")
        }
        lines.append("- **Tokens used**: \(stats.tokensUsed)\(stats.contextUsed.map { " (last context \($0))" } ?? "")")
        lines.append("- **Source**: `\(inline(url.path))` (\(bytes) bytes)")
        return lines.joined(separator: "\n") + "\n\n"
    }

    static func render(_ content: DigestLineContent.Content, role: String, redactor: TranscriptRedactor) -> [String] {
        switch content {
        case .none: return []
        case .string(let text): return textBlock(text, role: role, redactor: redactor).map { [$0] } ?? []
        case .pieces(let pieces):
            return pieces.compactMap { piece in
                switch piece {
                case .text(let text):
                    return textBlock(text, role: role, redactor: redactor)
                case .toolUse(let name, let summary):
                    let input = oneLine(summary, redactor: redactor)
                    return "- 🔧 `\(inline(name))`\(input.isEmpty ? "" : ": \(input)")"
                }
            }
        }
    }

    static func textBlock(_ text: String, role: String, redactor: TranscriptRedactor) -> String? {
        let trimmed = trimmedOfWhitespace(text)
        guard !trimmed.isEmpty else { return nil }
        let safe = TerminalText.inertKeepingNewlines(redactor.redact(trimmed))
        // User prompts are quoted so a heading or rule typed by the user cannot break the digest's outline.
        return role == "user" ? quoted(safe) : safe
    }

    /// Every line behind "> ", on the bytes: splitting a long prompt on the String "\n" went through the regex
    /// library's generic split. `inertKeepingNewlines` left no carriage return, so a line ends at each 0x0A.
    static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = [UInt8(ascii: ">"), UInt8(ascii: " ")]
        bytes.reserveCapacity(text.utf8.count + 64)
        for byte in text.utf8 {
            bytes.append(byte)
            if byte == 0x0A { bytes += [UInt8(ascii: ">"), UInt8(ascii: " ")] }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, skipped when neither end is whitespace (almost always:
    /// the Foundation call was a tenth of the digest's time).
    static func trimmedOfWhitespace(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        let whitespace = CharacterSet.whitespacesAndNewlines
        guard whitespace.contains(first) || whitespace.contains(last) else { return text }
        return text.trimmingCharacters(in: whitespace)
    }

    static func oneLine(_ text: String, redactor: TranscriptRedactor, limit: Int = 160) -> String {
        let flat = inline(redactor.redact(text))
        guard !flat.isEmpty else { return "" }
        // Counting characters walks grapheme breaks: skipped when the bytes alone show the text is short enough.
        let clipped = flat.utf8.count > limit && flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
        guard clipped.utf8.contains(UInt8(ascii: "`")) else { return "`" + clipped + "`" }
        return "`" + clipped.replacingOccurrences(of: "`", with: "'") + "`"
    }

    /// One line, no control characters. Foundation's replacing (through NSString) only when there is a line break.
    static func inline(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return TerminalText.inert(text) }
        return TerminalText.inert(
            text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ⏎ ")
        )
    }
}
