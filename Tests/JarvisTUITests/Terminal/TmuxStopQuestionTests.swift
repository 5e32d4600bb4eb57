import Foundation
import Testing

/// The stop question (Ctrl-C during a run) in a real terminal: it must hold the run while it is open.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux (scripts/setup installs it)"))
struct TmuxStopQuestionTests {
    /// Waits for a screen row that holds every one of `parts` (a step's name and its state).
    @discardableResult
    func waitForRow(
        _ terminal: TmuxSession,
        _ parts: [String],
        timeout: Duration = .seconds(40),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let deadline = ContinuousClock.now + timeout
        var screen = ""
        while ContinuousClock.now < deadline {
            screen = try terminal.screen()
            let rows = screen.split(separator: "\n")
            if rows.contains(where: { row in parts.allSatisfy { row.contains($0) } }) { return screen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("no row with \(parts); the screen was:\n\(screen)", sourceLocation: sourceLocation)
        throw TmuxError(message: "timeout waiting for a row with \(parts)")
    }

    @Test func theStopQuestionHoldsTheRunUntilKeepGoing() throws {
        let sample = try TerminalSampleProject.withSlowMemory(milliseconds: 2_500)
        defer { sample.remove() }
        let head = sample.git("rev-parse", "HEAD")
        let terminal = try TmuxSession(width: 100, height: 30)
        try terminal.type(
            "cd '\(sample.root.path)' && '\(TmuxSession.binary)' end-session --cycles none; "
                + "echo \"EXIT=$?\""
        )
        try waitForRow(terminal, ["Memory persistence", "running"])
        try terminal.press("C-c")
        try terminal.waitFor("Stop after the current step?")
        // Step 2 ends while the question is open; the run must not go on to the steps after it.
        let held = try waitForRow(terminal, ["Memory persistence", "done"])
        #expect(held.contains("Stop after the current step?"))
        Thread.sleep(forTimeInterval: 3)
        let still = try terminal.screen()
        #expect(still.contains("Stop after the current step?"))
        #expect(
            !still.split(separator: "\n").contains { $0.contains("Context file updates") && $0.contains("done") },
            "step 3 ran behind the question:\n\(still)"
        )
        #expect(sample.git("rev-parse", "HEAD") == head, "the run committed while the question was open")
        #expect(sample.summaries.isEmpty)

        try terminal.press("n")
        try terminal.enterReview()
        let summary = try terminal.waitFor("lines 1–", timeout: .seconds(60))
        #expect(summary.contains("jarvis-tui · completed in"))
        try terminal.press("q")
        try terminal.waitFor("EXIT=0", inHistory: true)
        #expect(sample.git("log", "-1", "--format=%s").hasPrefix("Session:"))
        #expect(sample.git("rev-parse", "HEAD") != head)
    }

    @Test func qInTheProgressViewAsksToStop() throws {
        let sample = try TerminalSampleProject.withSlowMemory(milliseconds: 2_500)
        defer { sample.remove() }
        let head = sample.git("rev-parse", "HEAD")
        let terminal = try TmuxSession(width: 100, height: 30)
        try terminal.type(
            "cd '\(sample.root.path)' && '\(TmuxSession.binary)' end-session --cycles none; "
                + "echo \"EXIT=$?\""
        )
        try waitForRow(terminal, ["Memory persistence", "running"])
        try terminal.press("q")
        try terminal.waitFor("Stop after the current step?")
        try terminal.press("y")
        try terminal.enterReview()
        let summary = try terminal.waitFor("lines 1–", timeout: .seconds(60))
        #expect(summary.contains("jarvis-tui · stopped by the user"))
        try terminal.press("q")
        try terminal.waitFor("EXIT=130", inHistory: true)
        #expect(sample.git("rev-parse", "HEAD") == head)
    }

    @Test func aSecondCtrlCStopsAtOnceWith130() throws {
        let sample = try TerminalSampleProject.withSlowMemory(milliseconds: 5_000)
        defer { sample.remove() }
        let head = sample.git("rev-parse", "HEAD")
        let terminal = try TmuxSession(width: 100, height: 30)
        try terminal.type(
            "cd '\(sample.root.path)' && '\(TmuxSession.binary)' end-session --cycles none; "
                + "echo \"EXIT=$?\""
        )
        try waitForRow(terminal, ["Memory persistence", "running"])
        try terminal.press("C-c")
        try terminal.waitFor("Stop after the current step?")
        try terminal.press("C-c")
        // Step 2 waits 5 s per memory call; the exit does not wait for it.
        let history = try terminal.waitFor("EXIT=130", inHistory: true, timeout: .seconds(4))
        #expect(history.contains("jarvis-tui: interrupted"))
        #expect(sample.git("rev-parse", "HEAD") == head)
    }

    /// The plain front end at a terminal asks the same question and holds the run the same way: the run log on
    /// disk shows step 2 finished and step 3 not started while the question is open; "n" lets the run complete.
    @Test func thePlainFrontEndAsksTheSameQuestionAtATerminal() throws {
        let sample = try TerminalSampleProject.withSlowMemory(milliseconds: 1_500)
        defer { sample.remove() }
        let head = sample.git("rev-parse", "HEAD")
        let terminal = try TmuxSession(width: 100, height: 30)
        try terminal.type(
            "cd '\(sample.root.path)' && '\(TmuxSession.binary)' end-session --plain --cycles none; "
                + "echo \"EXIT=$?\""
        )
        try terminal.waitFor("[2/7] Memory persistence …")
        try terminal.press("C-c")
        try terminal.waitFor("Stop after the current step? The steps already done are kept. [y/N]")
        let deadline = ContinuousClock.now + .seconds(40)
        while !sample.runLog.contains("step 2 Memory persistence: "), ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(sample.runLog.contains("step 2 Memory persistence: "), "step 2 never ended:\n\(sample.runLog)")
        Thread.sleep(forTimeInterval: 2)
        #expect(!sample.runLog.contains("step 3 Context file updates started"), "step 3 ran behind the question")
        #expect(sample.git("rev-parse", "HEAD") == head, "the run committed while the question was open")
        // The lines of step 2 wait behind the question, so it stays the last line.
        #expect(try terminal.screen().split(separator: "\n").last?.hasPrefix("Stop after the current step?") == true)

        try terminal.type("n")
        let history = try terminal.waitFor("EXIT=0", inHistory: true, timeout: .seconds(60))
        #expect(history.contains("Going on."))
        #expect(history.contains("[2/7] Memory persistence: "))
        #expect(sample.git("log", "-1", "--format=%s").hasPrefix("Session:"))
    }

    @Test func thePlainFrontEndStopsAfterTheStepOnYes() throws {
        let sample = try TerminalSampleProject.withSlowMemory(milliseconds: 1_500)
        defer { sample.remove() }
        let head = sample.git("rev-parse", "HEAD")
        let terminal = try TmuxSession(width: 100, height: 30)
        try terminal.type(
            "cd '\(sample.root.path)' && '\(TmuxSession.binary)' end-session --plain --cycles none; "
                + "echo \"EXIT=$?\""
        )
        try terminal.waitFor("[2/7] Memory persistence …")
        try terminal.press("C-c")
        try terminal.waitFor("Stop after the current step?")
        try terminal.type("y")
        let history = try terminal.waitFor("EXIT=130", inHistory: true, timeout: .seconds(60))
        #expect(history.contains("Stopping after the current step."))
        #expect(history.contains("[3/7] Context file updates: skipped — stopped by the user"))
        #expect(sample.git("rev-parse", "HEAD") == head)
    }
}
