import Foundation

extension CompletionEngine {
    /// The run's records (metrics, the rollback manifest, the final outcome beside the summary, the log), the
    /// journal marked finished unless the user stopped the run, the final summary and the closing event.
    func finish(_ run: PreparedRun, _ end: StepsEnd, marks: JarvisRunMarks) {
        let context = run.context
        let elapsed = clock.now - started
        let quality = HandoffQuality.assess(context.record).percent
        let slow = CompletionTimeAlert.check(elapsed, limit: plan.configuration.alertSeconds)
        if let slow {
            context.record.warnings.append(slow)
            emit(.warning(nil, slow))
        }
        if !plan.options.dryRun {
            recordMetrics(context, quality: quality, elapsed: elapsed, completed: !end.stopped, slow: slow != nil)
            if let warning = RunManifestStore(project: plan.project).recordRun(context, at: plan.now()) {
                context.record.warnings.append(warning)
                emit(.warning(nil, warning))
            }
            reportRefusals(&context.record.warnings, step: nil)
            recordFinalOutcome(context, quality: quality)
        }
        for warning in context.record.warnings { log.note("WARN", warning) }
        if let peak = PeakMemory.megabytes() {
            log.note(
                "INFO",
                String(format: "run took %.2f s; peak memory of this process %.1f MB", elapsed.seconds, peak)
            )
        }
        if !end.stopped {
            run.journal.update {
                $0.finished = true
                $0.finishedAt = Timestamp.iso(plan.now())
            }
        }
        log.flush()
        reportRefusals(&context.record.warnings, step: nil)

        let finalSummary = SummaryRenderer.render(context.record, project: plan.project, final: true)
        emit(.summaryReady(SummaryDocument(path: context.summary?.path, markdown: finalSummary)))
        let status: ExitStatus = end.stopped ? .interrupted : (end.summaryFailed ? .minimal : .completed)
        let ended = marks.complete(status, record: context.record, quality: quality, elapsed: elapsed, at: plan.now())
        if let ended { emit(.warning(nil, ended)) }
        let message: String? =
            end.stopped
            ? "stopped by the user after the step that was running; re-run to finish"
            : end.summaryFailed ? "the summary could not be saved; it is shown above: save it by hand" : nil
        emitFinished(
            status,
            steps: context.record.steps,
            cycles: context.record.cycles,
            warnings: context.record.warnings,
            summary: context.summary?.path,
            quality: quality,
            elapsed: elapsed,
            message: message
        )
    }

    /// Keeps what happened after the summary was saved beside it, for every later look at the summary.
    private func recordFinalOutcome(_ context: StepContext, quality: Int) {
        guard let path = context.summary?.path else { return }
        let text = FinalOutcome.render(context.record, quality: quality, at: plan.now())
        do {
            try context.writer.write(text, to: FinalOutcome.file(for: path, project: context.project))
        } catch {
            log.note("WARN", "the final outcome was not kept beside the summary: \(ErrorSentence.describe(error))")
        }
    }

    private func recordMetrics(_ context: StepContext, quality: Int, elapsed: Duration, completed: Bool, slow: Bool) {
        let record = context.record
        let figures = MetricsRecorder.Figures.counting(
            context,
            quality: quality,
            elapsed: elapsed,
            completed: completed,
            slow: slow
        )
        let stats = SessionStatsLine(
            date: Timestamp.iso(record.endedAt),
            duration_minutes: record.duration.map { Int(($0 / 60).rounded()) },
            tokens_used: record.tokensUsed,
            commits: record.commitsDuringSession + (record.sessionCommit != nil ? 1 : 0),
            files_modified: record.filesModified.count,
            tier2_cycles_run: figures.cyclesRun,
            handoff_quality: quality
        )
        do {
            try MetricsRecorder(project: context.project, writer: context.writer).record(
                figures,
                at: plan.now(),
                stats: stats
            )
        } catch {
            context.record.warnings.append("metrics not written: \(ErrorSentence.describe(error))")
            emit(.warning(nil, "metrics not written: \(ErrorSentence.describe(error))"))
        }
    }
}
