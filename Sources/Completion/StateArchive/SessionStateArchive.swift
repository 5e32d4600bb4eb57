import Foundation

/// Moving the older session history out of a long session-state file, as Jarvis does: the older sections go, byte
/// for byte, into a dated file under `.claude/context/archive/session-state/`, and a `## Archived History` section
/// in session-state.md points to it. The current work, the fields, Next Session Pickup, key decisions, the tool's
/// capture block and the newest session entry stay. Pure: bytes in, bytes out; `StateArchiving` does the files.
package struct SessionStateArchive {
    /// Past this many lines the offer proposes archiving (Maintenance reports it too).
    package static let lineLimit = 200
    /// Where archives go, relative to the project, and the folder's path relative to session-state.md.
    package static let folder = ".claude/context/archive/session-state"
    static let folderFromState = "archive/session-state"

    let file: StateFileLines
    /// The entries that move, in file order.
    let moving: [StateHistoryEntries.Entry]
    private let history: StateHistoryEntries

    init(bytes: [UInt8]) {
        file = StateFileLines(bytes)
        history = StateHistoryEntries(file)
        moving = Self.older(history.entries, file: file)
    }

    package init(data: Data) { self.init(bytes: [UInt8](data)) }

    package var lineCount: Int { file.lineFeeds }
    package var isLong: Bool { lineCount > Self.lineLimit }
    /// Something would move: the file has session entries besides the newest one and the current one.
    package var hasOlderHistory: Bool { !moving.isEmpty }
    package var movedTitles: [String] { moving.map(\.title) }
    package var movedLineCount: Int { moving.reduce(0) { $0 + $1.lines.count } }

    /// Every entry but the newest (the latest date in its title; the first in the file when none is dated) and
    /// those holding the file's first owned field or `Next Session Pickup` (the current work, wherever it is).
    static func older(_ entries: [StateHistoryEntries.Entry], file: StateFileLines) -> [StateHistoryEntries.Entry] {
        guard entries.count > 1 else { return [] }
        let dated = entries.indices.filter { entries[$0].date != nil }
        let newest =
            dated.max { (entries[$0].date!, $1) < (entries[$1].date!, $0) } ?? entries.startIndex
        let current = currentLines(file)
        return entries.indices.compactMap { index in
            let entry = entries[index]
            if index == newest || current.contains(where: entry.lines.contains) { return nil }
            return entry
        }
    }

    /// The first line of each field step 1 keeps up to date, and of Next Session Pickup: the sections holding
    /// them are current, whatever their titles say.
    private static func currentLines(_ file: StateFileLines) -> [Int] {
        let owned = file.ownedLines()
        let names = ["Status", "Current Work", "Next Step", "Last Updated", "Current Blocker", "Next Session Pickup"]
        let folded = names.map { Array($0.lowercased().utf8) }
        var first: [String: Int] = [:]
        for index in 0..<file.count where !owned[index] {
            for (name, bytes) in zip(names, folded) where first[name] == nil {
                // A byte search first: decoding and matching every line of a long history cost seconds.
                guard file.mentions(index, folded: bytes) else { continue }
                let line = file.text(index)
                let heading = MarkdownDocument.heading(line).map {
                    StateHistoryEntries.words($0.title).hasPrefix(name.lowercased())
                }
                if heading == true || MarkdownDocument.fieldMatch(line, name: name) != nil { first[name] = index }
            }
            if first.count == names.count { break }
        }
        return Array(first.values)
    }

    /// The new session-state bytes and the archive's, for an archive file named `archiveName` made on `day`.
    func apply(day: String, archiveName: String) -> (state: Data, archive: Data) {
        let newline = file.newline
        var archive = Data()
        func line(_ text: String, into data: inout Data) {
            data.append(contentsOf: Array(text.utf8) + newline)
        }
        line("# Session State Archive — \(day)", into: &archive)
        line("", into: &archive)
        line(
            "Older sections of .claude/context/session-state.md (\(moving.count) section(s), \(movedLineCount) "
                + "lines), moved here by jarvis-tui byte for byte.",
            into: &archive
        )
        line("", into: &archive)
        var movedLine = [Bool](repeating: false, count: file.count)
        for entry in moving {
            for index in entry.lines {
                movedLine[index] = true
                archive.append(contentsOf: file.bytes[file.pieces[index]])
                if !file.endsWithLineFeed(index) { archive.append(contentsOf: newline) }
            }
        }
        let link = "\(Self.folderFromState)/\(archiveName)"
        let bullet = "- \(day) · \(moving.count) older section(s), \(movedLineCount) lines: [\(archiveName)](\(link))"
        let (insertAt, pointer) = pointerLines(bullet)
        var state = Data()
        for index in 0...file.count {
            if index == insertAt {
                if index > 0, !file.endsWithLineFeed(index - 1) { state.append(contentsOf: newline) }
                for text in pointer { line(text, into: &state) }
            }
            guard index < file.count, !movedLine[index] else { continue }
            state.append(contentsOf: file.bytes[file.pieces[index]])
        }
        return (state, archive)
    }

    /// Where the pointer goes and its lines: a bullet added to an existing `## Archived History` (after its last
    /// line that is not blank or a `---` rule), else a new section where the first moved entry's section was.
    private func pointerLines(_ bullet: String) -> (Int, [String]) {
        if let section = history.archivedHistory {
            var end = section.upperBound
            while end > section.lowerBound + 1 {
                let text = file.text(end - 1).trimmingCharacters(in: .whitespaces)
                guard text.isEmpty || text == "---" else { break }
                end -= 1
            }
            return (end, [bullet])
        }
        let at = moving.first?.pointerAt ?? file.count
        let blankBefore = at > 0 && !file.text(at - 1).trimmingCharacters(in: .whitespaces).isEmpty
        return (at, (blankBefore ? [""] : []) + ["## Archived History", "", bullet, ""])
    }
}
