import Completion
import Testing

@testable import JarvisScreen

/// The offer's choice to archive a long session-state: a row after the cycles, unticked, toggled like a cycle,
/// dropped when the user skips.
@Suite struct OfferArchiveChoiceTests {
    /// The fixture's four cycles (evolution and maintenance available) and the archive choice as row 5.
    func offer() -> OfferState {
        var state = OfferState(
            projectName: "acme",
            branch: "main",
            cycles: ScreenFixtures.availability,
            uncommittedChanges: 0,
            heldBack: 0
        )
        state.stateArchive = StateArchiveOffer(lines: 312, sections: 6)
        return state
    }

    func screen(_ state: OfferState) -> String {
        var buffer = CellBuffer(width: 100, height: 30)
        OfferView.draw(state, into: &buffer, glyphs: .unicode)
        return buffer.text
    }

    @Test func theRowIsListedUntickedAndFiveTicksIt() {
        var state = offer()
        let row = try? #require(screen(state).split(separator: "\n").first { $0.contains("Archive session-state") })
        #expect(row?.contains("5 [ ] Archive session-state history (312 lines; keeps the current work)") == true)
        #expect(!state.archiveTicked)
        _ = state.handle("5")
        #expect(state.archiveTicked && state.cursor == 4)
        #expect(screen(state).contains("5 [x] Archive session-state history"))
        #expect(state.handle(.enter) == .run([]))
        #expect(state.archiveTicked, "the choice goes with the decision")
    }

    @Test func theFooterAndTheHelpNameFiveNumbersOnlyWhenTheChoiceIsOffered() {
        var state = offer()
        #expect(screen(state).contains("1-5 tick"), "\(screen(state))")
        _ = state.handle("?")
        #expect(screen(state).contains("1-5"), "\(screen(state))")
        state.stateArchive = nil
        state.showingHelp = false
        #expect(screen(state).contains("1-4 tick") && !screen(state).contains("1-5"), "\(screen(state))")
    }

    @Test func spaceOnTheRowTogglesItAndCyclesStayApart() {
        var state = offer()
        _ = state.handle(.space)  // evolution, where the cursor starts
        _ = state.handle("G")
        _ = state.handle(.up)  // from Skip up to the archive row
        _ = state.handle(.space)
        #expect(state.archiveTicked && state.selected == [.evolution])
        _ = state.handle("a")
        #expect(state.selected == [.evolution, .maintenance] && state.archiveTicked, "a ticks cycles only")
        #expect(state.handle(.enter) == .run([.evolution, .maintenance]))
        #expect(state.archiveTicked)
    }

    @Test func skippingWithOnlyTheArchiveTickedAsksAndNoDropsIt() {
        var state = offer()
        _ = state.handle("5")
        _ = state.handle("G")
        #expect(state.handle(.enter) == nil, "Enter on Skip with the choice ticked asks first")
        #expect(screen(state).contains("Run the 1 ticked choice? [Y/n]"))
        #expect(state.handle("n") == .run([]))
        #expect(!state.archiveTicked, "n ends without it")
    }

    @Test func withoutTheChoiceThereIsNoRowAndFiveDoesNothing() {
        var state = offer()
        state.stateArchive = nil
        #expect(!screen(state).contains("Archive session-state"))
        _ = state.handle("5")
        #expect(!state.archiveTicked && state.cursor == 1)
    }
}
