import Foundation

/// The journal of a run, `.claude/state/jarvis-tui/journal.json`, rewritten atomically at every step boundary.
/// A run killed at any point leaves it unfinished; the next run of the same session resumes from it: the same
/// summary file, the same baseline, the steps that finished are not done again, and the session commit is not
/// made twice.
package struct RunJournal: Codable, Sendable, Equatable {
    package struct StepEntry: Codable, Sendable, Equatable {
        package let step: String
        package let outcome: String
        package let reason: String?
        /// The outcome's `Outcome.Cause`; absent when unspecified and in journals written before causes existed.
        package let cause: String?
        package let milliseconds: Int

        init(step: String, outcome: Outcome, milliseconds: Int) {
            self.step = step
            self.outcome = outcome.name
            self.reason = outcome.reason
            self.cause = outcome.cause == .unspecified ? nil : outcome.cause.rawValue
            self.milliseconds = milliseconds
        }

        var report: StepReport? {
            guard let id = StepID(rawValue: step) else { return nil }
            // An outcome this version does not know is not taken for a success.
            let kind = Outcome.Kind(rawValue: outcome) ?? .failed
            let value = Outcome(kind: kind, reason: reason, cause: storedCause ?? legacyCause(id, kind) ?? .unspecified)
            return StepReport(step: id, outcome: value, duration: .milliseconds(milliseconds))
        }

        private var storedCause: Outcome.Cause? { cause.flatMap(Outcome.Cause.init(rawValue:)) }

        /// The git step's text for "nothing to commit" in journals written before causes were stored. Fixed here:
        /// rewording today's message must not change how those journals read.
        static let legacyNothingToCommit = "nothing to commit"

        /// A journal from before causes were stored told "nothing to commit" by the git step's text alone; a run
        /// that resumes it keeps the points that outcome earned.
        private func legacyCause(_ id: StepID, _ kind: Outcome.Kind) -> Outcome.Cause? {
            guard cause == nil, id == .git, kind == .skipped, reason == Self.legacyNothingToCommit else {
                return nil
            }
            return .nothingToCommit
        }
    }

    package var sessionID: String
    package var startedAt: String
    package var day: String
    package var ordinal: Int
    package var baselineCommit: String?
    package var summaryPath: String?
    package var sessionCommit: String?
    /// A run that continues a finished completion: that completion's session commit. It carries the same
    /// `Session-Id:` trailer, so a resumed run looks for its own commit only after it.
    package var continuesAfter: String?
    /// The memory writes this session's run planned, recorded before they are sent: a resumed run sends the same
    /// ones, which the server then ignores as duplicates, instead of a re-planned set with newer figures.
    package var memoryBatch: MemoryBatch?
    package var steps: [StepEntry] = []
    package var finished = false
    /// When the run finished (a run that waited behind it takes its session for its own).
    package var finishedAt: String?
    /// When step 5 began writing each repository's index (`update-index`, then `commit`), by repository path: a
    /// resumed run knows an `index.lock` made after that, with no git left running, as its own killed git's.
    package var indexWritesStarted: [String: String]?

    package static func url(_ project: Project) -> URL {
        project.toolStateFolder.appendingPathComponent("journal.json")
    }

    /// How long an interrupted run stays resumable: a later session is a new session, not this one.
    package static let resumableFor: TimeInterval = 12 * 3600

    /// The unfinished journal left by an interrupted run, if any: recent, and of the same session when one is named.
    package static func interrupted(_ project: Project, sessionID: String?, now: Date) -> RunJournal? {
        guard let data = ProjectFiles(project).readIfSafe(url(project)),
            let journal = try? JSONDecoder().decode(RunJournal.self, from: data), !journal.finished,
            let started = Timestamp.parseISO(journal.startedAt), now.timeIntervalSince(started) < resumableFor
        else { return nil }
        if let sessionID, sessionID != journal.sessionID { return nil }
        return journal
    }

    /// The journal of a completion that finished recently, whichever session it was.
    package static func completed(_ project: Project, now: Date) -> RunJournal? {
        guard let data = ProjectFiles(project).readIfSafe(url(project)),
            let journal = try? JSONDecoder().decode(RunJournal.self, from: data), journal.finished,
            let started = Timestamp.parseISO(journal.startedAt), now.timeIntervalSince(started) < resumableFor
        else { return nil }
        return journal
    }

    package func finishedReport(_ step: StepID) -> StepReport? {
        steps.first { $0.step == step.rawValue }?.report
    }

    mutating func recordStep(_ report: StepReport) {
        steps.removeAll { $0.step == report.step.rawValue }
        steps.append(
            StepEntry(step: report.step.rawValue, outcome: report.outcome, milliseconds: report.duration.milliseconds)
        )
    }

    func save(_ project: Project) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try ProjectFiles(project).write(try encoder.encode(self), to: Self.url(project), newFileMode: 0o600)
    }
}
