import Foundation

/// Moving the older session history out of a long session-state file, as Jarvis does: the older sections go, byte
/// for byte, into a dated file under `.claude/context/archive/session-state/`, and a `## Archived History` section
/// in session-state.md points to it. The current work, the fields, Next Session Pickup, key decisions, the tool's
/// capture block and the newest session entry stay. The file is read in chunks (`MarkdownFile`, `StateFileLines`) and
/// both outputs are emitted in chunks, so a file of tens of megabytes is never held; `StateArchiving` writes them.
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

    /// Plans the move for `source`, read in one pass of its own besides the two of `MarkdownFile.open`.
    package init(_ source: MarkdownFile) throws {
        file = try StateFileLines(source)
        history = StateHistoryEntries(file)
        moving = Self.older(history.entries, file: file)
    }

    /// session-state.md's line feeds, counted in chunks, and its plan when it has more than `lineLimit` (a short
    /// file, the usual case, is never parsed); nil when there is no such file.
    package static func plan(_ project: Project) throws -> (lines: Int, archive: SessionStateArchive?)? {
        let files = ProjectFiles(project)
        guard let (fd, info) = try files.openForReading(project.sessionStateFile) else { return nil }
        var lineFeeds = 0
        do {
            defer { close(fd) }
            try FileChunks.forEach(fd, length: Int(info.st_size), path: project.sessionStateFile.path) { chunk in
                guard let base = chunk.baseAddress else { return }
                var position = 0
                while position < chunk.count, let found = memchr(base + position, 0x0A, chunk.count - position) {
                    lineFeeds += 1
                    position = UnsafeRawPointer(found) - base + 1
                }
            }
        }
        guard lineFeeds > lineLimit else { return (lineFeeds, nil) }
        guard let source = try MarkdownFile.open(project.sessionStateFile, files: files) else { return nil }
        let archive = try SessionStateArchive(source)
        return (archive.lineCount, archive)
    }

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
        let current = Array(file.currentLines.values)
        return entries.indices.compactMap { index in
            let entry = entries[index]
            if index == newest || current.contains(where: entry.lines.contains) { return nil }
            return entry
        }
    }

    /// The archive's bytes, emitted in pieces: a header, then the moved lines as they were.
    func emitArchive(day: String, _ emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        try withoutActuallyEscaping(emit) { try emitArchive(day: day, into: ChunkedOutput($0)) }
    }

    private func emitArchive(day: String, into output: ChunkedOutput) throws {
        var out = output
        let newline = file.newline
        for text in [
            "# Session State Archive — \(day)", "",
            "Older sections of .claude/context/session-state.md (\(moving.count) section(s), \(movedLineCount) "
                + "lines), moved here by jarvis-tui byte for byte.", "",
        ] {
            try out.append(Array(text.utf8) + newline)
        }
        var moved = MovedLines(moving)
        try file.forEachRawLine { index, bytes in
            guard moved.contains(index) else { return }
            try out.append(bytes)
            if !file.endsWithLineFeed(index) { try out.append(newline) }
        }
        try out.flush()
    }

    /// The new session-state bytes, emitted in pieces, for an archive file named `archiveName` made on `day`:
    /// every line that does not move, as it was, with the pointer to the archive. Returns its line feeds.
    @discardableResult
    func emitState(day: String, archiveName: String, _ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        try withoutActuallyEscaping(emit) { try emitState(day: day, archiveName: archiveName, into: ChunkedOutput($0)) }
    }

    private func emitState(day: String, archiveName: String, into output: ChunkedOutput) throws -> Int {
        var out = output
        let newline = file.newline
        let link = "\(Self.folderFromState)/\(archiveName)"
        let bullet = "- \(day) · \(moving.count) older section(s), \(movedLineCount) lines: [\(archiveName)](\(link))"
        let (insertAt, pointer) = pointerLines(bullet)
        func insertPointer() throws {
            if insertAt > 0, !file.endsWithLineFeed(insertAt - 1) { try out.append(newline) }
            for text in pointer { try out.append(Array(text.utf8) + newline) }
        }
        var moved = MovedLines(moving)
        try file.forEachRawLine { index, bytes in
            if index == insertAt { try insertPointer() }
            guard !moved.contains(index) else { return }
            try out.append(bytes)
        }
        if insertAt == file.count { try insertPointer() }
        try out.flush()
        return out.lineFeeds
    }

    /// Where the pointer goes and its lines: a bullet added to an existing `## Archived History` (after its last
    /// line that is not blank or a `---` rule), else a new section where the first moved entry's section was.
    private func pointerLines(_ bullet: String) -> (Int, [String]) {
        if let section = history.archivedHistory {
            // After its last line that is neither blank nor `---`, and after its heading at least.
            let end = max(section.lowerBound + 1, file.lastSubstantive(before: section.upperBound) + 1)
            return (end, [bullet])
        }
        let at = moving.first?.pointerAt ?? file.count
        let blankBefore = at > 0 && file.lastFilled(before: at) == at - 1
        return (at, (blankBefore ? [""] : []) + ["## Archived History", "", bullet, ""])
    }
}

/// Which lines of a pass move, asked in increasing line order.
private struct MovedLines {
    let ranges: [Range<Int>]
    private var next = 0

    init(_ entries: [StateHistoryEntries.Entry]) {
        ranges = entries.map(\.lines).sorted { $0.lowerBound < $1.lowerBound }
    }

    mutating func contains(_ index: Int) -> Bool {
        while next < ranges.count, ranges[next].upperBound <= index { next += 1 }
        return next < ranges.count && ranges[next].contains(index)
    }
}
