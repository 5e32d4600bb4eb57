import Foundation

/// One run of the protocol as six named phases, each in a file of its own: preflight (refusals before any write,
/// the run lock), gather (what the session left; the interrupted or finished run it continues), cycles (Tier 2,
/// then gather again), prepare (the step context, the journal, the work started ahead of steps 4 and 5), steps
/// (before the commit, the summary, the commit, what overlapped it, after the commit) and finish (metrics, the
/// run's records, the closing event). A phase that ends the run early throws `EarlyEnd`.
struct CompletionEngine {
    let plan: CompletionPlan
    let responder: Responder
    let emit: @Sendable (CompletionEvent) -> Void
    let clock = ContinuousClock()
    let started: ContinuousClock.Instant
    let log: CompletionLog

    init(plan: CompletionPlan, responder: Responder, emit: @escaping @Sendable (CompletionEvent) -> Void) {
        self.plan = plan
        self.responder = responder
        self.emit = emit
        self.started = clock.now
        self.log = CompletionLog(project: plan.project, enabled: !plan.options.dryRun)
    }

    func execute() async {
        do throws(EarlyEnd) {
            let preflight = try await preflight()
            defer { preflight.lock?.release() }
            var gathered = try await gather(lockWarning: preflight.lockWarning)
            defer { gathered.staging?.discardUnclaimed() }
            // Jarvis' watcher leaves the session alone while the exit-mode signal exists; it goes on every way out.
            let marks = JarvisRunMarks(project: plan.project, enabled: !plan.options.dryRun)
            defer { marks.end() }
            for warning in marks.begin(sessionID: gathered.record.sessionID, at: plan.now()) {
                gathered.record.warnings.append(warning)
                emit(.warning(nil, warning))
            }
            await runCycles(&gathered)
            let run = prepare(gathered)
            defer { EarlyWork.discard(run.context) }
            let steps = await runSteps(run)
            finish(run, steps, marks: marks)
        } catch {
            emitFinished(error.status, warnings: error.warnings, summary: error.summary, message: error.message)
        }
    }

    /// The run's closing event.
    func emitFinished(
        _ status: ExitStatus,
        steps: [StepReport] = [],
        cycles: [CycleReport] = [],
        warnings: [String],
        summary: String?,
        quality: Int = 0,
        elapsed: Duration? = nil,
        message: String?
    ) {
        let result = RunResult(
            exitStatus: status,
            steps: steps,
            cycles: cycles,
            warnings: warnings,
            summaryPath: summary,
            handoffQuality: quality,
            elapsed: elapsed ?? clock.now - started,
            message: message
        )
        emit(.finished(result))
    }
}

/// A run that ends before its steps: the exit status, the sentence that says why, and what it had by then.
struct EarlyEnd: Error {
    let status: ExitStatus
    let message: String
    var warnings: [String] = []
    var summary: String? = nil
}
