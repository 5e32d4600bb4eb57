import Foundation

/// A session-state file laid out the way Jarvis lays it out, grown long: the title and fields, `## Current Work
/// Status` with Key Decisions and Next Session Pickup, the newest session, `older` older sessions (one with a
/// Latin-1 line, one with a fenced block holding a fake heading), the user's notes (a Latin-1 line and trailing
/// blanks) and the tool's capture block from the last run. Both test targets build their projects with it.
package enum LongSessionState {
    /// The first line of each older session: `## Session Summary (2026-10-DD — Week N)`.
    package static func olderTitle(_ number: Int) -> String {
        "Session Summary (2026-10-\(String(format: "%02d", 28 - number)) — Week \(number))"
    }

    package static let newestTitle = "Session (2026-11-30 — Importer headers)"

    /// The file's bytes; 20 lines per older session.
    package static func bytes(older: Int) -> [UInt8] {
        var lines: [[UInt8]] = []
        func add(_ text: String) { lines.append(Array(text.utf8)) }
        for text in [
            "# Session State", "", "**Purpose**: Track current work status across session interruptions.", "",
            "---", "", "## Current Work Status", "", "**Status**: 🟢 Active",
            "**Last Completed**: Importer CSV headers — 2026-11-30", "**Current Blocker**: None",
            "**Current Work**: Building the importer", "", "### Key Decisions",
            "- Use streaming parsing for large files", "- Keep the watcher in bash", "",
            "**Next Session Pickup:**", "1. Handle CSV files with a BOM", "2. Document the importer flags", "",
            "---", "", "## \(newestTitle)", "", "**What Was Done**:", "- Parsed the CSV headers",
            "- 60/60 tests passing", "", "---", "",
        ] {
            add(text)
        }
        for number in stride(from: 1, through: older, by: 1) {
            add("## \(olderTitle(number))")
            add("")
            add("**What Was Done**:")
            for item in 1...10 { add("- Week \(number) item \(item): wired part \(item) of the importer") }
            if number == 2 {
                let latin1: [UInt8] = [0xE9]
                lines.append(Array("- Caf".utf8) + latin1 + Array(" notes from week 2 (Latin-1)".utf8))
            } else if number == 3 {
                add("```")
                add("## Session (not a heading: inside a fence)")
                add("```")
            } else {
                add("")
            }
            add("")
            add("**Files Modified**: `src/week\(number).py`")
            if number != 3 { add("") }
            add("---")
            add("")
        }
        add("## Notes")
        add("")
        add("**Branch**: main")
        let latin1: [UInt8] = [0xE9]
        lines.append(Array("Notes kept by hand, r".utf8) + latin1 + Array("sum  ".utf8))
        add("")
        add("<!-- jarvis-tui:session-capture -->")
        add("## Session Capture — 2026-11-29 18:00")
        add("")
        add("### Pending Todos")
        add("- [ ] Handle CSV files with a BOM")
        add("<!-- /jarvis-tui:session-capture -->")
        return Array(lines.joined(separator: [0x0A])) + [0x0A]
    }

    /// The lines of some bytes, split at line feeds (for checking that no line was lost).
    package static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var pieces = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if pieces.last?.isEmpty == true { pieces.removeLast() }
        return pieces
    }
}
