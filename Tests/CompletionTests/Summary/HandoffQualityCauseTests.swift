import Foundation
import Testing

@testable import Completion

/// The handoff score and step 5's verdict follow an outcome's kind and cause, never its wording.
@Suite("Handoff quality follows causes, not wording")
struct HandoffQualityCauseTests {
    private func record(git outcome: Outcome) -> SessionRecord {
        var record = SessionRecord(
            sessionID: "abc",
            endedAt: Date(timeIntervalSince1970: 1_764_000_000),
            day: "2025-11-24",
            ordinal: 1,
            contextWindow: 200_000
        )
        record.accomplishments = ["Did a thing"]
        record.nextStep = "Continue"
        record.steps = StepID.allCases.map {
            StepReport(step: $0, outcome: $0 == .git ? outcome : .done, duration: .zero)
        }
        return record
    }

    @Test("rewording the nothing-to-commit message keeps the full points for committed work")
    func rewordedNothingToCommitKeepsTheScore() {
        let today = HandoffQuality.assess(record(git: GitStep.nothingToCommit))
        let reworded = HandoffQuality.assess(
            record(git: .skipped("the working tree was already clean", because: .nothingToCommit))
        )
        #expect(today.percent == 100)
        #expect(reworded.percent == today.percent)
    }

    @Test("a skip worded like nothing-to-commit but without that cause earns no points for the commit")
    func theWordingAloneEarnsNothing() {
        let lookalike = HandoffQuality.assess(record(git: .skipped("nothing to commit")))
        #expect(lookalike.percent == 85)
        #expect(lookalike.items.first { $0.name == "work committed" }?.earned == 0)
    }

    @Test("another repository with nothing to commit, however worded, does not degrade step 5")
    func combineReadsTheCause() {
        let primary = RepositoryTarget(root: URL(fileURLWithPath: "/p"), label: "p", isPrimary: true)
        let lib = RepositoryTarget(root: URL(fileURLWithPath: "/lib"), label: "lib", isPrimary: false)
        let clean = Outcome.skipped("clean already", because: .nothingToCommit)
        #expect(GitStep.combine([(primary, .done), (lib, clean)]) == .done)
        #expect(GitStep.combine([(primary, clean), (lib, .done)]) == .done)
        #expect(
            GitStep.combine([(primary, .done), (lib, .skipped("nothing to commit"))])
                == .degraded("lib: nothing to commit")
        )
    }

    @Test("redaction changes the text of an outcome, never its cause")
    func redactionKeepsTheCause() {
        let outcome = Outcome.skipped("token ghp_0123456789abcdefghijABCDEFGHIJ012345", because: .nothingToCommit)
        let redacted = outcome.redactingSecrets()
        #expect(redacted.cause == .nothingToCommit)
        #expect(redacted.kind == .skipped)
        #expect(redacted.reason?.contains("ghp_0123456789") == false)
    }
}
