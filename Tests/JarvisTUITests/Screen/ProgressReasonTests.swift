import Completion
import Foundation
import Testing

@testable import JarvisScreen

/// A step's reason is read in full in the narrow steps pane: it wraps at words, its further rows under the step's
/// name (where the offer puts a cycle's reason too), never inside a word.
@Suite struct ProgressReasonTests {
    /// The reason a run gets when the project's memory server has not been approved yet.
    static let longReason =
        "not approved: the `memory` server of .mcp.json was not started, since a project's MCP servers run only "
        + "once you approve them; approve it with `jarvis-tui approve-mcp memory`"

    static var progress: ProgressState {
        var state = ScreenFixtures.progress
        state.apply(.stepFinished(.memory, .degraded(longReason), .milliseconds(1500)))
        return state
    }

    @Test(arguments: ["80x24", "120x40"])
    func aLongReasonWrapsAtWordsUnderTheStepName(size: String) throws {
        let (width, height) = ScreenSnapshotTests.parse(size)
        var buffer = CellBuffer(width: width, height: height)
        ProgressView.draw(Self.progress, into: &buffer, glyphs: .unicode)
        try ScreenGolden.check(buffer, named: "progress-long-reason-\(size)")
        let rows = buffer.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = try #require(rows.firstIndex { $0.contains("2 Memory persistence") }, "\(buffer.text)")
        let name = try #require(rows[first].range(of: "2 Memory persistence")).lowerBound
        let nameColumn = rows[first].distance(from: rows[first].startIndex, to: name)
        let reason = try #require(rows[first].range(of: "degraded:"), "\(buffer.text)").lowerBound
        var pieces = [String(rows[first][reason...])]
        for row in rows[(first + 1)...] {
            let indent = row.prefix { $0 == " " }.count
            guard indent == nameColumn, !row.contains("3 Context file updates") else { break }
            pieces.append(row.trimmingCharacters(in: .whitespaces))
        }
        #expect(pieces.count > 1, "the reason did not wrap:\n\(buffer.text)")
        #expect(pieces.joined(separator: " ") == "degraded: " + Self.longReason, "\(buffer.text)")
        // Each row ends at a word's end: every piece is made of whole words of the reason.
        let words = Set(("degraded: " + Self.longReason).split(separator: " "))
        for piece in pieces {
            #expect(piece.split(separator: " ").allSatisfy(words.contains), "a word was broken: \(piece)")
        }
    }

    /// The first row takes whole words only; a word that does not fit there starts the rows under the name.
    @Test func theFirstRowTakesWholeWordsOnly() {
        #expect(TextWrap.hanging("degraded: memory", first: 12, rest: 30) == ["degraded:", "memory"])
        #expect(TextWrap.hanging("unavailable: no", first: 8, rest: 30) == ["", "unavailable: no"])
        #expect(TextWrap.hanging("a  b   c", first: 10, rest: 10) == ["a b c"])
        // A word wider than every row is broken, starting beside the title.
        #expect(TextWrap.hanging("abcdefghij", first: 4, rest: 3) == ["abcd", "efg", "hij"])
    }
}
