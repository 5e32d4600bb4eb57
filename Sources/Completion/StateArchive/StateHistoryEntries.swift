import Foundation

/// The session history in a session-state file, as Jarvis lays it out: `## Session (2026-01-22 — …)`,
/// `## Quick Session (…)` or `## Session Summary …` sections below the current work, or `### …` entries under a
/// `## Session History` section. Everything else (the title and fields at the top, `## Current …`, `## Next …`,
/// key decisions, blockers, notes, `## Archived History`, the tool's owned blocks, any section of the user's own)
/// is never an entry, so it never moves.
struct StateHistoryEntries {
    /// One history entry: its lines (heading to the line before the next boundary), title and date.
    struct Entry: Equatable {
        let lines: Range<Int>
        let title: String
        /// The first `YYYY-MM-DD` in the title, if any.
        let date: String?
        /// Where the level-2 section holding it ends: a new `## Archived History` goes there when the entry is a
        /// `###` one (at its own start when it is a `##` section).
        let pointerAt: Int
    }

    private(set) var entries: [Entry] = []
    /// The `## Archived History` section's lines, when the file has one.
    private(set) var archivedHistory: Range<Int>?

    init(_ file: StateFileLines) {
        let boundaries = Self.headings(file)
        // Level-2 sections: from a level 1-2 heading or the end of an owned block to the next of either, each with
        // the level-3 headings inside it, gathered in one pass (a file of many headings stays linear).
        var start = 0
        var title: String?
        var nested: [(index: Int, level: Int, title: String)] = []
        for boundary in boundaries {
            guard boundary.level <= 2 else {
                nested.append(boundary)
                continue
            }
            if boundary.index > start || title != nil { classify((start, boundary.index, title), nested: nested) }
            start = boundary.index
            title = boundary.level == 2 ? boundary.title : nil
            nested = []
        }
        if file.count > start { classify((start, file.count, title), nested: nested) }
    }

    /// Level 1-3 headings outside fences and owned blocks; the end of an owned block counts as a level-1 boundary
    /// (the block is never part of a section) and so does its start. Blocks that touch count as one.
    private static func headings(_ file: StateFileLines) -> [(index: Int, level: Int, title: String)] {
        var blocks: [ClosedRange<Int>] = []
        for block in file.owned {
            if let last = blocks.last, last.upperBound + 1 >= block.lowerBound {
                blocks[blocks.count - 1] = last.lowerBound...max(last.upperBound, block.upperBound)
            } else {
                blocks.append(block)
            }
        }
        var found: [(index: Int, level: Int, title: String)] = []
        var inFence = false
        var next = 0
        func passBlocks(before index: Int) {
            while next < blocks.count, blocks[next].lowerBound <= index {
                found.append((blocks[next].lowerBound, 1, ""))
                if blocks[next].upperBound + 1 < file.count { found.append((blocks[next].upperBound + 1, 1, "")) }
                next += 1
            }
        }
        for line in file.notable {
            passBlocks(before: line.index)
            if next > 0, blocks[next - 1].contains(line.index) { continue }
            if line.isFence { inFence.toggle() }
            guard !inFence, let heading = line.heading, heading.level <= 3 else { continue }
            found.append((line.index, heading.level, heading.title))
        }
        passBlocks(before: file.count)
        return found
    }

    private mutating func classify(
        _ section: (start: Int, end: Int, title: String?),
        nested: [(index: Int, level: Int, title: String)]
    ) {
        let title = section.title.map(Self.words) ?? ""
        if section.title != nil, title.hasPrefix("archived history") {
            if archivedHistory == nil { archivedHistory = section.start..<section.end }
            return
        }
        if section.title != nil, Self.isKept(title) { return }
        if let heading = section.title, !Self.isContainer(title), Self.isHistory(title) {
            entries.append(Entry(section.start..<section.end, heading, section.start))
            return
        }
        // The top of the file or a `## Session History`: its `###` entries are the history. At the top only
        // sessions count (a `### Key Decisions` there is current).
        let container = section.title != nil && Self.isContainer(title)
        guard section.title == nil || container else { return }
        for (position, heading) in nested.enumerated() {
            let words = Self.words(heading.title)
            guard !Self.isKept(words), container || Self.isHistory(words) else { continue }
            let end = position + 1 < nested.count ? nested[position + 1].index : section.end
            entries.append(Entry(heading.index..<end, heading.title, section.end))
        }
    }

    /// The title lowercased, without leading symbols (emoji, numbering), for matching.
    static func words(_ title: String) -> String {
        String(title.lowercased().drop { !$0.isLetter })
    }

    /// Current work, what comes next, decisions, blockers and notes stay where they are whatever their dates.
    static func isKept(_ words: String) -> Bool {
        [
            "current", "next", "key decision", "decision", "blocker", "note", "todo", "to do", "pending",
            "open", "active", "session state", "status", "archive",
        ].contains { words.hasPrefix($0) }
    }

    static func isHistory(_ words: String) -> Bool {
        let sessionLike = [
            "session", "quick session", "previous session", "past session", "earlier session", "prior session",
            "older session", "last session", "completed session", "work session",
        ].contains { words.hasPrefix($0) }
        return sessionLike || date(in: words) != nil
    }

    /// `## Session History`, `## History`, `## Previous Sessions`, `## Session Log`: their `###` are the entries.
    static func isContainer(_ words: String) -> Bool {
        words.contains("history") || words.hasSuffix("sessions") || words.hasSuffix(" log") || words == "log"
    }

    /// The first `YYYY-MM-DD` in a title.
    static func date(in text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10 else { return nil }
        let digit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        for start in 0...(bytes.count - 10) {
            let s = bytes[start..<(start + 10)]
            let shape = s.enumerated().allSatisfy { offset, byte in
                offset == 4 || offset == 7 ? byte == UInt8(ascii: "-") : digit(byte)
            }
            if shape { return String(decoding: s, as: UTF8.self) }
        }
        return nil
    }
}

extension StateHistoryEntries.Entry {
    init(_ lines: Range<Int>, _ title: String, _ pointerAt: Int) {
        self.init(lines: lines, title: title, date: StateHistoryEntries.date(in: title), pointerAt: pointerAt)
    }
}
