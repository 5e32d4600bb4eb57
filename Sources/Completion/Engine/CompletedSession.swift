import Foundation

/// A run of a session whose completion has already finished. With nothing new since its session commit the run
/// says so and changes nothing; with new work it continues that completion: the same session, summary file and
/// baseline, and a commit of only what is new.
enum CompletedSession {
    enum Relation {
        /// This run is that session's: it continues the completion.
        case sameSession
        /// This run has no session id of its own (one made up from the clock): with nothing new it is a re-run
        /// of that completion, with new work a session of its own.
        case rerunIfNothingNew
    }

    /// How this run relates to the completion that finished last, if at all: the same session id; or, for a run
    /// whose id is made up, a completion that finished after this run was started (it waited behind it, at the
    /// offer or for the run lock) is this run's session.
    static func relation(of record: SessionRecord, to completed: RunJournal, options: RunOptions) -> Relation? {
        let madeUp = options.sessionID == nil && record.sessionID == SessionGatherer.generatedSessionID(record.endedAt)
        if !madeUp { return completed.sessionID == record.sessionID ? .sameSession : nil }
        if let invoked = options.invokedAt, let finished = completed.finishedAt.flatMap(Timestamp.parseISO),
            finished >= invoked
        {
            return .sameSession
        }
        return .rerunIfNothingNew
    }

    /// True when the repository has nothing to commit or push since `commit`: HEAD is that commit, no push is
    /// pending, and every change in the working tree is the tool's own or held back by the staging guard.
    static func nothingNew(
        since commit: String,
        project: Project,
        settings: GitSettings,
        environment: [String: String]
    ) -> Bool {
        guard PendingPushStore(project: project).load().records.isEmpty else { return false }
        let git = GitRepository(root: project.root, environment: environment)
        guard let head = git.head, head == commit, let location = git.locate(),
            let status = try? git.status()
        else { return false }
        let candidates = status.filter { !PostCommitPaths.isToolOwned($0.path) }
        let prefix = RepositoryRun.prefix(of: project.root, in: location.topLevel)
        return StagingGuard(settings: settings, root: location.topLevel, projectPrefix: prefix).decide(candidates).stage
            .isEmpty
    }

    /// The journal a continuing run starts from: the completed one's session, day, summary and baseline, with
    /// its steps still to do.
    static func reopened(_ completed: RunJournal, now: Date) -> RunJournal {
        var journal = RunJournal(
            sessionID: completed.sessionID,
            startedAt: Timestamp.iso(now),
            day: completed.day,
            ordinal: completed.ordinal,
            baselineCommit: completed.baselineCommit
        )
        journal.summaryPath = completed.summaryPath
        journal.continuesAfter = completed.sessionCommit ?? completed.continuesAfter
        return journal
    }
}
