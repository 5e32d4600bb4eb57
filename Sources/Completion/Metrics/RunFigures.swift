import Foundation

extension MetricsRecorder.Figures {
    /// What this run did, each counted once across a stopped run and the run that resumes it: the stopped run does
    /// not count the session as completed; a commit counts in the run that made it, a push in the run that pushed,
    /// the summary in the run that wrote it; every configured repository counts.
    static func counting(
        _ context: StepContext,
        quality: Int,
        elapsed: Duration,
        completed: Bool,
        slow: Bool
    )
        -> Self
    {
        let record = context.record
        // A commit the interrupted run made and this run only pushed was counted by that run.
        let made = record.repositoryCommits.filter { $0.commit != context.resumedSessionCommit }
        let written = Set(context.writer.files.map(\.path))
        let options = context.options
        return Self(
            // The offer was made here, or by the agent, which passes the user's choice as `--cycles`.
            offerShown: options.offerShown,
            // Cycles that ran (done, degraded or failed); skipped ones (unavailable, dry run, skipped by the user) did not.
            cyclesRun: record.cycles.filter { $0.outcome.kind != .skipped }.count,
            commitsCreated: made.count,
            pushesCompleted: record.repositoryCommits.filter(\.pushed).count,
            memoryEntitiesCreated: record.memoryEntitiesCreated,
            summaryWritten: context.summary?.path.map(written.contains) ?? false,
            handoffQuality: quality,
            completionSeconds: elapsed.seconds,
            filesUpdated: context.writer.files.count,
            commitSucceeded: !made.isEmpty || record.sessionCommit != nil,
            sessionCompleted: completed,
            pastAlert: slow
        )
    }
}

/// The spec's alert threshold for the completion time (§8: target under 60 s, alert past 120 s).
enum CompletionTimeAlert {
    /// The warning for a run longer than `limit` seconds, nil otherwise.
    static func check(_ elapsed: Duration, limit: Int) -> String? {
        guard elapsed > .seconds(limit) else { return nil }
        return "the completion took \(elapsed.shortDescription), past the alert threshold of \(limit) s (alert_seconds)"
    }
}
