import Foundation
import Testing

@testable import Completion

/// A session-state of several megabytes, read and written in chunks: the older sections must land in the archive
/// and the rest in session-state.md exactly as they were, across chunk boundaries, a line longer than a chunk,
/// Latin-1 bytes and trailing blanks included.
@Suite("Session-state archive: a large file, byte for byte")
struct LargeStateArchiveTests {
    static let top = Array(
        "# Session State\n\n**Status**: Active\n**Current Work**: the importer\n**Next Step**: the BOM\n\n".utf8
    )
    static let newest = Array("## Session (2026-11-30)\n\n- the newest work stays\n\n".utf8)
    static let notes = Array("## Notes\n\nKeep the operator's comments.   \n".utf8)

    /// Older section `index`: about `kilobytes` KB of lines, one of them a Latin-1 line with trailing blanks, and
    /// in the third a single line longer than a read chunk.
    static func older(_ index: Int, kilobytes: Int) -> [UInt8] {
        var bytes = Array("## Session (2026-01-\(String(format: "%02d", index)))\n\n".utf8)
        var line = 0
        while bytes.count < kilobytes << 10 {
            bytes += Array("- item \(index).\(line): moved with the older history\n".utf8)
            if line % 997 == 0 { bytes += Array("Caf".utf8) + [0xE9] + Array(" r\u{e9}sum\u{e9}  \n".utf8) }
            line += 1
        }
        if index == 3 { bytes += [UInt8](repeating: UInt8(ascii: "x"), count: (FileChunks.size * 3) / 2) + [0x0A] }
        return bytes + [0x0A]
    }

    @Test func everyByteLandsInTheArchiveOrStaysAndARerunReusesTheArchive() throws {
        let fixture = SessionStateArchiveTests()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let olders = (1...6).map { Self.older($0, kilobytes: 900) }
        let original = Self.top + Self.newest + olders.flatMap { $0 } + Self.notes
        #expect(original.count > 6 << 20)
        try fixture.write(original)

        let offer = try #require(StateArchiveOffer.check(fixture.project))
        #expect(offer.sections == 6)
        let now = try #require(Timestamp.parseISO("2026-12-02T12:00:00Z"))
        let day = Timestamp.day(now)
        let result = StateArchiving.run(
            project: fixture.project,
            writer: ProjectWriter(project: fixture.project, dryRun: false),
            now: now
        )
        #expect(result.archived, "\(result.sentence)")

        let name = "session-state-\(day).md"
        let movedLines = olders.reduce(0) { $0 + $1.filter { $0 == 0x0A }.count }
        let header =
            "# Session State Archive — \(day)\n\nOlder sections of .claude/context/session-state.md (6 section(s), "
            + "\(movedLines) lines), moved here by jarvis-tui byte for byte.\n\n"
        #expect(fixture.archiveBytes(name) == Array(header.utf8) + olders.flatMap { $0 })
        let pointer =
            "## Archived History\n\n- \(day) · 6 older section(s), \(movedLines) lines: "
            + "[\(name)](archive/session-state/\(name))\n\n"
        let expectedState = Self.top + Self.newest + Array(pointer.utf8) + Self.notes
        #expect(fixture.state() == expectedState)
        #expect(result.linesAfter == expectedState.filter { $0 == 0x0A }.count)
        #expect(result.linesBefore == original.filter { $0 == 0x0A }.count)

        // The state file put back as it was (a run killed between its two writes leaves that): the archive that
        // already holds exactly these bytes is used again, not copied to a second one.
        try fixture.write(original)
        let again = StateArchiving.run(
            project: fixture.project,
            writer: ProjectWriter(project: fixture.project, dryRun: false),
            now: now
        )
        #expect(again.archivePath == "\(SessionStateArchive.folder)/\(name)", "\(again.sentence)")
        #expect(fixture.archives() == [name])
        #expect(fixture.state() == expectedState)
    }
}
