import Completion
import Foundation
import Testing

@testable import JarvisScreen

/// The progress view's panes after a run, the review's run log and the help overlay, at 80×24 and 200×60, in the
/// default and the monochrome theme: text and styles compared with golden files.
@Suite struct PaneSnapshotTests {
    static let sizes = [(80, 24), (200, 60)]
    static let cases = sizes.flatMap { size in ["default", "mono"].map { (size.0, size.1, $0) } }
    static var arguments: [String] { cases.map { "\($0.0)x\($0.1)-\($0.2)" } }

    static func parse(_ argument: String) -> (width: Int, height: Int, theme: String) {
        let parts = argument.split(separator: "-", maxSplits: 1).map(String.init)
        let (width, height) = ScreenSnapshotTests.parse(parts[0])
        return (width, height, parts[1])
    }

    /// A finished run held for the user: 40 warnings, some long enough to wrap, the warnings pane focused and
    /// scrolled to the first one.
    static var heldRun: ProgressState {
        var state = ScreenFixtures.progress
        for index in 1...40 {
            let detail =
                index % 7 == 0
                ? " — the path is long enough that the reason wraps onto the next row instead of being cut off"
                : ""
            state.apply(.warning(.git, "held back from the commit: secrets/key-\(index).pem\(detail)"))
        }
        for step in [StepID.git, .handoff, .cleanup] {
            state.apply(.stepFinished(step, .done, .milliseconds(40)))
        }
        state.apply(.finished(ScreenFixtures.result))
        _ = state.update(.engineDone)
        _ = state.update(.key(.tab))
        _ = state.update(.key("g"))
        return state
    }

    @Test(arguments: arguments)
    func progressPanesAfterTheRun(argument: String) throws {
        let (width, height, theme) = Self.parse(argument)
        var state = Self.heldRun
        #expect(state.phase == .holding)
        #expect(state.focus == .warnings)
        var buffer = CellBuffer(width: width, height: height)
        state.draw(into: &buffer)
        #expect(buffer.text.contains("Done — Enter: review"))
        #expect(buffer.text.contains("secrets/key-1.pem"))
        try ThemedGolden.check(buffer, theme: theme, named: "panes-\(argument)")
    }

    @Test(arguments: arguments)
    func theRunLogInTheReview(argument: String) throws {
        let (width, height, theme) = Self.parse(argument)
        let run = Self.heldRun
        var review = ReviewState(
            viewer: ScreenFixtures.viewer(),
            log: run.log,
            logFile: ".claude/logs/runs/20261125T090000-session-20261125-0900.log"
        )
        _ = review.update(.key("l"))
        var buffer = CellBuffer(width: width, height: height)
        review.draw(into: &buffer)
        #expect(buffer.text.contains("maintenance │ count: 12"))
        try ThemedGolden.check(buffer, theme: theme, named: "review-log-\(argument)")
    }

    @Test(arguments: arguments)
    func theHelpOverlayOverTheHeldRun(argument: String) throws {
        let (width, height, theme) = Self.parse(argument)
        var state = Self.heldRun
        _ = state.update(.key("?"))
        var buffer = CellBuffer(width: width, height: height)
        state.draw(into: &buffer)
        #expect(buffer.text.contains("Keys: progress"))
        try ThemedGolden.check(buffer, theme: theme, named: "help-\(argument)")
    }
}
