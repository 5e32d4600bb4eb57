import Foundation

/// What the steps phase works with: the step context (the record the steps fill), the journal, and what to do
/// with each step given the run this one resumes.
struct PreparedRun {
    let context: StepContext
    let journal: JournalKeeper
    let schedule: StepSchedule
}

extension CompletionEngine {
    /// Sets up the steps: their context and the run's journal; finds the session commit an interrupted run
    /// already made (then the summary it wrote stands); starts the slow work of steps 4 and 5 (`EarlyWork`).
    func prepare(_ gathered: Gathered) -> PreparedRun {
        let project = plan.project
        let record = gathered.record
        let writer = ProjectWriter(project: project, dryRun: plan.options.dryRun)
        let context = StepContext(plan: plan, record: record, responder: responder, writer: writer, emit: emit)
        let fresh = RunJournal(
            sessionID: record.sessionID,
            startedAt: Timestamp.iso(plan.now()),
            day: record.day,
            ordinal: record.ordinal,
            baselineCommit: record.baselineCommit
        )
        let journal = JournalKeeper(
            gathered.resumed ?? fresh,
            project: project,
            enabled: !plan.options.dryRun,
            log: log
        )
        context.journal = journal
        let interrupted = gathered.interrupted
        let committed = interrupted.flatMap {
            SessionCommitFinder.find($0, project: project, environment: plan.environment)
        }
        if let committed {
            context.record.sessionCommit = committed
            if let path = interrupted?.summaryPath,
                let text = ProjectFiles(project).readIfSafe(URL(fileURLWithPath: path))
            {
                context.summary = SummaryDocument(path: path, markdown: String(decoding: text, as: UTF8.self))
            }
        }
        journal.update { $0.sessionCommit = committed ?? $0.sessionCommit }
        let schedule = StepSchedule(interrupted: interrupted, sessionCommit: committed)
        EarlyWork.start(for: schedule, context: context, gathered: gathered.staging)
        return PreparedRun(context: context, journal: journal, schedule: schedule)
    }
}
