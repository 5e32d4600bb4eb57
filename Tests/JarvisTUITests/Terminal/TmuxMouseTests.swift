import Foundation
import Testing

/// The mouse wheel in a real terminal: tmux hands the program wheel events in the encoding it asked for, the
/// offer's cursor moves with them, and the focused pane of the progress view, the summary and the run log scroll.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux (scripts/setup installs it)"))
struct TmuxMouseTests {
    /// How many panes say they hold more below than they show.
    func notesBelow(_ screen: String) -> Int {
        screen.split(separator: "\n").filter { $0.contains("↓ ") && $0.contains(" more") }.count
    }

    /// The number in the screen's "↓ N more".
    func moreBelow(_ screen: String) -> Int? {
        guard let note = screen.range(of: #"↓ [0-9]+ more"#, options: .regularExpression) else { return nil }
        return Int(screen[note].dropFirst(2).prefix { $0.isNumber })
    }

    @Test func theWheelScrollsThePanesTheSummaryAndTheLog() throws {
        let sample = try TerminalSampleProject.withUnknownKeys(300)
        defer { sample.remove() }
        let terminal = try TmuxSession(width: 80, height: 24)
        try terminal.type(
            "cd '\(sample.root.path)' && '\(TmuxSession.binary)' end-session --cycles none; echo \"EXIT=$?\""
        )
        let done = try terminal.waitFor("Done — Enter: review", timeout: .seconds(60))
        // Every pane follows its newest entry: nothing is below.
        #expect(notesBelow(done) == 0, "\(done)")

        // The log pane has the focus: the wheel scrolls it up, and it says what is below.
        try terminal.wheel(up: true)
        let log = try terminal.waitFor("↓ ")
        #expect(notesBelow(log) == 1, "\(log)")

        // The warnings pane, focused with Tab, scrolls too.
        try terminal.press("Tab")
        try terminal.waitFor("› ▲ Warnings")
        try terminal.wheel(up: true)
        try terminal.wheel(up: true)
        let deadline = ContinuousClock.now + .seconds(5)
        var screen = try terminal.screen()
        while notesBelow(screen) < 2, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            screen = try terminal.screen()
        }
        #expect(notesBelow(screen) == 2, "the warnings pane did not scroll:\n\(screen)")
        // Back down to the newest: the note goes away again.
        try terminal.wheel(up: false)
        try terminal.wheel(up: false)
        try terminal.wheel(up: false)

        // The summary: three lines a notch.
        try terminal.press("Enter")
        try terminal.waitFor("lines 1–")
        try terminal.wheel(up: false)
        try terminal.waitFor("lines 4–")
        try terminal.wheel(up: false)
        try terminal.waitFor("lines 7–")
        try terminal.wheel(up: true)
        try terminal.waitFor("lines 4–")

        // The run log in the review scrolls the same way.
        try terminal.press("l")
        try terminal.waitFor("jarvis-tui · run log")
        try terminal.press("g")
        let top = try terminal.waitFor("↓ ")
        let before = try #require(moreBelow(top), "\(top)")
        try terminal.wheel(up: false)
        let logDeadline = ContinuousClock.now + .seconds(5)
        var after = before
        while after == before, ContinuousClock.now < logDeadline {
            Thread.sleep(forTimeInterval: 0.05)
            after = moreBelow(try terminal.screen()) ?? before
        }
        #expect(after < before, "the run log did not scroll down")
        try terminal.press("q")
        try terminal.waitFor("EXIT=0", inHistory: true)
    }

    @Test func theWheelMovesTheOffersCursor() throws {
        let sample = try TerminalSampleProject.make()
        defer { sample.remove() }
        let terminal = try TmuxSession(width: 80, height: 24)
        try terminal.type("cd '\(sample.root.path)' && '\(TmuxSession.binary)' end-session; echo \"EXIT=$?\"")
        try terminal.waitFor("Skip and end session")
        // More notches than entries: the cursor stops on the last one.
        for _ in 0..<8 { try terminal.wheel(up: false) }
        try terminal.waitFor("›   Skip and end session")
        try terminal.wheel(up: true)
        try terminal.waitUntilGone("›   Skip and end session")
        try terminal.press("q")
        try terminal.waitFor("EXIT=1", inHistory: true)
    }
}
