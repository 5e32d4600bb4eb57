import Completion
import Foundation
import Testing

/// What a run did stays readable after it: the run log in the review and on disk, the warnings pane scrolled.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux (scripts/setup installs it)"))
struct TmuxRunLogTests {
    func start(_ sample: TerminalSampleProject, width: Int = 100, height: Int = 30) throws -> TmuxSession {
        let terminal = try TmuxSession(width: width, height: height)
        try terminal.type(
            "cd '\(sample.root.path)' && '\(TmuxSession.binary)' end-session --cycles maintenance; echo \"EXIT=$?\""
        )
        return terminal
    }

    @Test func aCyclesOutputIsInTheLogAfterTheRunAndInTheLogFile() throws {
        let sample = try TerminalSampleProject.make(cycle: ["sh", "-c", "echo cycle-line-one; echo cycle-line-two"])
        defer { sample.remove() }
        let terminal = try start(sample)
        try terminal.enterReview()
        try terminal.waitFor("lines 1–")
        try terminal.press("l")
        let log = try terminal.waitFor("maintenance │ cycle-line-one")
        #expect(log.contains("maintenance │ cycle-line-two"))
        #expect(log.contains("jarvis-tui · run log"))
        #expect(log.contains(".claude/logs/runs/"))
        // Back to the summary, then out.
        try terminal.press("l")
        try terminal.waitFor("lines 1–")
        try terminal.press("q")
        try terminal.waitFor("EXIT=0", inHistory: true)

        let folder = RunLogFile.folder(sample.project)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".log") }
        try #require(names.count == 1)
        let text = try String(contentsOf: folder.appendingPathComponent(names[0]), encoding: .utf8)
        #expect(text.contains("maintenance │ cycle-line-one"))
        #expect(text.contains("maintenance │ cycle-line-two"))
        #expect(text.contains("pushed main to origin/main"))
    }

    /// 300 warnings (unknown configuration keys): Tab gives the warnings pane the focus and g scrolls it to the
    /// first one; the pane says how many more it holds below.
    @Test func aWarningsPaneWith300WarningsScrollsToTheFirst() throws {
        let sample = try TerminalSampleProject.withUnknownKeys(300)
        defer { sample.remove() }

        let terminal = try TmuxSession(width: 80, height: 24)
        try terminal.type(
            "cd '\(sample.root.path)' && '\(TmuxSession.binary)' end-session --cycles none; echo \"EXIT=$?\""
        )
        let done = try terminal.waitFor("Done — Enter: review", timeout: .seconds(60))
        #expect(done.contains("Warnings (30"))
        #expect(!done.contains("unknown_setting_001`"))
        try terminal.press("Tab")
        try terminal.waitFor("› ▲ Warnings")
        try terminal.press("g")
        let top = try terminal.waitFor("unknown_setting_001`")
        #expect(top.contains("more"))
        #expect(top.contains("↓"))
        try terminal.press("G")
        try terminal.waitUntilGone("unknown_setting_001`")
        try terminal.press("Enter")
        try terminal.waitFor("lines 1–")
        try terminal.press("q")
        try terminal.waitFor("EXIT=0", inHistory: true)
    }
}
