import Completion
import Testing

@testable import JarvisScreen

/// `?` opens a box listing every key of the screen's key table (also those the footer leaves out); any
/// key closes it without acting.
@Suite struct HelpOverlayTests {
    func expectEveryHint(_ hints: [(label: String, hint: String)], in buffer: CellBuffer, screen: String) {
        #expect(buffer.text.contains("Keys: \(screen)"))
        for (label, hint) in hints {
            #expect(
                buffer.text.split(separator: "\n").contains { $0.contains(label) && $0.contains(hint) },
                "\(screen): \(label) \(hint) missing\n\(buffer.text)"
            )
        }
    }

    @Test func theOfferListsItsKeysAndTheNextKeyOnlyCloses() {
        var state = OfferState(
            projectName: "acme",
            branch: "main",
            cycles: ScreenFixtures.availability,
            uncommittedChanges: 0,
            heldBack: 0
        )
        #expect(state.handle("?") == nil)
        var buffer = CellBuffer(width: 60, height: 16)
        OfferView.draw(state, into: &buffer, glyphs: .unicode)
        expectEveryHint(state.helpHints, in: buffer, screen: "offer")
        #expect(state.handle("q") == nil, "q closed the help instead of cancelling")
        #expect(!state.showingHelp)
        #expect(state.handle("q") == .cancel)
    }

    @Test func theProgressViewListsItsKeys() {
        var state = ScreenFixtures.progress
        state.showingHelp = true
        var buffer = CellBuffer(width: 80, height: 24)
        ProgressView.draw(state, into: &buffer, glyphs: .unicode)
        expectEveryHint(ProgressState.keys.helpHints, in: buffer, screen: "progress")
    }

    @Test func theViewerListsItsKeysAndTheNextKeyOnlyCloses() {
        var state = ScreenFixtures.viewer()
        #expect(state.handle("?", height: 24) == nil)
        var buffer = CellBuffer(width: 80, height: 24)
        ViewerView.draw(&state, into: &buffer)
        expectEveryHint(ViewerState.keys.helpHints, in: buffer, screen: "summary")
        #expect(state.handle("q", height: 24) == nil)
        #expect(state.handle("q", height: 24) == .quit)
    }

    /// In ASCII the labels are wider (`↑↓/jk` is `up/dn/jk`): the hints still start in one column.
    @Test func asciiHelpKeepsTheHintsInOneColumn() throws {
        var state = OfferState(
            projectName: "acme",
            branch: "main",
            cycles: ScreenFixtures.availability,
            uncommittedChanges: 0,
            heldBack: 0
        )
        _ = state.handle("?")
        var buffer = CellBuffer(width: 80, height: 24)
        OfferView.draw(state, into: &buffer, glyphs: .ascii)
        let rows = buffer.text.split(separator: "\n").map(String.init)
        let move = try #require(rows.first { $0.contains("up/dn/jk") }, "\(buffer.text)")
        let toggle = try #require(rows.first { $0.contains("| Space") }, "\(buffer.text)")
        let moveColumn = move.distance(from: move.startIndex, to: try #require(move.range(of: "move")).lowerBound)
        let toggleColumn = toggle.distance(
            from: toggle.startIndex,
            to: try #require(toggle.range(of: "toggle")).lowerBound
        )
        #expect(moveColumn == toggleColumn, "\(buffer.text)")
    }
}
