import Foundation
import Testing

@testable import Completion

/// The journal on disk outlives the binary that wrote it: a run resumes a journal written by an older version, and
/// what the journal keeps of an outcome (kind, text, cause) reads back as it was recorded.
@Suite("Run journal format")
struct RunJournalFormatTests {
    /// A journal as the version before outcome causes wrote it: killed after step 5 found nothing to commit.
    static let beforeCauses = """
        {
          "baselineCommit" : "1111111111111111111111111111111111111111",
          "day" : "2026-12-02",
          "finished" : false,
          "indexWritesStarted" : {
            "/tmp/project" : "2026-12-02T08:00:03Z"
          },
          "ordinal" : 1,
          "sessionCommit" : "2222222222222222222222222222222222222222",
          "sessionID" : "session-old",
          "startedAt" : "2026-12-02T08:00:00Z",
          "steps" : [
            {
              "milliseconds" : 12,
              "outcome" : "done",
              "step" : "state-capture"
            },
            {
              "milliseconds" : 0,
              "outcome" : "skipped",
              "reason" : "memory_persistence is off in the config",
              "step" : "memory"
            },
            {
              "milliseconds" : 4,
              "outcome" : "done",
              "step" : "context-files"
            },
            {
              "milliseconds" : 30,
              "outcome" : "degraded",
              "reason" : "no transcript found",
              "step" : "chat-history"
            },
            {
              "milliseconds" : 80,
              "outcome" : "skipped",
              "reason" : "nothing to commit",
              "step" : "git"
            }
          ],
          "summaryPath" : "/tmp/project/.claude/reports/sessions/session-2026-12-02.md"
        }
        """

    private func project(holding journal: String) throws -> (GitTestFolder, Project) {
        let folder = try GitTestFolder()
        let project = Project(root: folder.url)
        try FileManager.default.createDirectory(at: project.toolStateFolder, withIntermediateDirectories: true)
        try Data(journal.utf8).write(to: RunJournal.url(project))
        return (folder, project)
    }

    private var soonAfterStart: Date { Timestamp.parseISO("2026-12-02T08:00:00Z")!.addingTimeInterval(60) }

    @Test("a journal written before outcome causes resumes: finished steps stand, nothing to commit keeps its points")
    func anOldJournalResumes() throws {
        let (folder, project) = try project(holding: Self.beforeCauses)
        defer { withExtendedLifetime(folder) {} }
        let journal = try #require(RunJournal.interrupted(project, sessionID: "session-old", now: soonAfterStart))
        let schedule = StepSchedule(interrupted: journal, sessionCommit: journal.sessionCommit)

        guard case .finishedEarlier(let git) = schedule.disposition(.git) else {
            Issue.record("step 5 finished in the old run: \(schedule.disposition(.git))")
            return
        }
        #expect(git.outcome.kind == .skipped)
        #expect(git.outcome.cause == .nothingToCommit)
        #expect(git.outcome.reason == "nothing to commit")
        #expect(
            schedule.disposition(.chatHistory)
                == .finishedEarlier(
                    StepReport(
                        step: .chatHistory,
                        outcome: .degraded("no transcript found"),
                        duration: .milliseconds(30)
                    )
                )
        )
        #expect(
            schedule.disposition(.memory)
                == .finishedEarlier(
                    StepReport(
                        step: .memory,
                        outcome: .skipped("memory_persistence is off in the config"),
                        duration: .zero
                    )
                )
        )
        #expect(schedule.disposition(.handoff) == .run)

        var record = SessionRecord(
            sessionID: "session-old",
            endedAt: soonAfterStart,
            day: "2026-12-02",
            ordinal: 1,
            contextWindow: 200_000
        )
        record.steps = StepID.allCases.compactMap { journal.finishedReport($0) }
        let points = HandoffQuality.assess(record).items.first { $0.name == "work committed" }
        #expect(points?.earned == 15)
    }

    @Test("a cause is written to the journal and read back, whatever the text says")
    func causesRoundTrip() throws {
        let (folder, project) = try project(holding: "{}")
        defer { withExtendedLifetime(folder) {} }
        var journal = RunJournal(sessionID: "s", startedAt: "2026-12-02T08:00:00Z", day: "2026-12-02", ordinal: 1)
        let reworded = Outcome.skipped("the tree was already clean", because: .nothingToCommit)
        journal.recordStep(StepReport(step: .git, outcome: reworded, duration: .milliseconds(7)))
        journal.recordStep(StepReport(step: .memory, outcome: .skipped("nothing to commit"), duration: .zero))
        try journal.save(project)

        let text = String(decoding: try Data(contentsOf: RunJournal.url(project)), as: UTF8.self)
        #expect(text.components(separatedBy: "\"cause\"").count == 2, "only the git step has a cause: \(text)")
        let loaded = try #require(RunJournal.interrupted(project, sessionID: "s", now: soonAfterStart))
        #expect(loaded.finishedReport(.git)?.outcome == reworded)
        // The old wording is read as a cause only for step 5's entries that carry no cause.
        #expect(loaded.finishedReport(.memory)?.outcome.cause == .unspecified)
    }

    @Test("an outcome a later version wrote and this one does not know is never read as a success")
    func unknownKindsAreFailures() throws {
        let later = Self.beforeCauses.replacingOccurrences(
            of: "\"outcome\" : \"done\",\n      \"step\" : \"state-capture\"",
            with: "\"outcome\" : \"postponed\",\n      \"cause\" : \"later\",\n      \"step\" : \"state-capture\""
        )
        #expect(later != Self.beforeCauses)
        let (folder, project) = try project(holding: later)
        defer { withExtendedLifetime(folder) {} }
        let journal = try #require(RunJournal.interrupted(project, sessionID: nil, now: soonAfterStart))
        #expect(journal.finishedReport(.stateCapture)?.outcome.kind == .failed)
    }
}
