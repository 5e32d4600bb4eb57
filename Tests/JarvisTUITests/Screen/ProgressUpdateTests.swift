import Completion
import Foundation
import Testing

@testable import JarvisScreen

/// The progress view's update loop: each message changes the state and asks for effects; nothing else acts.
@Suite struct ProgressUpdateTests {
    func running() -> ProgressState {
        var state = ProgressState(projectName: "p", branch: nil)
        state.apply(.stepStarted(.memory))
        return state
    }

    @Test func ctrlCAsksAndHoldsTheRunASecondStopsAtOnce() {
        var state = running()
        #expect(state.update(.key(.interrupt)) == [.control(.pause)])
        #expect(state.askingToStop)
        #expect(state.update(.key(.interrupt)) == [.control(.stopNow), .finish])
        #expect(state.phase == .stoppedAtOnce)
    }

    @Test func sigtermStopsAtOnceAndSigintAsks() {
        var asked = running()
        #expect(asked.update(.signal(SIGINT)) == [.control(.pause)])
        var stopped = running()
        #expect(stopped.update(.signal(SIGTERM)) == [.control(.stopNow), .finish])
    }

    @Test func theStopQuestionsAnswersResumeTheRun() {
        var stop = running()
        _ = stop.update(.key("q"))
        #expect(stop.update(.key("y")) == [.control(.stopAfterStep), .control(.resume)])
        #expect(stop.stopRequested)
        var keepGoing = running()
        _ = keepGoing.update(.key(.escape))
        #expect(keepGoing.update(.key(.escape)) == [.control(.resume)])
        #expect(!keepGoing.askingToStop && !keepGoing.stopRequested)
    }

    @Test func aGateQuestionIsAnsweredThroughAnEffect() {
        var state = running()
        _ = state.update(.question(Question(kind: .push, prompt: "Push?", safeDefault: false)))
        #expect(state.update(.key(.left)).isEmpty)
        #expect(state.update(.key(.enter)) == [.answer(true)])
        #expect(state.question == nil)
    }

    @Test func sSkipsOnlyARunningCycle() {
        var state = ProgressState(projectName: "p", branch: nil, cycles: [.maintenance])
        #expect(state.update(.key("s")).isEmpty)
        state.apply(.cycleStarted(.maintenance))
        #expect(state.update(.key("s")) == [.control(.skipCycle)])
    }

    func ended(pause: ReviewPause, elapsed: Duration, warnings: Int) -> (ProgressState, [ScreenEffect]) {
        var state = running()
        state.reviewPause = pause
        for index in 0..<warnings { state.apply(.warning(nil, "w\(index)")) }
        state.apply(
            .finished(
                RunResult(
                    exitStatus: .completed,
                    steps: [],
                    cycles: [],
                    warnings: [],
                    summaryPath: nil,
                    handoffQuality: 90,
                    elapsed: elapsed,
                    message: nil
                )
            )
        )
        let effects = state.update(.engineDone)
        return (state, effects)
    }

    @Test func theViewStaysAfterTheRunUnlessItWasQuickAndClean() {
        #expect(ended(pause: .auto, elapsed: .milliseconds(400), warnings: 0).1 == [.finish])
        #expect(ended(pause: .auto, elapsed: .milliseconds(400), warnings: 1).0.phase == .holding)
        #expect(ended(pause: .auto, elapsed: .seconds(3), warnings: 0).0.phase == .holding)
        #expect(ended(pause: .never, elapsed: .seconds(3), warnings: 5).1 == [.finish])
        #expect(ended(pause: .always, elapsed: .milliseconds(1), warnings: 0).0.phase == .holding)
    }

    @Test func heldEnterOpensTheReviewAndQLeaves() {
        var review = ended(pause: .always, elapsed: .seconds(2), warnings: 0).0
        #expect(review.update(.key(.enter)) == [.finish])
        #expect(review.phase == .toReview)
        var quit = ended(pause: .always, elapsed: .seconds(2), warnings: 0).0
        #expect(quit.update(.key("q")) == [.finish])
        #expect(quit.phase == .quit)
    }

    @Test func tabMovesTheFocusAndTheKeysScrollTheFocusedPane() {
        var state = running()
        for index in 1...50 { state.apply(.warning(nil, "warning \(index)")) }
        #expect(state.focus == .log)
        _ = state.update(.key(.tab))
        #expect(state.focus == .warnings)
        var buffer = CellBuffer(width: 80, height: 24)
        state.draw(into: &buffer)
        #expect(!buffer.text.contains("warning 1\n"), "the pane follows the newest warnings")
        #expect(buffer.text.contains("↑"))
        _ = state.update(.key(.home))
        buffer = CellBuffer(width: 80, height: 24)
        state.draw(into: &buffer)
        #expect(buffer.text.contains("• warning 1\n"))
        #expect(buffer.text.contains("↓"))
        _ = state.update(.key(.wheelDown))
        buffer = CellBuffer(width: 80, height: 24)
        state.draw(into: &buffer)
        #expect(!buffer.text.contains("• warning 1\n"), "the wheel scrolled the warnings")
        #expect(buffer.text.contains("• warning 4\n"))
        _ = state.update(.key(.tab))
        _ = state.update(.key(.tab))
        #expect(state.focus == .log)
    }

    /// Without warnings there is no warnings pane to focus.
    @Test func tabSkipsAMissingWarningsPane() {
        var state = running()
        _ = state.update(.key(.tab))
        #expect(state.focus == .steps)
        _ = state.update(.key(.tab))
        #expect(state.focus == .log)
    }
}

@Suite struct ReviewStateTests {
    func review(log: Bool = true) -> ReviewState {
        var lines = RunLogLines()
        lines.append(.cycleOutput(.maintenance, "cycle said hello"), at: .seconds(1))
        return ReviewState(viewer: ScreenFixtures.viewer(), log: log ? lines : nil, logFile: ".claude/logs/runs/r.log")
    }

    @Test func lSwitchesBetweenTheSummaryAndTheLog() {
        var state = review()
        #expect(state.update(.key("l")).isEmpty)
        var buffer = CellBuffer(width: 80, height: 24)
        state.draw(into: &buffer)
        #expect(buffer.text.contains("0:01 maintenance │ cycle said hello"))
        #expect(buffer.text.contains(".claude/logs/runs/r.log"))
        _ = state.update(.key("l"))
        buffer = CellBuffer(width: 80, height: 24)
        state.draw(into: &buffer)
        #expect(buffer.text.contains("Session Summary"))
        #expect(buffer.text.contains("l run log"))
    }

    @Test func withoutARunThereIsNoLogToSwitchTo() {
        var state = review(log: false)
        _ = state.update(.key("l"))
        #expect(!state.showingLog)
    }

    @Test func eAsksForTheEditorAndItsTextComesBack() {
        var state = review()
        #expect(state.update(.key("e")) == [.openEditor("/work/acme/.claude/reports/sessions/session-2026-11-25.md")])
        _ = state.update(.editorClosed(problem: "Editor not found: nope", text: "# Edited\n"))
        var buffer = CellBuffer(width: 80, height: 24)
        state.draw(into: &buffer)
        #expect(buffer.text.contains("Edited"))
        #expect(buffer.text.contains("Editor not found: nope"))
        #expect(state.update(.key("q")) == [.finish])
    }

    /// The result and score come first; the path gives way, its leading folders dropped.
    @Test func theTitleShowsTheResultFirstAndShortensThePath() {
        let viewer = ViewerState(
            title: "completed in 12.3 s · handoff 85/100",
            path: "/home/someone/projects/company/acme-app/.claude/reports/sessions/session-2026-11-25.md",
            markdown: "# Session Summary\n"
        )
        var state = ReviewState(viewer: viewer)
        var buffer = CellBuffer(width: 80, height: 24)
        state.draw(into: &buffer)
        let title = buffer.text.split(separator: "\n")[0]
        #expect(title.contains("completed in 12.3 s · handoff 85/100"))
        #expect(title.contains("…/session-2026-11-25.md") || title.contains("…/sessions/session-2026-11-25.md"))
    }

    @Test func pathsFitByDroppingFoldersFirst() {
        #expect(PathFit.fit("/a/b/c.md", to: 20) == "/a/b/c.md")
        #expect(PathFit.fit("/aaaa/bbbb/cccc/file.md", to: 16) == "…/cccc/file.md")
        #expect(PathFit.fit("/aaaa/bbbb/a-very-long-file-name.md", to: 10)?.hasSuffix("…") == true)
        #expect(PathFit.fit("/a/b.md", to: 4) == nil)
    }
}
