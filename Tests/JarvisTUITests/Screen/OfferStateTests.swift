import Completion
import Testing
@testable import JarvisScreen

@Suite struct OfferStateTests {
    /// availability: 1 reflection (no command), 2 evolution (git), 3 research (missing tool), 4 maintenance (git).
    func fresh() -> OfferState {
        OfferState(projectName: "acme", branch: "main", cycles: ScreenFixtures.availability, uncommittedChanges: 0, heldBack: 0)
    }

    @Test func movingAndTickingWithKeysSelectsAvailableCycles() {
        var state = fresh()
        #expect(state.handle("j") == nil)
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

    @Test func enterOnSkipEndsWithoutCyclesEvenWhenSomeAreTicked() {
        var state = fresh()
        _ = state.handle("4")
        for _ in 0..<(4 - state.cursor) { _ = state.handle("j") }
        #expect(state.cursor == 4)
        #expect(state.handle(.enter) == .run([]))
    }

    @Test(arguments: [Key.character("q"), .escape, .interrupt])
    func quitKeysCancel(key: Key) {
        var state = fresh()
        _ = state.handle("4")
        #expect(state.handle(key) == .cancel)
    }

    @Test func theCursorWrapsAround() {
        var state = fresh()
        _ = state.handle("k")
        #expect(state.cursor == 4)
        _ = state.handle("j")
        #expect(state.cursor == 0)
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
        let state = OfferState(projectName: "acme", branch: nil, cycles: ScreenFixtures.availability, uncommittedChanges: 7, heldBack: 2)
        var buffer = CellBuffer(width: 120, height: 30)
        OfferView.draw(state, into: &buffer, glyphs: .unicode)
        #expect(buffer.text.contains("7 uncommitted changes, 2 held back by the guard"))
        var clean = CellBuffer(width: 120, height: 30)
        OfferView.draw(fresh(), into: &clean, glyphs: .unicode)
        #expect(!clean.text.contains("uncommitted"))
        #expect(clean.text.contains("0 of 2 selected (2 unavailable)"))
    }

    @Test func hostileNamesAreDrawnInert() {
        let state = OfferState(projectName: "evil\u{1B}]0;pwned\u{07}app", branch: "b\u{1B}[2J", cycles: ScreenFixtures.availability, uncommittedChanges: 0, heldBack: 0)
        var buffer = CellBuffer(width: 100, height: 30)
        OfferView.draw(state, into: &buffer, glyphs: .unicode)
        #expect(!buffer.text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }
}
