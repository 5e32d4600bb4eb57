import Foundation
import Testing

/// The stop question (Ctrl-C during a run) in a real terminal: it must hold the run while it is open.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux (scripts/setup installs it)"))
struct TmuxStopQuestionTests {
    /// `end-session --cycles none` typed into a 100×30 terminal, on a sample project whose memory server takes
    /// `memoryDelay` per call, so that step 2 runs long enough to be interrupted; started and followed until step 2
    /// is running.
    struct SlowRun {
        let sample: TerminalSampleProject
        let terminal: TmuxSession
        /// HEAD before the run: a run that stopped before step 5 leaves it as it was.
        let head: String

        init(memoryDelay milliseconds: Int, plain: Bool = false) throws {
            sample = try TerminalSampleProject.withSlowMemory(milliseconds: milliseconds)
            head = sample.git("rev-parse", "HEAD")
            do {
                terminal = try TmuxSession(width: 100, height: 30)
                try terminal.type(
                    "cd '\(sample.root.path)' && '\(TmuxSession.binary)' end-session \(plain ? "--plain " : "")"
                        + "--cycles none; echo \"EXIT=$?\""
                )
                if plain {
                    try terminal.waitFor("[2/7] Memory persistence …")
                } else {
                    try terminal.waitForRow(["Memory persistence", "running"])
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
        let run = try SlowRun(memoryDelay: 2_500)
        defer { run.remove() }
        let (sample, terminal) = (run.sample, run.terminal)
        try run.askToStop()
        // Step 2 ends while the question is open; the run must not go on to the steps after it.
        let held = try terminal.waitForRow(["Memory persistence", "done"])
        #expect(held.contains("Stop after the current step?"))
        Thread.sleep(forTimeInterval: 3)
        let still = try terminal.screen()
        #expect(still.contains("Stop after the current step?"))
        #expect(
            !still.split(separator: "\n").contains { $0.contains("Context file updates") && $0.contains("done") },
            "step 3 ran behind the question:\n\(still)"
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
        let run = try SlowRun(memoryDelay: 2_500)
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
        let run = try SlowRun(memoryDelay: 5_000)
        defer { run.remove() }
        let terminal = run.terminal
        try run.askToStop()
        try terminal.press("C-c")
        // Step 2 waits 5 s per memory call; the exit does not wait for it.
        let history = try terminal.waitFor("EXIT=130", inHistory: true, timeout: .seconds(4))
        #expect(history.contains("jarvis-tui: interrupted"))
        #expect(run.headUnchanged)
    }

    /// The plain front end at a terminal asks the same question and holds the run the same way: the run log on
    /// disk shows step 2 finished and step 3 not started while the question is open; "n" lets the run complete.
    @Test func thePlainFrontEndAsksTheSameQuestionAtATerminal() throws {
        let run = try SlowRun(memoryDelay: 1_500, plain: true)
        defer { run.remove() }
        let (sample, terminal) = (run.sample, run.terminal)
        try terminal.press("C-c")
        try terminal.waitFor("Stop after the current step? The steps already done are kept. [y/N]")
        let deadline = ContinuousClock.now + .seconds(40)
        while !sample.runLog.contains("step 2 Memory persistence: "), ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(sample.runLog.contains("step 2 Memory persistence: "), "step 2 never ended:\n\(sample.runLog)")
        Thread.sleep(forTimeInterval: 2)
        #expect(!sample.runLog.contains("step 3 Context file updates started"), "step 3 ran behind the question")
        #expect(run.headUnchanged, "the run committed while the question was open")
        // The lines of step 2 wait behind the question, so it stays the last line.
        #expect(try terminal.screen().split(separator: "\n").last?.hasPrefix("Stop after the current step?") == true)

        try terminal.type("n")
        let history = try terminal.waitFor("EXIT=0", inHistory: true, timeout: .seconds(60))
        #expect(history.contains("Going on."))
        #expect(history.contains("[2/7] Memory persistence: "))
        #expect(sample.git("log", "-1", "--format=%s").hasPrefix("Session:"))
    }

    @Test func thePlainFrontEndStopsAfterTheStepOnYes() throws {
        let run = try SlowRun(memoryDelay: 1_500, plain: true)
        defer { run.remove() }
        let terminal = run.terminal
        try run.askToStop()
        try terminal.type("y")
        let history = try terminal.waitFor("EXIT=130", inHistory: true, timeout: .seconds(60))
        #expect(history.contains("Stopping after the current step."))
        #expect(history.contains("[3/7] Context file updates: skipped — stopped by the user"))
        #expect(run.headUnchanged)
    }
}
