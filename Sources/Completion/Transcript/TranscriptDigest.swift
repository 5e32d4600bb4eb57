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
        var text = ""
        try stream(url, redactor: redactor, analysis: analysis, title: title) { text += $0 }
        return text
    }

    /// The same digest handed out in pieces of about 64 KB, so a digest of a transcript of hundreds of MB is
    /// written without being held.
    package static func stream(
        _ url: URL,
        redactor: TranscriptRedactor,
        analysis: TranscriptAnalysis? = nil,
        title: String? = nil,
        emit: (String) throws -> Void
    ) throws {
        var out = "# Conversation digest\(title.map { " — \(inline($0))" } ?? "")\n\n"
        if let stats = analysis?.statistics {
            out += header(stats, url: url, bytes: analysis?.bytes ?? 0)
        }
        out += "_Condensed: thinking, images and tool output are left out; secrets are redacted._\n"
        var lastRole: String?
        var issues = TranscriptIssues()
        var lastStamp: (String, String)?
        var failure: Error?
        // 256 KB reads: as fast as 1 MB ones here, and the digest runs beside the gzip copy, so its buffer counts.
        try TranscriptLineReader(url: url, chunkBytes: 256 << 10).forEachLine { raw in
            guard raw.oversized == nil, let line = TranscriptAnalyzer.classify(raw, issues: &issues),
                line.type == "user" || line.type == "assistant", !line.isSidechain
            else { return true }
            if line.type == "user", TranscriptAnalyzer.contains(raw.bytes, toolResultMarker) { return true }
            if line.type == "assistant" {
                if line.model == TranscriptStatistics.syntheticModel { return true }
                // Streamed thinking-only lines are most of an assistant's bytes: skip them without decoding. An
                // unescaped `"type":"text"` cannot occur inside a JSON string, so on compact lines the check is exact.
                if TranscriptAnalyzer.contains(raw.bytes, thinkingMarker),
                    !TranscriptAnalyzer.contains(raw.bytes, textMarker),
                    !TranscriptAnalyzer.contains(raw.bytes, toolUseMarker)
                {
                    return true
                }
            }
            guard let parts = DigestLineContent.read(raw.bytes) ?? DigestLineContent.readWithFoundation(raw.bytes),
                !parts.isMeta, parts.hasMessage
            else { return true }
            let blocks = render(parts.content, role: line.type!, redactor: redactor)
            guard !blocks.isEmpty else { return true }
            if lastRole != line.type {
                var when = ""
                if let stamp = line.timestamp {
                    // Consecutive turns often share the minute: format only when the timestamp's minute changes.
                    let minute = String(stamp.prefix(16))
                    if lastStamp?.0 != minute {
                        lastStamp = (minute, TranscriptTimestamp.parse(stamp).map(Timestamp.local) ?? "")
                    }
                    if let text = lastStamp?.1, !text.isEmpty { when = " · \(text)" }
                }
                out += "\n## \(line.type == "user" ? "User" : "Assistant")\(when)\n\n"
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
        if let failure { throw failure }
        try emit(out)
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
