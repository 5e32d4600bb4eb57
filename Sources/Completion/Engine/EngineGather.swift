import Foundation

extension CompletionEngine {
    /// What the gather phase found: the session's record and the run this one continues, if any.
    struct Gathered {
        var record: SessionRecord
        let gatherer: SessionGatherer
        /// A killed run of this session: this run resumes it.
        let interrupted: RunJournal?
        /// A finished completion of this session: this run continues it with the new work.
        let continuing: RunJournal?
        /// Step 5's staging, started as soon as gathering's `git status` was read (nil: not started early).
        let staging: GatheredStaging?
        var resumed: RunJournal? { interrupted ?? continuing }
    }

    /// Reads what the session left, announces the run and its warnings, and waits out a destructive operation.
    func gather(lockWarning: String?) async throws(EarlyEnd) -> Gathered {
        let staging = stagingFromGatheredStatus()
        do throws(EarlyEnd) {
            var (gathered, warnings) = try gatherSession(lockWarning: lockWarning, staging: staging)
            announce(&gathered, warnings: warnings)
            try await waitForDestructiveOperations(&gathered.record)
            return gathered
        } catch {
            staging?.discardUnclaimed()
            throw error
        }
    }

    /// Staging can start from gathering's status when the steps will follow the gather directly: no cycles (they
    /// change files, and the status is read again after them), a commit to make, and not a dry run.
    private func stagingFromGatheredStatus() -> GatheredStaging? {
        guard !plan.options.dryRun, plan.options.cycles.isEmpty, plan.configuration.autoCommit else { return nil }
        return GatheredStaging(
            root: plan.project.root,
            settings: plan.configuration.git,
            environment: plan.environment
        )
    }

    private func gatherSession(
        lockWarning: String?,
        staging: GatheredStaging?
    ) throws(EarlyEnd) -> (Gathered, [String]) {
        let project = plan.project
        let options = plan.options
        let interrupted =
            options.dryRun ? nil : RunJournal.interrupted(project, sessionID: options.sessionID, now: plan.now())
        // Before gathering: a killed run's temporary file would otherwise count as one of the session's changes.
        if !options.dryRun {
            for path in OrphanedTempFiles.sweep(project) {
                log.note("INFO", "removed \(path), left by an interrupted write")
            }
        }
        var statusRead: (@Sendable ([StatusEntry]) -> Void)?
        if let staging { statusRead = { staging.start(from: $0) } }
        let gatherer = SessionGatherer(
            project: project,
            configuration: plan.configuration,
            now: plan.now(),
            environment: plan.environment,
            statusRead: statusRead
        )
        var (record, warnings) = gatherer.gather(
            sessionID: options.sessionID,
            transcriptPath: options.transcriptPath,
            resume: interrupted
        )
        if let lockWarning { warnings.append(lockWarning) }
        // A session whose completion already finished: nothing new ends here; new work continues that completion.
        var continuing: RunJournal?
        if interrupted == nil, !options.dryRun, let completed = RunJournal.completed(project, now: plan.now()),
            let relation = CompletedSession.relation(of: record, to: completed, options: options)
        {
            try endIfNothingNew(since: completed, warnings: warnings)
            if relation == .sameSession {
                continuing = CompletedSession.reopened(completed, now: plan.now())
                (record, _) = gatherer.gather(
                    sessionID: completed.sessionID,
                    transcriptPath: options.transcriptPath,
                    resume: continuing,
                    knownTranscript: record.transcript
                )
                warnings.append(
                    "continuing the completion of \(completed.sessionID), which already finished: "
                        + "the same summary file, and only the new work is committed"
                )
            }
        }
        options.notes?.merge(into: &record)
        let gathered = Gathered(
            record: record,
            gatherer: gatherer,
            interrupted: interrupted,
            continuing: continuing,
            staging: staging
        )
        return (gathered, warnings)
    }

    /// A completion that finished, with nothing new since its session commit: the run says so and changes nothing.
    private func endIfNothingNew(since completed: RunJournal, warnings: [String]) throws(EarlyEnd) {
        guard plan.options.cycles.isEmpty, !plan.options.archiveSessionState,
            let commit = SessionCommitFinder.find(completed, project: plan.project, environment: plan.environment),
            CompletedSession.nothingNew(
                since: commit,
                project: plan.project,
                settings: plan.configuration.git,
                environment: plan.environment
            )
        else { return }
        throw EarlyEnd(
            status: .completed,
            message: "Nothing new since the session commit \(commit.prefix(7)) of \(completed.sessionID); "
                + "nothing was changed.",
            warnings: warnings,
            summary: completed.summaryPath
        )
    }

    /// The run's header, then every warning so far, each kept in the record and reported.
    private func announce(_ gathered: inout Gathered, warnings: [String]) {
        let project = plan.project
        let record = gathered.record
        let info = RunInfo(
            projectPath: project.root.path,
            projectName: project.name,
            branch: record.branch,
            sessionID: record.sessionID,
            cycles: plan.options.cycles,
            dryRun: plan.options.dryRun,
            startedAt: plan.now()
        )
        emit(.runStarted(info))
        var resuming: [String] = []
        if let interrupted = gathered.interrupted {
            resuming.append(
                "resuming the completion of \(interrupted.sessionID) that was interrupted "
                    + "(started \(interrupted.startedAt), \(interrupted.steps.count) step(s) finished)"
            )
        }
        let early = plan.configurationWarnings.map(\.description) + warnings
        for warning in early {
            gathered.record.warnings.append(warning)
            emit(.warning(nil, warning))
        }
        ProjectFiles(project).auditToolFolders(project)
        reportRefusals(&gathered.record.warnings, step: nil)
        for warning in resuming {
            gathered.record.warnings.append(warning)
            emit(.warning(nil, warning))
        }
    }

    /// An active destructive operation blocks, visibly, before anything is written (cycles included).
    private func waitForDestructiveOperations(_ record: inout SessionRecord) async throws(EarlyEnd) {
        let wait = DestructiveOperationWait(
            project: plan.project,
            configuration: plan.configuration,
            control: plan.control,
            emit: emit,
            ask: { [responder] in await responder.answer($0) },
            dryRun: plan.options.dryRun,
            runStartedAt: Date().addingTimeInterval(-(clock.now - started).seconds)
        )
        switch await wait.run() {
        case .clear: break
        case .proceededAnyway(let message), .clearWithNotice(let message):
            record.warnings.append(message)
            emit(.warning(nil, message))
        case .cancelled(let message):
            throw EarlyEnd(status: .cancelled, message: message, warnings: record.warnings)
        }
    }
}
