import Foundation
import Testing

/// What a key may do depends on what the screen shows: nothing behind the "too small" notice, and Ctrl-C at the
/// offer is an interrupt (130), not a cancel.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux (scripts/setup installs it)"))
struct TmuxModalTests {
    func start(_ sample: TerminalSampleProject, environment: String = "") throws -> TmuxSession {
        let terminal = try TmuxSession(width: 100, height: 30)
        try terminal.type(
            "cd '\(sample.root.path)' && \(environment) '\(TmuxSession.binary)' end-session; "
                + "echo \"EXIT=$?\""
        )
        return terminal
    }

    @Test func enterBehindTheTooSmallNoticeDoesNothing() throws {
        let sample = try TerminalSampleProject.make()
        defer { sample.remove() }
        let head = sample.git("rev-parse", "HEAD")
        let terminal = try start(sample)
        try terminal.waitFor("0 of 1 selected")
        try terminal.resize(width: 40, height: 12)
        try terminal.waitFor("Enlarge the window")
        try terminal.press("Space", "Enter", "q")
        Thread.sleep(forTimeInterval: 1)
        try terminal.resize(width: 100, height: 30)
        // The offer is back as it was: nothing ticked, not confirmed, not cancelled.
        let offer = try terminal.waitFor("0 of 1 selected")
        #expect(offer.contains("Skip and end session"))
        #expect(sample.git("rev-parse", "HEAD") == head)
        #expect(sample.summaries.isEmpty)
        try terminal.press("C-c")
        try terminal.waitFor("EXIT=130", inHistory: true)
    }

    @Test func ctrlCAtTheOfferExits130AndWritesNothing() throws {
        let sample = try TerminalSampleProject.make()
        defer { sample.remove() }
        let status = sample.git("status", "--porcelain")
        let terminal = try start(sample)
        try terminal.waitFor("Skip and end session")
        try terminal.press("C-c")
        let closing = try terminal.waitFor("EXIT=130", inHistory: true)
        #expect(closing.contains("interrupted before anything was written"))
        #expect(sample.git("status", "--porcelain") == status)
        #expect(sample.summaries.isEmpty)
        try TmuxEndToEndTests().expectUsablePrompt(terminal)
    }

    @Test func enterOnSkipWithACycleTickedAsksFirst() throws {
        let sample = try TerminalSampleProject.make()
        defer { sample.remove() }
        let terminal = try start(sample)
        try terminal.waitFor("0 of 1 selected")
        try terminal.press("Space")
        try terminal.waitFor("1 of 1 selected")
        try terminal.press("G", "Enter")
        try terminal.waitFor("Run the 1 ticked cycle? [Y/n]")
        try terminal.press("Enter")
        try terminal.enterReview()
        let summary = try terminal.waitFor("lines 1", timeout: .seconds(40))
        #expect(summary.contains("Session Summary"))
        try terminal.press("q")
        try terminal.waitFor("EXIT=0", inHistory: true)
        let file = sample.project.summariesFolder.appendingPathComponent(sample.summaries.first ?? "none")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("| Tier 2 cycles run | 1 of 1 selected (1 done) |"))
    }

    @Test func questionMarkShowsTheKeysOnEveryScreen() throws {
        let sample = try TerminalSampleProject.make()
        defer { sample.remove() }
        let terminal = try start(sample)
        try terminal.waitFor("0 of 1 selected")
        try terminal.press("?")
        let help = try terminal.waitFor("Keys: offer")
        #expect(help.contains("Space/x"))
        #expect(help.contains("g/G Home/End"), "the offer's first/last keys are listed:\n\(help)")
        try terminal.press("Escape")
        // Esc closed the help, it did not cancel the offer.
        try terminal.waitUntilGone("Keys: offer")
        try terminal.press("G", "Enter")
        try terminal.waitFor("Done — Enter: review", timeout: .seconds(60))
        try terminal.press("?")
        let progressHelp = try terminal.waitFor("Keys: progress")
        #expect(progressHelp.split(separator: "\n").contains { $0.contains("Enter") && $0.contains("review") })
        try terminal.press("Escape")
        try terminal.waitUntilGone("Keys: progress")
        try terminal.press("Enter")
        try terminal.waitFor("lines 1", timeout: .seconds(40))
        try terminal.press("?")
        let viewerHelp = try terminal.waitFor("Keys: summary")
        #expect(viewerHelp.contains("search"))
        try terminal.press("j")
        try terminal.waitUntilGone("Keys: summary")
        try terminal.press("l")
        try terminal.waitFor("jarvis-tui · run log")
        try terminal.press("?")
        let logHelp = try terminal.waitFor("Keys: run log")
        #expect(logHelp.split(separator: "\n").contains { $0.contains("l") && $0.contains("summary") })
        try terminal.press("j")
        try terminal.waitUntilGone("Keys: run log")
        try terminal.press("q")
        try terminal.waitFor("EXIT=0", inHistory: true)
    }

    /// Under a C locale curses drops every non-ASCII character, so the bars must not depend on any.
    @Test func aCLocaleGetsASCIIHeaderAndFooter() throws {
        let sample = try TerminalSampleProject.make()
        defer { sample.remove() }
        let terminal = try start(sample, environment: "LC_ALL=C LANG=C")
        let offer = try terminal.waitFor("0 of 1 selected")
        #expect(offer.contains("jarvis-tui - end session - "))
        #expect(offer.contains("up/dn/jk move"))
        #expect(!offer.unicodeScalars.contains { $0.value > 0x7F }, "non-ASCII on a C-locale screen:\n\(offer)")
        try terminal.press("q")
        try terminal.waitFor("EXIT=1", inHistory: true)
    }
}
