import Foundation
import Testing

/// The stop question (Ctrl-C during a run) in a real terminal: it must hold the run while it is open.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux (scripts/setup installs it)"))
struct TmuxStopQuestionTests {
    /// The sample project with its memory server (the real `memory-test-server`) made slow: every tool call waits
    /// `milliseconds`, so step 2 takes several seconds.
    func slowMemoryProject(milliseconds: Int) throws -> TerminalSampleProject {
        let sample = try TerminalSampleProject.make()
        let file = sample.root.appendingPathComponent(".mcp.json")
        let data = try Data(contentsOf: file)
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var servers = try #require(json["mcpServers"] as? [String: Any], "the demo project has no memory server")
        var memory = try #require(servers["memory"] as? [String: Any])
        var environment = memory["env"] as? [String: String] ?? [:]
        environment["MEMORY_TEST_FAILURE"] = "slow:\(milliseconds)"
        memory["env"] = environment
        servers["memory"] = memory
        json["mcpServers"] = servers
        try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted]).write(to: file)
        return sample
    }

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
        let sample = try slowMemoryProject(milliseconds: 2_500)
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
        let sample = try slowMemoryProject(milliseconds: 2_500)
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
}
