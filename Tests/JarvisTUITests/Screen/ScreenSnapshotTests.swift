import Completion
import Foundation
import Testing

@testable import JarvisScreen

/// Every screen drawn into the cell buffer at 80×24, 120×40 and the minimum size, compared with golden text.
@Suite struct ScreenSnapshotTests {
    @Test(arguments: ScreenFixtures.sizes.map { "\($0.0)x\($0.1)" })
    func offer(size: String) throws {
        let (width, height) = Self.parse(size)
        var buffer = CellBuffer(width: width, height: height)
        OfferView.draw(ScreenFixtures.offer, into: &buffer, glyphs: .unicode)
        try ScreenGolden.check(buffer, named: "offer-\(size)")
    }

    /// Enter on "Skip and end session" with a cycle ticked: the box that asks before dropping it.
    @Test func offerAskingAboutTickedCycles() throws {
        var state = ScreenFixtures.offer
        _ = state.handle(.end)
        _ = state.handle(.enter)
        var buffer = CellBuffer(width: 80, height: 24)
        OfferView.draw(state, into: &buffer, glyphs: .unicode)
        try ScreenGolden.check(buffer, named: "offer-confirm-80x24")
    }

    @Test(arguments: ScreenFixtures.sizes.map { "\($0.0)x\($0.1)" })
    func progress(size: String) throws {
        let (width, height) = Self.parse(size)
        var buffer = CellBuffer(width: width, height: height)
        ProgressView.draw(ScreenFixtures.progress, into: &buffer, glyphs: .unicode)
        try ScreenGolden.check(buffer, named: "progress-\(size)")
    }

    @Test(arguments: ScreenFixtures.sizes.map { "\($0.0)x\($0.1)" })
    func progressWithGate(size: String) throws {
        let (width, height) = Self.parse(size)
        var state = ScreenFixtures.progress
        state.ask(
            Question(
                kind: .push,
                prompt: "Push the session commit to origin/main?",
                detail: "auto_push is off (gate G-06).",
                safeDefault: false
            )
        )
        var buffer = CellBuffer(width: width, height: height)
        ProgressView.draw(state, into: &buffer, glyphs: .unicode)
        try ScreenGolden.check(buffer, named: "progress-gate-\(size)")
    }

    @Test(arguments: ScreenFixtures.sizes.map { "\($0.0)x\($0.1)" })
    func summary(size: String) throws {
        let (width, height) = Self.parse(size)
        var state = ScreenFixtures.viewer()
        var buffer = CellBuffer(width: width, height: height)
        ViewerView.draw(&state, into: &buffer)
        try ScreenGolden.check(buffer, named: "summary-\(size)")
    }

    @Test func summaryInASCII() throws {
        var state = ScreenFixtures.viewer(glyphs: .ascii)
        var buffer = CellBuffer(width: 80, height: 24)
        ViewerView.draw(&state, into: &buffer)
        try ScreenGolden.check(buffer, named: "summary-ascii-80x24")
    }

    @Test func progressInASCII() throws {
        var buffer = CellBuffer(width: 80, height: 24)
        ProgressView.draw(ScreenFixtures.progress, into: &buffer, glyphs: .ascii)
        try ScreenGolden.check(buffer, named: "progress-ascii-80x24")
        #expect(!buffer.text.unicodeScalars.contains { $0.value > 0x7F && "✓○–⠋⠙⠹⠸─│".unicodeScalars.contains($0) })
    }

    @Test func belowTheMinimumEveryScreenShowsTheNotice() throws {
        var buffer = CellBuffer(width: 40, height: 12)
        OfferView.draw(ScreenFixtures.offer, into: &buffer, glyphs: .unicode)
        try ScreenGolden.check(buffer, named: "too-small-40x12")
        var progress = CellBuffer(width: 40, height: 12)
        ProgressView.draw(ScreenFixtures.progress, into: &progress, glyphs: .unicode)
        #expect(progress.text == buffer.text)
        var viewer = ScreenFixtures.viewer()
        var summary = CellBuffer(width: 59, height: 30)
        ViewerView.draw(&viewer, into: &summary)
        #expect(summary.text.contains("Terminal too small"))
    }

    static func parse(_ size: String) -> (Int, Int) {
        let parts = size.split(separator: "x").compactMap { Int($0) }
        return (parts[0], parts[1])
    }
}
