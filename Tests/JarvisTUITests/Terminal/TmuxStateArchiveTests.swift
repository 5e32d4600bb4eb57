import Completion
import Foundation
import TestSupport
import Testing

/// The archive choice in a real terminal (tmux) on a real sample project whose session-state.md has grown past
/// 200 lines: listed in the full-screen and the plain offer, ticked by its number, carried out by the run.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux (scripts/setup installs it)"))
struct TmuxStateArchiveTests {
    func sample(older: Int) throws -> (TerminalSampleProject, Int) {
        let sample = try TerminalSampleProject.make()
        let bytes = LongSessionState.bytes(older: older)
        try Data(bytes).write(to: sample.project.sessionStateFile)
        return (sample, LongSessionState.lines(bytes).count)
    }

    func start(_ sample: TerminalSampleProject, _ arguments: String = "") throws -> TmuxSession {
        let terminal = try TmuxSession(width: 100, height: 30)
        try terminal.type(
            "cd '\(sample.root.path)' && '\(TmuxSession.binary)' end-session \(arguments); echo \"EXIT=$?\""
        )
        return terminal
    }

    func archives(_ sample: TerminalSampleProject) -> [String] {
        let folder = sample.root.appendingPathComponent(SessionStateArchive.folder).path
        return (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    }

    func stateLines(_ sample: TerminalSampleProject) -> Int {
        LongSessionState.lines([UInt8](FileManager.default.contents(atPath: sample.project.sessionStateFile.path)!))
            .count
    }

    @Test func fullScreenListsTheChoiceUntickedAndFiveThenEnterArchives() throws {
        let (sample, lines) = try sample(older: 14)
        defer { sample.remove() }
        let terminal = try start(sample)
        let offer = try terminal.waitFor("Skip and end session")
        #expect(
            offer.contains("5 [ ] Archive session-state history (\(lines) lines; keeps the current work)"),
            "\(offer)"
        )
        try terminal.press("5")
        try terminal.waitFor("5 [x] Archive session-state history")
        try terminal.press("Enter")
        try terminal.enterReview()
        let summary = try terminal.waitFor("lines 1–")
        #expect(summary.contains("Session Summary"))
        try terminal.press("q")
        try terminal.waitFor("EXIT=0", inHistory: true)
        #expect(archives(sample).count == 1)
        #expect(stateLines(sample) < SessionStateArchive.lineLimit)
        let summaryFile = try #require(sample.summaries.first)
        let text = try String(
            contentsOf: sample.project.summariesFolder.appendingPathComponent(summaryFile),
            encoding: .utf8
        )
        #expect(text.contains("Session state: archived 14 older section(s)"))
    }

    @Test func thePlainOfferNumbersTheChoiceAfterTheCycles() throws {
        let (sample, lines) = try sample(older: 14)
        defer { sample.remove() }
        let terminal = try start(sample, "--plain")
        try terminal.waitFor("  5. Archive session-state history (\(lines) lines; keeps the current work)")
        try terminal.type("5")
        let output = try terminal.waitFor("EXIT=0", inHistory: true, timeout: .seconds(60))
        #expect(output.contains("archived 14 older section(s)"), "\(output.suffix(3000))")
        #expect(archives(sample).count == 1)
        #expect(stateLines(sample) < SessionStateArchive.lineLimit)
    }

    @Test func aShortSessionStateHasNoSuchChoice() throws {
        let (sample, lines) = try sample(older: 5)
        defer { sample.remove() }
        #expect(lines < SessionStateArchive.lineLimit)
        let terminal = try start(sample)
        let offer = try terminal.waitFor("Skip and end session")
        #expect(!offer.contains("Archive session-state"))
        try terminal.press("q")
        try terminal.waitFor("EXIT=1", inHistory: true)
        #expect(archives(sample).isEmpty)
    }
}
