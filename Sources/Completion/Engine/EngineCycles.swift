import Foundation

extension CompletionEngine {
    /// Tier 2 cycles first: they may change the project the steps then capture. Once any ran, the project is
    /// gathered again (a cycle may have committed or changed files), keeping the cycle reports.
    func runCycles(_ gathered: inout Gathered) async {
        let runner = CycleRunner(
            project: plan.project,
            configuration: plan.configuration,
            environment: plan.environment,
            control: plan.control,
            now: plan.now,
            session: CycleSession(
                gathered.record.transcript?.location?.url,
                gathered.record.sessionID,
                plan.options.notes
            ),
            emit: emit
        )
        var findings: [String] = []
        for cycle in plan.options.cycles {
            gathered.record.cycles.append(await runCycle(cycle, runner: runner, findings: &findings))
        }
        if !gathered.record.cycles.isEmpty { regather(&gathered) }
        gathered.record.findings += findings
    }

    private func runCycle(_ cycle: CycleID, runner: CycleRunner, findings: inout [String]) async -> CycleReport {
        await plan.control.holdWhilePaused()
        if plan.control.shouldStop || Task.isCancelled {
            return CycleReport(cycle: cycle, outcome: .skipped("stopped by the user"), duration: .zero)
        }
        emit(.cycleStarted(cycle))
        let start = clock.now
        let run = plan.options.dryRun ? CycleRun(outcome: .skipped("dry run: not run")) : await runner.run(cycle)
        let outcome = run.outcome.redactingSecrets()
        findings += SecretRedaction.redact(run.findings)
        let report = CycleReport(cycle: cycle, outcome: outcome, duration: clock.now - start)
        log.note(outcome.isDone ? "INFO" : "WARN", "cycle \(cycle.rawValue): \(outcome.name) \(outcome.reason ?? "")")
        emit(.cycleFinished(cycle, outcome, report.duration))
        return report
    }

    private func regather(_ gathered: inout Gathered) {
        let cycles = gathered.record.cycles
        let warnings = gathered.record.warnings
        let resumed = gathered.resumed
        (gathered.record, _) = gathered.gatherer.gather(
            sessionID: plan.options.sessionID ?? resumed?.sessionID,
            transcriptPath: plan.options.transcriptPath,
            resume: resumed,
            knownTranscript: gathered.record.transcript
        )
        gathered.record.cycles = cycles
        gathered.record.warnings = warnings
        plan.options.notes?.merge(into: &gathered.record)
    }
}
