import Foundation

/// Reads the agent's notes: Markdown with the sections `## Accomplishments`, `## Key Decisions`
/// (`- decision: rationale`), `## Blockers` (`- blocker: investigation status`), `## Next Step`, `## Files`
/// (`- path: purpose`), `## Corrections`, `## Self-Corrections` — any may be missing — or the same as a JSON
/// object. Anything else is an error naming the line, so a typo never silently drops what the agent wrote.
package enum AgentNotesParser {
    /// Larger notes are refused: they are a page of Markdown, not a transcript.
    package static let maximumSize = 1 << 20

    enum Section: String, CaseIterable {
        case accomplishments = "Accomplishments"
        case decisions = "Key Decisions"
        case blockers = "Blockers"
        case nextStep = "Next Step"
        case files = "Files"
        case corrections = "Corrections"
        case selfCorrections = "Self-Corrections"
    }

    package static func parse(_ data: Data, source: String) throws(AgentNotesError) -> AgentNotes {
        guard data.count <= maximumSize else {
            throw AgentNotesError(
                source: source,
                line: 1,
                message: "the notes are larger than 1 MB; keep them to what the next session needs"
            )
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AgentNotesError(source: source, line: firstInvalidLine(data), message: "the notes are not UTF-8 text")
        }
        if let first = text.drop(while: \.isWhitespace).first, first == "{" || first == "[" {
            return try AgentNotesJSON.parse(data, source: source).escaped()
        }
        return try parseMarkdown(text, source: source).escaped()
    }

    static func parseMarkdown(_ text: String, source: String) throws(AgentNotesError) -> AgentNotes {
        var notes = AgentNotes()
        var section: Section?
        var items: [(line: Int, text: String)] = []
        func flush() throws(AgentNotesError) {
            if let section { try store(items, in: section, notes: &notes, source: source) }
            items = []
        }
        // Split on the line feed scalar: as Characters, CR LF is one and would not split.
        for (index, raw) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = String(raw.last == "\r" ? raw.dropLast() : raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("## ") {
                try flush()
                let title = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces)
                guard
                    let found = Section.allCases.first(where: {
                        $0.rawValue.caseInsensitiveCompare(title) == .orderedSame
                    })
                else {
                    throw AgentNotesError(
                        source: source,
                        line: number,
                        message: "unknown section “\(title)”; use "
                            + Section.allCases.map { "## \($0.rawValue)" }.joined(separator: ", ")
                    )
                }
                section = found
            } else if trimmed.hasPrefix("# "), section == nil {
                continue  // a title above the sections
            } else if section == nil {
                throw AgentNotesError(
                    source: source,
                    line: number,
                    message: "text before the first section; start with a heading such as ## Accomplishments"
                )
            } else if let item = bulletText(trimmed) {
                items.append((number, item))
            } else if line.first == " " || line.first == "\t", !items.isEmpty {
                items[items.count - 1].text += " " + trimmed  // a wrapped item
            } else {
                items.append((number, trimmed))
            }
        }
        try flush()
        return notes
    }

    /// The text of a `- `, `* ` or `1. ` list item.
    static func bulletText(_ line: String) -> String? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") {
            return line.dropFirst(2).trimmingCharacters(in: .whitespaces)
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") {
            return line.dropFirst(digits.count + 2).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    static func store(
        _ items: [(line: Int, text: String)],
        in section: Section,
        notes: inout AgentNotes,
        source: String
    ) throws(AgentNotesError) {
        let texts = items.map(\.text).filter { !$0.isEmpty }
        switch section {
        case .accomplishments: notes.accomplishments += texts
        case .corrections: notes.corrections += texts
        case .selfCorrections: notes.selfCorrections += texts
        case .nextStep: notes.nextStep = texts.isEmpty ? notes.nextStep : texts.joined(separator: " ")
        case .decisions:
            notes.decisions += texts.map {
                let (a, b) = split($0); return .init(decision: a, rationale: b)
            }
        case .blockers:
            notes.blockers += texts.map {
                let (a, b) = split($0); return .init(blocker: a, status: b)
            }
        case .files:
            for item in items {
                let (path, purpose) = split(item.text)
                let clean = path.trimmingCharacters(in: CharacterSet(charactersIn: "`"))
                guard let purpose, !clean.isEmpty else {
                    throw AgentNotesError(
                        source: source,
                        line: item.line,
                        message: "a file needs its purpose: - path: what it is for"
                    )
                }
                notes.files.append(.init(path: clean, purpose: purpose))
            }
        }
    }

    /// `head: rest` at the first colon followed by a space (a colon inside a path or URL does not split).
    static func split(_ text: String) -> (String, String?) {
        guard let range = text.range(of: ": ") else { return (text, nil) }
        let rest = text[range.upperBound...].trimmingCharacters(in: .whitespaces)
        return (String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespaces), rest.isEmpty ? nil : rest)
    }

    static func firstInvalidLine(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        for (offset, byte) in data.enumerated() where byte == UInt8(ascii: "\n") {
            let index = data.startIndex + offset
            if String(data: data[start..<index], encoding: .utf8) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}
