import Completion
import Foundation
import Testing

@testable import JarvisScreen

@Suite struct ProgressStateTests {
    func clockRole(after seconds: Int) -> Role {
        var state = ScreenFixtures.progress
        state.elapsed = .seconds(seconds)
        var buffer = CellBuffer(width: 100, height: 30)
        ProgressView.draw(state, into: &buffer, glyphs: .unicode)
        let row = (0..<buffer.width).map { buffer[$0, 0] }
        let word = "elapsed".map(String.init)
        let start = (0..<(row.count - word.count)).first { x in
            (0..<word.count).allSatisfy { row[x + $0].text == word[$0] }
        }!
        return row[start].role
    }

    @Test func theClockTurnsAmberAfterOneMinuteAndRedAfterTwo() {
        #expect(clockRole(after: 59) == .footer)
        #expect(clockRole(after: 60) == .warn)
        #expect(clockRole(after: 119) == .warn)
        #expect(clockRole(after: 120) == .error)
    }

    @Test func eventsMoveStepsThroughTheirStates() {
        var state = ProgressState(projectName: "p", branch: nil)
        #expect(state.steps.allSatisfy { $0.row.status == .pending })
        state.apply(.stepStarted(.stateCapture))
        #expect(state.steps[0].row.status == .running)
        state.apply(.stepFinished(.stateCapture, .failed("disk full"), .milliseconds(3)))
        #expect(state.steps[0].row.status == .finished(.failed("disk full"), .milliseconds(3)))
        var buffer = CellBuffer(width: 100, height: 30)
        ProgressView.draw(state, into: &buffer, glyphs: .unicode)
        #expect(buffer.text.contains("✗ 1 Work state capture"))
        #expect(buffer.text.contains("failed: disk full"))
    }

    @Test func warningsAreCountedAndShown() {
        var state = ProgressState(projectName: "p", branch: nil)
        for index in 1...5 { state.apply(.warning(.git, "warning \(index)")) }
        var buffer = CellBuffer(width: 100, height: 30)
        ProgressView.draw(state, into: &buffer, glyphs: .unicode)
        #expect(buffer.text.contains("Warnings (5)"))
        #expect(buffer.text.contains("step 5: warning 5"))
    }

    /// The log pane follows the newest lines; every earlier step's lines stay in the log.
    @Test func theLogKeepsEveryStepsLinesAndShowsTheNewest() {
        var state = ProgressState(projectName: "p", branch: nil)
        state.apply(.stepStarted(.git))
        for index in 0..<1_000 { state.apply(.stepProgress(.git, "line \(index)")) }
        state.apply(.stepStarted(.handoff))
        #expect(state.activityTitle == StepID.handoff.title)
        #expect(state.log.entries.contains { $0.text == "step 5 │ line 0" })
        var buffer = CellBuffer(width: 100, height: 30)
        ProgressView.draw(state, into: &buffer, glyphs: .unicode)
        #expect(buffer.text.contains("step 5 │ line 999"))
        #expect(buffer.text.contains("step 6 \(StepID.handoff.title) started"))
        #expect(!buffer.text.contains("step 5 │ line 0\n"))
    }

    /// A flood of lines cannot grow the screen's copy of the log without bound; the first row says where the rest is.
    @Test func theScreensLogIsBoundedAndSaysSo() {
        var state = ProgressState(projectName: "p", branch: nil)
        for index in 0..<(RunLogLines.limit * 3) { state.apply(.stepProgress(.git, "line \(index)")) }
        #expect(state.log.entries.count <= RunLogLines.limit * 2)
        #expect(state.log.dropped + state.log.entries.count == RunLogLines.limit * 3)
        let first = state.log.rows(0, width: 80, file: ".claude/logs/runs/x.log").map(\.plainText).joined()
        #expect(first.contains("earlier lines not kept here"))
        #expect(first.contains(".claude/logs/runs/x.log"))
    }

    @Test func theSkipHintShowsOnlyWhileACycleRuns() {
        var state = ProgressState(projectName: "p", branch: nil, cycles: [.maintenance])
        var idle = CellBuffer(width: 100, height: 30)
        ProgressView.draw(state, into: &idle, glyphs: .unicode)
        #expect(!idle.text.contains("skip cycle"))
        state.apply(.cycleStarted(.maintenance))
        var running = CellBuffer(width: 100, height: 30)
        ProgressView.draw(state, into: &running, glyphs: .unicode)
        #expect(running.text.contains("s skip cycle"))
    }
}

@Suite struct MailboxTests {
    @Test func aFloodOfLinesIsCoalescedButEveryOtherEventKeepsItsOrder() {
        let mailbox = Mailbox()
        mailbox.post(.stepStarted(.git))
        for index in 0..<50_000 { mailbox.post(.stepProgress(.git, "line \(index)")) }
        mailbox.post(.warning(.git, "w"))
        mailbox.post(.stepFinished(.git, .done, .zero))
        mailbox.endOfStream()
        var all: [CompletionEvent] = []
        while true {
            let (batch, finished) = mailbox.take(limit: 1_000)
            all += batch
            if finished { break }
        }
        let lines = all.compactMap { event -> String? in
            if case .stepProgress(_, let line) = event { line } else { nil }
        }
        #expect(lines.count < 5_000)
        #expect(lines.last == "line 49999")
        #expect(lines == lines.sorted { Int($0.dropFirst(5))! < Int($1.dropFirst(5))! })
        guard case .stepStarted = all.first, case .stepFinished = all.last else {
            Issue.record("structural events lost or reordered")
            return
        }
        #expect(mailbox.statistics.posted == 50_003)
        #expect(mailbox.statistics.coalesced + lines.count == 50_000)
    }

    @Test func drainingStopsAtTheBudget() {
        let mailbox = Mailbox()
        for index in 0..<3_000 { mailbox.post(.warning(nil, "w\(index)")) }
        var applied = 0
        let result = mailbox.drain(budget: .zero) { _ in applied += 1 }
        #expect(result.applied == 256)
        #expect(!result.finished)
        #expect(mailbox.hasPendingEvents)
    }

    @Test func aQuestionWaitsForItsAnswer() async {
        let mailbox = Mailbox()
        let question = Question(kind: .push, prompt: "Push?", safeDefault: false)
        async let answer = mailbox.ask(question)
        while mailbox.pendingQuestion == nil { await Task.yield() }
        #expect(mailbox.pendingQuestion == question)
        mailbox.answer(true)
        #expect(await answer == true)
        #expect(mailbox.pendingQuestion == nil)
    }
}
