import Foundation

extension CompletionEngine {
    /// How the steps phase ended.
    struct StepsEnd {
        /// The user stopped the run: the steps after the one that was running were skipped.
        var stopped = false
        var summaryFailed = false
    }

    /// A step whose work goes on while the next steps run (step 4's archive), settled once the commit is made.
    private struct InFlightStep {
        let id: StepID
        let step: any OverlappingStep
        let start: ContinuousClock.Instant
    }

    /// The steps before the session commit; the summary, written first so that the commit holds it; the commit;
    /// the work that overlapped the commit, put in place; the steps after the commit.
    func runSteps(_ run: PreparedRun) async -> StepsEnd {
        var end = StepsEnd()
        var inFlight: [InFlightStep] = []
        for id in StepID.allCases where id.phase == .beforeCommit {
            await perform(id, run, &end, &inFlight)
        }
        await plan.control.holdWhilePaused()
        if run.schedule.sessionCommit == nil {
            end.summaryFailed = !writeSummary(run)
            if !plan.options.dryRun { recordComponentState(run.context) }
        }
        for id in StepID.allCases where id.phase == .commit {
            await perform(id, run, &end, &inFlight)
        }
        for overlapping in inFlight {
            run.context.currentStep = overlapping.id
            let outcome = await overlapping.step.settle(in: run.context)
            conclude(overlapping.id, outcome, since: overlapping.start, run)
        }
        for id in StepID.allCases where id.phase == .afterCommit {
            await perform(id, run, &end, &inFlight)
        }
        return end
    }

    private func perform(
        _ id: StepID,
        _ run: PreparedRun,
        _ end: inout StepsEnd,
        _ inFlight: inout [InFlightStep]
    ) async {
        let context = run.context
        await plan.control.holdWhilePaused()
        switch run.schedule.disposition(id) {
        case .finishedEarlier(let report):
            replay(report, commit: run.schedule.sessionCommit ?? "", context)
            return
        case .pushOnly(let commit):
            context.resumedSessionCommit = commit
        case .run:
            break
        }
        if plan.control.shouldStop || Task.isCancelled {
            end.stopped = true
            add(StepReport(step: id, outcome: .skipped("stopped by the user"), duration: .zero), to: context)
            emit(.stepFinished(id, .skipped("stopped by the user"), .zero))
            return
        }
        context.currentStep = id
        emit(.stepStarted(id))
        let start = clock.now
        if let overlapping = id.step as? any OverlappingStep {
            guard let outcome = await overlapping.begin(in: context) else {
                inFlight.append(InFlightStep(id: id, step: overlapping, start: start))
                context.currentStep = nil
                return
            }
            conclude(id, outcome, since: start, run)
        } else {
            conclude(id, await id.step.run(in: context), since: start, run)
        }
    }

    /// A step the interrupted run finished: its report, and where its work is.
    private func replay(_ report: StepReport, commit: String, _ context: StepContext) {
        emit(.stepStarted(report.step))
        let note = "finished by the interrupted run; its work is in the session commit \(commit.prefix(8))"
        emit(.stepProgress(report.step, note))
        add(report, to: context)
        emit(.stepFinished(report.step, report.outcome, .zero))
    }

    /// Records a step's outcome in the record, the log, the output and the journal.
    private func conclude(_ id: StepID, _ raw: Outcome, since start: ContinuousClock.Instant, _ run: PreparedRun) {
        let context = run.context
        // Reasons can quote files and program output; the journal and the record keep them redacted.
        let outcome = raw.redactingSecrets()
        reportRefusals(&context.record.warnings, step: id)
        let report = StepReport(step: id, outcome: outcome, duration: clock.now - start)
        add(report, to: context)
        log.note(
            Self.logLevel(outcome),
            "step \(id.number) \(id.rawValue): \(outcome.name)\(outcome.reason.map { " — \($0)" } ?? "")"
        )
        emit(.stepFinished(id, outcome, report.duration))
        context.currentStep = nil
        run.journal.update { journal in
            journal.recordStep(report)
            if id.phase == .commit { journal.sessionCommit = context.record.sessionCommit }
        }
        PausePoint.reach("after:\(id.rawValue)")
    }

    /// A step that did its work or had none to do is news; one that fell short is a warning.
    private static func logLevel(_ outcome: Outcome) -> String {
        switch outcome.kind {
        case .done, .skipped: "INFO"
        case .degraded, .failed: "WARN"
        }
    }

    /// Keeps the record's reports in protocol order (a step that overlapped the commit finishes after it).
    private func add(_ report: StepReport, to context: StepContext) {
        let index = context.record.steps.firstIndex { $0.step.number > report.step.number }
        context.record.steps.insert(report, at: index ?? context.record.steps.endIndex)
    }
}

extension CompletionEngine {
    /// Jarvis' component state, counted before step 5 so that the session commit holds it.
    func recordComponentState(_ context: StepContext) {
        let state = ComponentStateFile(project: context.project)
        let summary = context.summary?.path.map { context.relative(URL(fileURLWithPath: $0)) }
        let sessionID = context.record.sessionID
        if let warning = state.recordSession(sessionID, summary: summary, at: plan.now(), writer: context.writer) {
            context.warn(warning)
        }
    }
}
