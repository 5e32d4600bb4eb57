import Foundation

/// `.claude/context/lessons/corrections.md` (what the user corrected) and `self-corrections.md` (what the agent
/// got wrong and put right itself). Each lesson is one list item, `- YYYY-MM-DD · session <id> · <text>`, appended
/// under what the file already holds (kept byte for byte). A lesson already in the file, with any date and
/// session, is not added again: equal up to case, spaces and a final full stop. Text is redacted and made one
/// line before it is compared or written.
package struct LessonsFiles: Sendable {
    package enum Kind: Sendable, CaseIterable {
        case user, agent

        var fileName: String { self == .user ? "corrections.md" : "self-corrections.md" }
        var header: String {
            switch self {
            case .user:
                "# Corrections\n\nWhat the user corrected, one lesson a line with its day and session. "
                    + "jarvis-tui appends new ones at the end of each session; edit freely.\n\n"
            case .agent:
                "# Self-Corrections\n\nWhat the agent got wrong and put right itself (failed tool calls it retried, its "
                    + "own notes), one lesson a line. jarvis-tui appends new ones at the end of each session.\n\n"
            }
        }
    }

    let project: Project
    package init(project: Project) { self.project = project }

    package var folder: URL { project.contextFolder.appendingPathComponent("lessons", isDirectory: true) }
    package func url(_ kind: Kind) -> URL { folder.appendingPathComponent(kind.fileName) }

    /// The file with the lessons it does not hold yet appended, or nil when all are there already.
    /// `existing` is the file's bytes (nil: no file yet).
    package static func appending(
        _ lessons: [String],
        kind: Kind,
        to existing: Data?,
        day: String,
        session: String
    )
        -> (data: Data, added: Int)?
    {
        var known = Set<String>()
        let text = existing.map { String(decoding: $0, as: UTF8.self) } ?? ""
        for line in text.split(whereSeparator: \.isNewline) { known.insert(key(lessonText(String(line)))) }
        var lines: [String] = []
        let sessionText = clean(session)
        for lesson in lessons {
            let text = clean(lesson)
            guard !text.isEmpty, known.insert(key(text)).inserted else { continue }
            lines.append("- \(day) · session \(sessionText) · \(text)")
        }
        guard !lines.isEmpty else { return nil }
        var out = existing ?? Data(kind.header.utf8)
        if let last = out.last, last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
        out.append(Data((lines.joined(separator: "\n") + "\n").utf8))
        return (out, lines.count)
    }

    /// The lesson of a list item this file wrote (after `day · session id · `), or the item's whole text.
    static func lessonText(_ line: String) -> String {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") else { return trimmed }
        let item = String(trimmed.dropFirst(2))
        let parts = item.components(separatedBy: " · ")
        if parts.count >= 3, parts[1].hasPrefix("session ") { return parts.dropFirst(2).joined(separator: " · ") }
        return item
    }

    /// Redacted, without control characters, on one line.
    static func clean(_ text: String) -> String {
        TerminalText.inert(MarkdownDocument.oneLine(SecretRedaction.redact(text)))
    }

    static func key(_ text: String) -> String {
        var key = text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        while key.hasSuffix(".") { key.removeLast() }
        return key
    }
}
