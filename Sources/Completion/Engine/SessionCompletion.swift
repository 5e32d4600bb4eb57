import Foundation

/// The one entry point: runs a plan and reports everything as a stream of events. Front ends consume the stream
/// and nothing else; questions come back through the responder.
package enum SessionCompletion {
    /// Every event and question leaves with its secrets redacted, whichever step or cycle produced its text.
    package static func run(
        _ plan: CompletionPlan,
        responder: Responder = SafeDefaultResponder()
    ) -> AsyncStream<CompletionEvent> {
        AsyncStream { continuation in
            let task = Task {
                let engine = CompletionEngine(
                    plan: plan,
                    responder: RedactingResponder(wrapped: responder),
                    emit: { continuation.yield($0.redactingSecrets()) }
                )
                await engine.execute()
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The seven steps in protocol order.
    package static let steps: [any CompletionStep] = [
        WorkStateCaptureStep(), MemoryPersistenceStep(), ContextFilesStep(), ChatHistoryStep(),
        GitStep(), HandoffStep(), CleanupStep(),
    ]
}

struct CompletionEngine {
    let plan: CompletionPlan
    let responder: Responder
    let emit: @Sendable (CompletionEvent) -> Void

    func execute() async {
        let clock = ContinuousClock()
        let started = clock.now
        let project = plan.project
        let log = CompletionLog(project: project, enabled: !plan.options.dryRun)

        if plan.emergencyStop {
            finish(
                .cancelled,
                steps: [],
                cycles: [],
                warnings: [],
                summary: nil,
                quality: 0,
                elapsed: clock.now - started,
                message: "JARVIS_EMERGENCY_STOP is set: stopped before any write. Unset it to end the session."
            )
            return
        }
        if !plan.configuration.enabled {
            finish(
                .cancelled,
                steps: [],
                cycles: [],
                warnings: [],
                summary: nil,
                quality: 0,
                elapsed: clock.now - started,
                message:
                    "session completion is disabled in \(project.relativePath(of: project.configFile)) (enabled: false); nothing was written."
            )
            return
        }

        // One run at a time, from before the first write to the end of the run.
        var runLock: RunLock?
        defer { runLock?.release() }
        var lockWarning: String?
        if !plan.options.dryRun {
            let attempt = await RunLock.acquire(
                project,
                wait: plan.options.waitForLock,
                now: plan.now(),
                shouldStop: { plan.control.shouldStop || Task.isCancelled },
                waiting: { emit(.warning(nil, $0)) }
            )
            switch attempt {
            case .acquired(let lock): runLock = lock
            case .unavailable(let sentence): lockWarning = sentence
            case .held(let sentence):
                finish(
                    .cancelled,
                    steps: [],
                    cycles: [],
                    warnings: [],
                    summary: nil,
                    quality: 0,
                    elapsed: clock.now - started,
                    message: sentence
                )
                return
            case .stopped:
                finish(
                    .interrupted,
                    steps: [],
                    cycles: [],
                    warnings: [],
                    summary: nil,
                    quality: 0,
                    elapsed: clock.now - started,
                    message: "stopped while waiting for the other run; nothing was written"
                )
                return
            }
        }

        let interrupted =
            plan.options.dryRun
            ? nil : RunJournal.interrupted(project, sessionID: plan.options.sessionID, now: plan.now())
        // Before gathering: a killed run's temporary file would otherwise count as one of the session's changes.
        if !plan.options.dryRun {
            for path in OrphanedTempFiles.sweep(project) {
                log.note("INFO", "removed \(path), left by an interrupted write")
            }
        }
        let gatherer = SessionGatherer(
            project: project,
            configuration: plan.configuration,
            now: plan.now(),
            environment: plan.environment
        )
        var (record, gatherWarnings) = gatherer.gather(
            sessionID: plan.options.sessionID,
            transcriptPath: plan.options.transcriptPath,
            resume: interrupted
        )
        if let lockWarning { gatherWarnings.append(lockWarning) }
        // A session whose completion already finished: nothing new ends here; new work continues that completion.
        var continuing: RunJournal?
        if interrupted == nil, !plan.options.dryRun, let completed = RunJournal.completed(project, now: plan.now()),
            let relation = CompletedSession.relation(of: record, to: completed, options: plan.options)
        {
            if plan.options.cycles.isEmpty,
                let commit = SessionCommitFinder.find(completed, project: project, environment: plan.environment),
                CompletedSession.nothingNew(
                    since: commit,
                    project: project,
                    settings: plan.configuration.git,
                    environment: plan.environment
                )
            {
                finish(
                    .completed,
                    steps: [],
                    cycles: [],
                    warnings: gatherWarnings,
                    summary: completed.summaryPath,
                    quality: 0,
                    elapsed: clock.now - started,
                    message:
                        "Nothing new since the session commit \(commit.prefix(7)) of \(completed.sessionID); nothing was changed."
                )
                return
            }
            if relation == .sameSession {
                continuing = CompletedSession.reopened(completed, now: plan.now())
                (record, _) = gatherer.gather(
                    sessionID: completed.sessionID,
                    transcriptPath: plan.options.transcriptPath,
                    resume: continuing,
                    knownTranscript: record.transcript
                )
                gatherWarnings.append(
                    "continuing the completion of \(completed.sessionID), which already finished: "
                        + "the same summary file, and only the new work is committed"
                )
            }
        }
        plan.options.notes?.merge(into: &record)
        emit(
            .runStarted(
                RunInfo(
                    projectPath: project.root.path,
                    projectName: project.name,
                    branch: record.branch,
                    sessionID: record.sessionID,
                    cycles: plan.options.cycles,
                    dryRun: plan.options.dryRun,
                    startedAt: plan.now()
                )
            )
        )
        for warning in plan.configurationWarnings {
            record.warnings.append(warning.description)
            emit(.warning(nil, warning.description))
        }
        for warning in gatherWarnings {
            record.warnings.append(warning)
            emit(.warning(nil, warning))
        }
        ProjectFiles(project).auditToolFolders(project)
        reportRefusals(&record.warnings, step: nil)
        if let interrupted {
            let message =
                "resuming the completion of \(interrupted.sessionID) that was interrupted (started \(interrupted.startedAt), \(interrupted.steps.count) step(s) finished)"
            record.warnings.append(message)
            emit(.warning(nil, message))
        }

        // An active destructive operation blocks, visibly, before anything is written (cycles included).
        let wait = DestructiveOperationWait(
            project: project,
            configuration: plan.configuration,
            control: plan.control,
            emit: emit,
            ask: { [responder] in await responder.answer($0) },
            dryRun: plan.options.dryRun
        )
        switch await wait.run() {
        case .clear: break
        case .proceededAnyway(let message):
            record.warnings.append(message)
            emit(.warning(nil, message))
        case .cancelled(let message):
            finish(
                .cancelled,
                steps: [],
                cycles: [],
                warnings: record.warnings,
                summary: nil,
                quality: 0,
                elapsed: clock.now - started,
                message: message
            )
            return
        }

        // Tier 2 cycles first: they may change the project the steps then capture.
        let runner = CycleRunner(
            project: project,
            configuration: plan.configuration,
            environment: plan.environment,
            control: plan.control,
            now: plan.now,
            session: CycleSession(record.transcript?.location?.url, record.sessionID, plan.options.notes),
            emit: emit
        )
        var findings: [String] = []
        for cycle in plan.options.cycles {
            await plan.control.holdWhilePaused()
            if plan.control.shouldStop || Task.isCancelled {
                record.cycles.append(
                    CycleReport(cycle: cycle, outcome: .skipped("stopped by the user"), duration: .zero)
                )
                continue
            }
            emit(.cycleStarted(cycle))
            let cycleStart = clock.now
            let run = plan.options.dryRun ? CycleRun(outcome: .skipped("dry run: not run")) : await runner.run(cycle)
            let outcome = run.outcome.redactingSecrets()
            findings += SecretRedaction.redact(run.findings)
            let report = CycleReport(cycle: cycle, outcome: outcome, duration: clock.now - cycleStart)
            record.cycles.append(report)
            log.note(
                outcome.isDone ? "INFO" : "WARN",
                "cycle \(cycle.rawValue): \(outcome.name) \(outcome.reason ?? "")"
            )
            emit(.cycleFinished(cycle, outcome, report.duration))
        }
        if !record.cycles.isEmpty {
            // Cycles may have committed or changed files: gather the project again, keeping the cycle reports.
            let cycles = record.cycles, warnings = record.warnings
            (record, _) = gatherer.gather(
                sessionID: plan.options.sessionID ?? (interrupted ?? continuing)?.sessionID,
                transcriptPath: plan.options.transcriptPath,
                resume: interrupted ?? continuing,
                knownTranscript: record.transcript
            )
            record.cycles = cycles
            record.warnings = warnings
            plan.options.notes?.merge(into: &record)
        }
        record.findings += findings

        let writer = ProjectWriter(project: project, dryRun: plan.options.dryRun)
        let context = StepContext(plan: plan, record: record, responder: responder, writer: writer, emit: emit)
        var stopped = false
        var summaryFailed = false
        let journal = JournalKeeper(
            interrupted ?? continuing
                ?? RunJournal(
                    sessionID: record.sessionID,
                    startedAt: Timestamp.iso(plan.now()),
                    day: record.day,
                    ordinal: record.ordinal,
                    baselineCommit: record.baselineCommit
                ),
            project: project,
            enabled: !plan.options.dryRun,
            log: log
        )
        context.journal = journal
        // When the interrupted run already made the session commit, steps 1–5 and the summary are in it: redoing
        // them would change committed files and need a second commit.
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
        if committed == nil, !plan.options.dryRun, plan.configuration.archiveConversation,
            let findings = context.record.transcript, let location = findings.location
        {
            context.archiveJob = TranscriptArchiveJob.start(
                source: location.url,
                archive: TranscriptArchive(project: project, record: context.record),
                analysis: findings.analysis,
                title: findings.analysis?.statistics.sessionID ?? context.record.sessionID
            )
        }
        defer { context.archiveJob?.discard() }
        // A gathered status means git ran here.
        if committed == nil, !plan.options.dryRun, plan.configuration.autoCommit,
            let status = context.record.gatheredStatus
        {
            context.earlyStaging = EarlyStaging.start(
                root: project.root,
                settings: plan.configuration.git,
                entries: status,
                environment: plan.environment
            )
        }
        defer { context.earlyStaging?.discard() }

        for step in SessionCompletion.steps {
            await plan.control.holdWhilePaused()
            if step.id == .git, committed == nil {
                summaryFailed = !writeSummary(context, log: log)
                if let path = context.summary?.path {
                    journal.update { $0.summaryPath = path }
                }
            }
            // Killed between the session commit and the end of step 5: step 5 runs again, to push that commit.
            let unfinishedPush = step.id == .git && interrupted?.finishedReport(.git) == nil
            if committed != nil, unfinishedPush { context.resumedSessionCommit = committed }
            if committed != nil, step.id.number <= StepID.git.number, !unfinishedPush {
                let previous =
                    interrupted?.finishedReport(step.id) ?? StepReport(step: step.id, outcome: .done, duration: .zero)
                emit(.stepStarted(step.id))
                emit(
                    .stepProgress(
                        step.id,
                        "finished by the interrupted run; its work is in the session commit \(committed!.prefix(8))"
                    )
                )
                context.record.steps.append(previous)
                emit(.stepFinished(step.id, previous.outcome, .zero))
                continue
            }
            if plan.control.shouldStop || Task.isCancelled {
                stopped = true
                context.record.steps.append(
                    StepReport(step: step.id, outcome: .skipped("stopped by the user"), duration: .zero)
                )
                emit(.stepFinished(step.id, .skipped("stopped by the user"), .zero))
                continue
            }
            context.currentStep = step.id
            emit(.stepStarted(step.id))
            let stepStart = clock.now
            // Reasons can quote files and program output; the journal and the record keep them redacted.
            let outcome = await step.run(in: context).redactingSecrets()
            reportRefusals(&context.record.warnings, step: step.id)
            let duration = clock.now - stepStart
            context.record.steps.append(StepReport(step: step.id, outcome: outcome, duration: duration))
            log.note(
                outcome.isDone || outcome.name == "skipped" ? "INFO" : "WARN",
                "step \(step.id.number) \(step.id.rawValue): \(outcome.name)\(outcome.reason.map { " — \($0)" } ?? "")"
            )
            emit(.stepFinished(step.id, outcome, duration))
            context.currentStep = nil
            journal.update { journal in
                journal.recordStep(StepReport(step: step.id, outcome: outcome, duration: duration))
                if step.id == .git { journal.sessionCommit = context.record.sessionCommit }
            }
            PausePoint.reach("after:\(step.id.rawValue)")
        }

        let elapsed = clock.now - started
        let quality = HandoffQuality.assess(context.record).percent
        if !plan.options.dryRun {
            recordMetrics(context, quality: quality, elapsed: elapsed)
            if let warning = RunManifestStore(project: project).recordRun(context, at: plan.now()) {
                context.record.warnings.append(warning)
                emit(.warning(nil, warning))
            }
            reportRefusals(&context.record.warnings, step: nil)
        }
        if !plan.options.dryRun { recordFinalOutcome(context, quality: quality, log: log) }
        for warning in context.record.warnings { log.note("WARN", warning) }
        if let peak = PeakMemory.megabytes() {
            log.note(
                "INFO",
                String(format: "run took %.2f s; peak memory of this process %.1f MB", elapsed.seconds, peak)
            )
        }
        if !stopped {
            journal.update {
                $0.finished = true
                $0.finishedAt = Timestamp.iso(plan.now())
            }
        }
        log.flush()
        reportRefusals(&context.record.warnings, step: nil)

        let finalSummary = SummaryRenderer.render(context.record, project: project, final: true)
        emit(.summaryReady(SummaryDocument(path: context.summary?.path, markdown: finalSummary)))
        let status: ExitStatus = stopped ? .interrupted : (summaryFailed ? .minimal : .completed)
        let message: String? =
            stopped
            ? "stopped by the user after the step that was running; re-run to finish"
            : summaryFailed ? "the summary could not be saved; it is shown above: save it by hand" : nil
        finish(
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

    /// The files step 5's guard will hold back, known before the commit so that the committed summary names them.
    private func previewHeldBack(_ context: StepContext) {
        guard context.record.heldBack.isEmpty, plan.configuration.autoCommit, let status = context.record.gatheredStatus
        else { return }
        let held =
            context.earlyStaging?.heldBackFiles()
            ?? StagingGuard(settings: plan.configuration.git, root: context.project.root).decide(status).heldBack
        context.record.heldBack = held.map { HeldBackFile(path: SecretRedaction.redact($0.path), reason: $0.reason) }
    }

    /// Keeps what happened after the summary was saved beside it, for every later look at the summary.
    private func recordFinalOutcome(_ context: StepContext, quality: Int, log: CompletionLog) {
        guard let path = context.summary?.path else { return }
        let text = FinalOutcome.render(context.record, quality: quality, at: plan.now())
        do {
            try context.writer.write(text, to: FinalOutcome.file(for: path, project: context.project))
        } catch {
            log.note("WARN", "the final outcome was not kept beside the summary: \(ErrorSentence.describe(error))")
        }
    }

    /// Writes the summary before step 5 so it is part of the session commit. Returns false when it could not be saved.
    private func writeSummary(_ context: StepContext, log: CompletionLog) -> Bool {
        guard plan.configuration.createSummary else {
            context.record.warnings.append("create_summary is off: no summary file written")
            return true
        }
        let url = SummaryLocator(project: context.project).url(day: context.record.day, ordinal: context.record.ordinal)
        previewHeldBack(context)
        let markdown = SummaryRenderer.render(context.record, project: context.project, final: false)
        if plan.options.dryRun {
            emit(.summaryReady(SummaryDocument(path: nil, markdown: markdown)))
            return true
        }
        do {
            try context.writer.write(markdown, to: url)
            context.summary = SummaryDocument(path: url.path, markdown: markdown)
            emit(.summaryReady(context.summary!))
            return true
        } catch {
            let message =
                "the session summary could not be saved (\(ErrorSentence.describe(error))); it is shown instead"
            context.record.warnings.append(message)
            log.note("ERROR", message)
            emit(.warning(nil, message))
            emit(.summaryReady(SummaryDocument(path: nil, markdown: markdown)))
            return false
        }
    }

    private func recordMetrics(_ context: StepContext, quality: Int, elapsed: Duration) {
        let record = context.record
        func outcome(_ step: StepID) -> Outcome? { record.steps.first { $0.step == step }?.outcome }
        let committed = record.sessionCommit != nil
        let pushed = committed && record.pushPending == nil && outcome(.git) == .done
        let figures = MetricsRecorder.Figures(
            offerShown: plan.options.offerShown,
            // Cycles that ran (done, degraded or failed); skipped ones (unavailable, dry run, skipped by the user) did not.
            cyclesRun: record.cycles.filter { $0.outcome.name != "skipped" }.count,
            commitsCreated: committed ? 1 : 0,
            pushesCompleted: pushed ? 1 : 0,
            memoryEntitiesCreated: record.memoryEntitiesCreated,
            summaryWritten: context.summary?.path != nil,
            handoffQuality: quality,
            completionSeconds: elapsed.seconds,
            filesUpdated: context.writer.files.count,
            commitSucceeded: committed
        )
        let stats = SessionStatsLine(
            date: Timestamp.iso(record.endedAt),
            duration_minutes: record.duration.map { Int(($0 / 60).rounded()) },
            tokens_used: record.tokensUsed,
            commits: record.commitsDuringSession + (committed ? 1 : 0),
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

    private func finish(
        _ status: ExitStatus,
        steps: [StepReport],
        cycles: [CycleReport],
        warnings: [String],
        summary: String?,
        quality: Int,
        elapsed: Duration,
        message: String?
    ) {
        emit(
            .finished(
                RunResult(
                    exitStatus: status,
                    steps: steps,
                    cycles: cycles,
                    warnings: warnings,
                    summaryPath: summary,
                    handoffQuality: quality,
                    elapsed: elapsed,
                    message: message
                )
            )
        )
    }
}
