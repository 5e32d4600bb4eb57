import Foundation

/// What archiving session-state's older history did: for the `stateArchived` event, the summary and the log.
package struct StateArchiveResult: Sendable, Equatable {
    /// session-state.md, relative to the project.
    package let path: String
    /// The archive file written (or that would be, in a dry run), relative to the project; nil when nothing moved.
    package let archivePath: String?
    /// The titles of the sections that moved, in file order.
    package let sections: [String]
    package let linesBefore: Int
    package let linesAfter: Int
    package let linesMoved: Int
    /// Why nothing moved (nothing older, a dry run, a file that could not be written); nil when it moved.
    package let reason: String?

    package init(
        path: String,
        archivePath: String?,
        sections: [String],
        linesBefore: Int,
        linesAfter: Int,
        linesMoved: Int,
        reason: String?
    ) {
        self.path = path
        self.archivePath = archivePath
        self.sections = sections
        self.linesBefore = linesBefore
        self.linesAfter = linesAfter
        self.linesMoved = linesMoved
        self.reason = reason
    }

    package var archived: Bool { reason == nil && archivePath != nil }

    /// One sentence for people: what moved where (or would, in a dry run), or why nothing did.
    package var sentence: String {
        guard let archivePath else {
            return "session-state history not archived: \(reason ?? "nothing older to move")"
        }
        let shown = sections.prefix(3).map { "“\(TerminalText.inert($0))”" }.joined(separator: ", ")
        let more = sections.count > 3 ? " and \(sections.count - 3) more" : ""
        let still =
            linesAfter > SessionStateArchive.lineLimit
            ? "; still \(linesAfter) lines: the rest is current work, shorten it by hand" : ""
        let verb = reason == nil ? "archived" : "would archive"
        return "\(verb) \(sections.count) older section(s) of \(path) (\(linesMoved) lines) into \(archivePath): "
            + "\(shown)\(more); \(linesBefore) → \(linesAfter) lines\(still)" + (reason.map { " (\($0))" } ?? "")
    }

    package func redactingSecrets() -> StateArchiveResult {
        StateArchiveResult(
            path: path,
            archivePath: archivePath,
            sections: SecretRedaction.redact(sections),
            linesBefore: linesBefore,
            linesAfter: linesAfter,
            linesMoved: linesMoved,
            reason: reason.map { SecretRedaction.redact($0) }
        )
    }
}

/// What the offer shows about a long session-state: its length and how much would move. Nil in the preview when
/// the file is within the limit or has no older history to move.
package struct StateArchiveOffer: Sendable, Equatable {
    package let lines: Int
    package let sections: Int

    package init(lines: Int, sections: Int) {
        self.lines = lines
        self.sections = sections
    }

    /// The choice as the offer lists it.
    package var label: String { "Archive session-state history (\(lines) lines; keeps the current work)" }

    /// Reads session-state.md in chunks; nil when it is short, missing, unreadable or has nothing older to move.
    package static func check(_ project: Project) -> StateArchiveOffer? {
        guard let (lines, plan) = try? SessionStateArchive.plan(project), let archive = plan,
            archive.hasOlderHistory
        else { return nil }
        return StateArchiveOffer(lines: lines, sections: archive.moving.count)
    }
}
