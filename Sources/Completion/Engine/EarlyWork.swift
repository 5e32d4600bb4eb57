import Foundation

/// The slow parts of steps 4 and 5, started ahead of their steps so that they overlap the steps before them
/// (which mostly wait on git and the memory server): the transcript's zstd copy and digest (`TranscriptArchiveJob`,
/// finished while step 5 commits and pushes) and the hashing of the session's files (`EarlyStaging`, usually
/// started by gathering already: see `GatheredStaging`). Each is kept only when its step will do all of its work
/// in this run; the steps find them in the context. What a step did not put in place is discarded when the run
/// ends.
enum EarlyWork {
    static func start(for schedule: StepSchedule, context: StepContext, gathered staging: GatheredStaging?) {
        // Claimed in any case: a staging started early that step 5 will not use is discarded right away.
        let startedEarly = staging?.claim()
        guard !context.dryRun else {
            startedEarly?.discard()
            return
        }
        if schedule.runsInFull(.chatHistory), context.configuration.archiveConversation,
            let findings = context.record.transcript, let location = findings.location
        {
            context.archiveJob = TranscriptArchiveJob.start(
                source: location.url,
                archive: TranscriptArchive(project: context.project, record: context.record),
                analysis: findings.analysis,
                title: findings.analysis?.statistics.sessionID ?? context.record.sessionID
            )
        }
        guard schedule.runsInFull(.git), context.configuration.autoCommit else {
            startedEarly?.discard()
            return
        }
        if let startedEarly {
            context.earlyStaging = startedEarly
        } else if let status = context.record.gatheredStatus {  // a gathered status means git ran here
            context.earlyStaging = EarlyStaging.start(
                root: context.project.root,
                settings: context.configuration.git,
                entries: status,
                environment: context.environment
            )
        }
    }

    /// Removes what was prepared and not put in place (a run that stopped before step 4 or 5).
    static func discard(_ context: StepContext) {
        context.earlyStaging?.discard()
        context.archiveJob?.discard()
    }
}
