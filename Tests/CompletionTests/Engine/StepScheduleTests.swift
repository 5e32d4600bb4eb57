import Foundation
import Testing

@testable import Completion

/// Which steps a run redoes after an interrupted one, and that the engine's step list is the protocol's.
@Suite struct StepScheduleTests {
    @Test func theStepListHasOneStepForEachStepIDInProtocolOrder() {
        #expect(SessionCompletion.steps.map(\.id) == StepID.allCases)
    }

    @Test func withoutASessionCommitEveryStepRuns() {
        let schedule = StepSchedule(interrupted: journal(finished: [.stateCapture, .memory]), sessionCommit: nil)
        #expect(StepID.allCases.allSatisfy { schedule.disposition($0) == .run })
    }

    @Test func afterTheSessionCommitOnlyTheUnfinishedArchiveAndTheStepsAfterTheCommitRun() {
        let schedule = StepSchedule(interrupted: journal(finished: [.stateCapture, .memory]), sessionCommit: "abc123")
        #expect(schedule.disposition(.stateCapture) == .finishedEarlier(report(.stateCapture)))
        #expect(schedule.disposition(.contextFiles) == .finishedEarlier(report(.contextFiles)))
        // The archive is git-ignored and was still being written while step 5 committed: it is finished now.
        #expect(schedule.disposition(.chatHistory) == .run)
        #expect(schedule.disposition(.git) == .pushOnly("abc123"))
        #expect(schedule.disposition(.handoff) == .run)
        #expect(schedule.disposition(.cleanup) == .run)
    }

    @Test func aFinishedArchiveAndAFinishedPushAreNotRedone() {
        let schedule = StepSchedule(interrupted: journal(finished: [.chatHistory, .git]), sessionCommit: "abc123")
        #expect(schedule.disposition(.chatHistory) == .finishedEarlier(report(.chatHistory)))
        #expect(schedule.disposition(.git) == .finishedEarlier(report(.git)))
    }

    private func report(_ step: StepID) -> StepReport { StepReport(step: step, outcome: .done, duration: .zero) }

    private func journal(finished steps: [StepID]) -> RunJournal {
        var journal = RunJournal(sessionID: "s", startedAt: "2026-12-02T08:00:00Z", day: "2026-12-02", ordinal: 1)
        for step in steps { journal.recordStep(report(step)) }
        return journal
    }
}
