import Completion
import Testing

@testable import JarvisScreen

@Suite struct OfferStateTests {
    /// availability: 1 reflection (no command), 2 evolution (git), 3 research (missing tool), 4 maintenance (git).
    func fresh() -> OfferState {
        OfferState(
            projectName: "acme",
            branch: "main",
            cycles: ScreenFixtures.availability,
            uncommittedChanges: 0,
            heldBack: 0
        )
    }

    @Test func theCursorStartsOnTheFirstAvailableCycle() {
        #expect(fresh().cursor == 1)
        let unavailable = ScreenFixtures.availability.filter { !$0.available }
        let none = OfferState(
            projectName: "acme",
            branch: nil,
            cycles: unavailable,
            uncommittedChanges: 0,
            heldBack: 0
        )
        #expect(none.cursor == none.cycles.count, "nothing available: the cursor is on Skip")
    }

    @Test func movingAndTickingWithKeysSelectsAvailableCycles() {
        var state = fresh()
        #expect(state.handle(.space) == nil)
        #expect(state.selected == [.evolution])
        _ = state.handle(.down)
        _ = state.handle(.down)
        _ = state.handle("x")
        #expect(state.selected == [.evolution, .maintenance])
        _ = state.handle("k")
        _ = state.handle(.up)
        #expect(state.cursor == 1)
        #expect(state.handle(.enter) == .run([.evolution, .maintenance]))
    }

    @Test func anUnavailableCycleCannotBeTickedAndSaysWhy() {
        var state = fresh()
        _ = state.handle("1")
        #expect(state.selected.isEmpty)
        #expect(state.notice?.contains("no command configured") == true)
        _ = state.handle("3")
        #expect(state.selected.isEmpty)
        #expect(state.notice?.contains("not found on PATH") == true)
    }

    @Test func digitsAndToggleAllTouchOnlyAvailableCycles() {
        var state = fresh()
        _ = state.handle("4")
        #expect(state.selected == [.maintenance])
        _ = state.handle("a")
        #expect(Set(state.selected) == [.evolution, .maintenance])
        _ = state.handle("a")
        #expect(state.selected.isEmpty)
    }

    @Test func enterOnSkipWithCyclesTickedAsksBeforeDroppingThem() {
        var state = fresh()
        _ = state.handle("4")
        _ = state.handle("G")
        #expect(state.cursor == 4)
        #expect(state.handle(.enter) == nil)
        #expect(state.confirmingTicked != nil)
        var buffer = CellBuffer(width: 80, height: 24)
        OfferView.draw(state, into: &buffer, glyphs: .unicode)
        #expect(buffer.text.contains("Run the 1 ticked cycle? [Y/n]"))
        // Esc goes back to the list; Enter then asks again and runs the ticked one (yes is highlighted).
        #expect(state.handle(.escape) == nil)
        #expect(state.confirmingTicked == nil)
        #expect(state.handle(.enter) == nil)
        #expect(state.handle(.enter) == .run([.maintenance]))
        _ = state.handle(.enter)
        #expect(state.handle("n") == .run([]))
    }

    @Test func enterOnSkipWithNothingTickedEndsAtOnce() {
        var state = fresh()
        _ = state.handle(.end)
        #expect(state.handle(.enter) == .run([]))
        _ = state.handle(.home)
        #expect(state.cursor == 0)
    }

    @Test(arguments: [Key.character("q"), .escape])
    func quitKeysCancel(key: Key) {
        var state = fresh()
        _ = state.handle("4")
        #expect(state.handle(key) == .cancel)
    }

    @Test func ctrlCInterrupts() {
        var state = fresh()
        #expect(state.handle(.interrupt) == .interrupt)
    }

    @Test func theCursorWrapsAround() {
        var state = fresh()
        state.cursor = 0
        _ = state.handle("k")
        #expect(state.cursor == 4)
        _ = state.handle("j")
        #expect(state.cursor == 0)
    }

    /// Like every list that scrolls, the offer takes the page keys; its list is short enough that a page reaches
    /// either end.
    @Test(arguments: [(Key.pageDown, Key.pageUp), (.ctrlD, .ctrlU), (.end, .home), ("G", "g")])
    func pageKeysReachEitherEnd(down: Key, up: Key) {
        var state = fresh()
        _ = state.handle(down)
        #expect(state.cursor == 4, "on Skip")
        _ = state.handle(up)
        #expect(state.cursor == 0)
    }

    /// The wheel moves through the list as it scrolls a pane: one entry a notch, stopping at either end.
    @Test func theWheelMovesTheCursorAndStopsAtTheEnds() {
        var state = fresh()
        state.cursor = 0
        _ = state.handle(.wheelUp)
        #expect(state.cursor == 0)
        _ = state.handle(.wheelDown)
        #expect(state.cursor == 1)
        for _ in 0..<10 { _ = state.handle(.wheelDown) }
        #expect(state.cursor == 4, "the wheel stops on Skip")
        #expect(state.decision == nil)
    }

    @Test func theFooterShowsEveryHintOfTheKeyTableThatFits() {
        var buffer = CellBuffer(width: 120, height: 30)
        OfferView.draw(fresh(), into: &buffer, glyphs: .unicode)
        let footer = buffer.text.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        for (label, hint) in OfferState.keys.hints {
            #expect(footer.contains("\(label) \(hint)"))
        }
        // Every shown hint dispatches: the labels come from bindings that have actions.
        #expect(OfferState.keys.action(for: "q") == .cancel)
    }

    @Test func theBannerCountsUncommittedAndHeldBackFiles() {
        let state = OfferState(
            projectName: "acme",
            branch: nil,
            cycles: ScreenFixtures.availability,
            uncommittedChanges: 7,
            heldBack: 2
        )
        var buffer = CellBuffer(width: 120, height: 30)
        OfferView.draw(state, into: &buffer, glyphs: .unicode)
        #expect(buffer.text.contains("7 uncommitted changes, 2 held back by the guard"))
        var clean = CellBuffer(width: 120, height: 30)
        OfferView.draw(fresh(), into: &clean, glyphs: .unicode)
        #expect(!clean.text.contains("uncommitted"))
        #expect(clean.text.contains("0 of 2 selected (2 unavailable)"))
    }

    @Test func hostileNamesAreDrawnInert() {
        let state = OfferState(
            projectName: "evil\u{1B}]0;pwned\u{07}app",
            branch: "b\u{1B}[2J",
            cycles: ScreenFixtures.availability,
            uncommittedChanges: 0,
            heldBack: 0
        )
        var buffer = CellBuffer(width: 100, height: 30)
        OfferView.draw(state, into: &buffer, glyphs: .unicode)
        #expect(!buffer.text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }
}
