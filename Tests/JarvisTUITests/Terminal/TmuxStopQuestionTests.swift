import Foundation
import Testing

/// The stop question (Ctrl-C during a run) in a real terminal: it must hold the run while it is open.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux (scripts/setup installs it)"))
struct TmuxStopQuestionTests {
    /// `end-session --cycles maintenance` typed into a 100×30 terminal, on a sample project whose maintenance cycle
    /// is `sleep seconds`, so that the running part is long enough to be interrupted before any step has written a
    /// file; started and followed until the cycle is running. (The steps themselves no longer make a slow part: step
    /// 2's talk with the memory server goes on behind steps 3–5.)
    struct SlowRun {
        let sample: TerminalSampleProject
        let terminal: TmuxSession
        /// HEAD before the run: a run that stopped before step 5 leaves it as it was.
        let head: String

        init(cycleSeconds seconds: Int, plain: Bool = false) throws {
            sample = try TerminalSampleProject.make(cycle: ["sleep", "\(seconds)"])
            head = sample.git("rev-parse", "HEAD")
            do {
                terminal = try TmuxSession(width: 100, height: 30)
                try terminal.type(
                    "cd '\(sample.root.path)' && '\(TmuxSession.binary)' end-session \(plain ? "--plain " : "")"
                        + "--cycles maintenance; echo \"EXIT=$?\""
                )
                if plain {
                    try terminal.waitFor("[cycle] Maintenance (AC-08) started")
                } else {
                    try terminal.waitForRow(["Maintenance", "running"])
                }
            } catch {
                sample.remove()
                throw error
            }
        }

        /// True while the run has not made the session commit.
        var headUnchanged: Bool { sample.git("rev-parse", "HEAD") == head }

        /// Presses `key` (Ctrl-C, or q) and waits for the stop question.
        @discardableResult
        func askToStop(
            with key: String = "C-c",
            sourceLocation: SourceLocation = #_sourceLocation
        ) throws -> String {
            try terminal.press(key)
            return try terminal.waitFor("Stop after the current step?", sourceLocation: sourceLocation)
        }

        func remove() { sample.remove() }
    }

    @Test func theStopQuestionHoldsTheRunUntilKeepGoing() throws {
        let run = try SlowRun(cycleSeconds: 3)
        defer { run.remove() }
        let (sample, terminal) = (run.sample, run.terminal)
        try run.askToStop()
        // The cycle ends while the question is open; the run must not go on to the steps after it.
        let held = try terminal.waitForRow(["Maintenance", "done"])
        #expect(held.contains("Stop after the current step?"))
        Thread.sleep(forTimeInterval: 3)
        let still = try terminal.screen()
        #expect(still.contains("Stop after the current step?"))
        #expect(
            !still.split(separator: "\n").contains { $0.contains("Work state capture") && $0.contains("done") },
            "step 1 ran behind the question:\n\(still)"
        )
        #expect(run.headUnchanged, "the run committed while the question was open")
        #expect(sample.summaries.isEmpty)

        try terminal.press("n")
        try terminal.enterReview()
        let summary = try terminal.waitFor("lines 1–", timeout: .seconds(60))
        #expect(summary.contains("jarvis-tui · completed in"))
        try terminal.press("q")
        try terminal.waitFor("EXIT=0", inHistory: true)
        #expect(sample.git("log", "-1", "--format=%s").hasPrefix("Session:"))
        #expect(!run.headUnchanged)
    }

    @Test func qInTheProgressViewAsksToStop() throws {
        let run = try SlowRun(cycleSeconds: 3)
        defer { run.remove() }
        let terminal = run.terminal
        try run.askToStop(with: "q")
        try terminal.press("y")
        try terminal.enterReview()
        let summary = try terminal.waitFor("lines 1–", timeout: .seconds(60))
        #expect(summary.contains("jarvis-tui · stopped by the user"))
        try terminal.press("q")
        try terminal.waitFor("EXIT=130", inHistory: true)
        #expect(run.headUnchanged)
    }

    @Test func aSecondCtrlCStopsAtOnceWith130() throws {
        let run = try SlowRun(cycleSeconds: 20)
        defer { run.remove() }
        let terminal = run.terminal
        try run.askToStop()
        try terminal.press("C-c")
        // The cycle sleeps 20 s; the exit does not wait for it.
        let history = try terminal.waitFor("EXIT=130", inHistory: true, timeout: .seconds(4))
        #expect(history.contains("jarvis-tui: interrupted"))
        #expect(run.headUnchanged)
    }

    /// The plain front end at a terminal asks the same question and holds the run the same way: the run log on
    /// disk shows the cycle finished and step 1 not started while the question is open; "n" lets the run complete.
    @Test func thePlainFrontEndAsksTheSameQuestionAtATerminal() throws {
        let run = try SlowRun(cycleSeconds: 2, plain: true)
        defer { run.remove() }
        let (sample, terminal) = (run.sample, run.terminal)
        try terminal.press("C-c")
        try terminal.waitFor("Stop after the current step? The steps already done are kept. [y/N]")
        let deadline = ContinuousClock.now + .seconds(40)
        while !sample.runLog.contains("cycle Maintenance: "), ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(sample.runLog.contains("cycle Maintenance: "), "the cycle never ended:\n\(sample.runLog)")
        Thread.sleep(forTimeInterval: 2)
        #expect(!sample.runLog.contains("step 1 Work state capture started"), "step 1 ran behind the question")
        #expect(run.headUnchanged, "the run committed while the question was open")
        // The lines of the cycle wait behind the question, so it stays the last line.
        #expect(try terminal.screen().split(separator: "\n").last?.hasPrefix("Stop after the current step?") == true)

        try terminal.type("n")
        let history = try terminal.waitFor("EXIT=0", inHistory: true, timeout: .seconds(60))
        #expect(history.contains("Going on."))
        #expect(history.contains("[cycle] Maintenance: done"))
        #expect(sample.git("log", "-1", "--format=%s").hasPrefix("Session:"))
    }

    @Test func thePlainFrontEndStopsAfterTheStepOnYes() throws {
        let run = try SlowRun(cycleSeconds: 2, plain: true)
        defer { run.remove() }
        let terminal = run.terminal
        try run.askToStop()
        try terminal.type("y")
        let history = try terminal.waitFor("EXIT=130", inHistory: true, timeout: .seconds(60))
        #expect(history.contains("Stopping after the current step."))
        #expect(history.contains("[1/7] Work state capture: skipped — stopped by the user"))
        #expect(run.headUnchanged)
    }
}
