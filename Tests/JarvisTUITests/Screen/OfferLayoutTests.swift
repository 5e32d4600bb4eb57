import Completion
import Foundation
import Testing

@testable import JarvisScreen

/// Why a cycle is unavailable is read in full: it wraps under its cycle instead of being cut, and a list taller
/// than the screen scrolls so the cursor's cycle is always whole on screen.
@Suite struct OfferLayoutTests {
    /// A reason as long as a real one gets when a configured tool is missing and the PATH is long.
    static let longReason =
        "`/opt/team-tools/reflection/bin/deep-reflect` was not found or is not executable (PATH: "
        + "/home/dev/.local/bin:/usr/local/bin:/usr/bin:/bin); install it or set "
        + "session_completion.cycles.reflection.command in .claude/config/autonomy-config.yaml"

    static var offer: OfferState {
        var state = ScreenFixtures.offer
        var cycles = state.cycles
        cycles[0] = CycleAvailability(cycle: .reflection, available: false, reason: longReason)
        state = OfferState(
            projectName: state.projectName,
            branch: state.branch,
            cycles: cycles,
            uncommittedChanges: state.uncommittedChanges,
            heldBack: state.heldBack
        )
        state.selected = [.maintenance]
        state.cursor = 1
        return state
    }

    static func draw(_ state: OfferState, width: Int, height: Int, glyphs: Glyphs = .unicode) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        OfferView.draw(state, into: &buffer, glyphs: glyphs)
        return buffer
    }

    @Test(arguments: ["80x24", "120x40"])
    func aLongReasonWrapsUnderItsCycle(size: String) throws {
        let (width, height) = ScreenSnapshotTests.parse(size)
        let buffer = Self.draw(Self.offer, width: width, height: height)
        try ScreenGolden.check(buffer, named: "offer-long-reason-\(size)")
        let text = buffer.text
        let reasonRows = text.split(separator: "\n").filter { !$0.contains("uncommitted") }
        #expect(!reasonRows.contains { $0.hasSuffix("…") }, "a reason was cut:\n\(text)")
        // Every word of the reason is on screen, in order, on the rows under the cycle.
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = try #require(rows.firstIndex { $0.contains("Self-Reflection") })
        let reason = try #require(rows[first].range(of: "unavailable:")).lowerBound
        let title = try #require(rows[first].range(of: "Self-Reflection")).lowerBound
        let underTitle = String(repeating: " ", count: rows[first].distance(from: rows[first].startIndex, to: title))
        var joined = String(rows[first][reason...])
        for row in rows[(first + 1)...] {
            guard row.hasPrefix(underTitle), row.count > underTitle.count else { break }
            joined += " " + row.trimmingCharacters(in: .whitespaces)
        }
        #expect(joined == "unavailable: " + Self.longReason)
    }

    /// At the minimum size the long reason makes the list taller than its room: moving the cursor over every entry
    /// keeps the cursor's entry on screen (whole when it fits), and the entries out of view are counted.
    @Test func theListScrollsToKeepTheCursorsEntryWhole() {
        var state = Self.offer
        state.cursor = 0
        let layout = OfferLayout(state: state, width: Chrome.minimumWidth, glyphs: .unicode)
        let room = OfferView.listBottom(CellBuffer(width: 60, height: 16)) - OfferView.listTop + 1
        #expect(layout.lines.count > room, "the fixture must not fit at the minimum size")
        var sawAbove = false
        var sawBelow = false
        for cursor in 0...state.cycles.count {
            state.cursor = cursor
            let buffer = Self.draw(state, width: Chrome.minimumWidth, height: Chrome.minimumHeight)
            let rows = buffer.text.split(separator: "\n", omittingEmptySubsequences: false)
            let list = rows[OfferView.listTop...OfferView.listBottom(buffer)]
            #expect(list.contains { $0.contains("›") }, "cursor \(cursor) is off screen:\n\(buffer.text)")
            let mine = OfferLayout(state: state, width: 60, glyphs: .unicode).lines.filter { $0.entry == cursor }
            // An entry taller than the room shows from its first row.
            for line in mine.prefix(room) {
                let words = line.text.plainText.trimmingCharacters(in: .whitespaces)
                #expect(list.contains { $0.contains(words) }, "row \(words.debugDescription) of entry \(cursor) hidden")
            }
            sawAbove = sawAbove || rows[OfferView.listTop - 1].contains("↑")
            sawBelow = sawBelow || rows[OfferView.listBottom(buffer) + 1].contains("↓ ")
            // The counter and the banner stay where they are, below the list.
            #expect(rows[Chrome.minimumHeight - 5].contains("1 of 2 selected"))
            #expect(rows[Chrome.minimumHeight - 3].contains("uncommitted"))
        }
        #expect(sawAbove && sawBelow)
        state.cursor = 0
        let top = Self.draw(state, width: Chrome.minimumWidth, height: Chrome.minimumHeight).text
        #expect(top.contains("↓ ") && top.contains("Self-Reflection"), "\(top)")
    }

    @Test func theWindowCountsEntriesOutOfView() {
        var state = Self.offer
        state.cursor = state.cycles.count
        let layout = OfferLayout(state: state, width: 60, glyphs: .unicode)
        let window = layout.window(rows: 4, cursor: state.cursor)
        #expect(window.rows.upperBound == layout.lines.count)
        #expect(window.below == 0)
        #expect(window.above >= 2)
        let everything = layout.window(rows: layout.lines.count, cursor: 0)
        #expect(everything == OfferLayout.Window(rows: 0..<layout.lines.count, above: 0, below: 0))
    }

    /// In ASCII the wrapped reason is drawn with ASCII only, and still whole.
    @Test func anASCIIOfferWrapsTheReasonToo() {
        let buffer = Self.draw(Self.offer, width: 80, height: 24, glyphs: .ascii)
        let nonASCII = buffer.text.unicodeScalars.filter { !$0.isASCII }
        #expect(nonASCII.isEmpty, "\(buffer.text)")
        #expect(buffer.text.contains("autonomy-config.yaml"))
    }
}
