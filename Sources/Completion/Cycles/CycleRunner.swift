import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a Tier 2 cycle: the command the config gives it (argv, no shell, in the project folder, environment passed
/// through, a time limit, output streamed line by line as `cycleOutput` events); without one, the built-in
/// reflection or maintenance, or `claude -p` with the shipped prompt for evolution and research (`ModelCycle`). The command runs in its own process group: a skip from the front end
/// (`RunControl.requestCycleSkip()`), a stop (Ctrl-C) or the time limit sends SIGTERM to the whole group, then
/// SIGKILL after `grace`.
package struct CycleRunner: Sendable {
    let project: Project
    let configuration: Configuration
    let environment: [String: String]
    let control: RunControl
    let now: @Sendable () -> Date
    let grace: Duration
    let emit: @Sendable (CompletionEvent) -> Void
    /// The session the built-in reflection reads (nil: no transcript known).
    let session: CycleSession?

    package init(
        project: Project,
        configuration: Configuration,
        environment: [String: String],
        control: RunControl,
        now: @escaping @Sendable () -> Date = { Date() },
        grace: Duration = .seconds(3),
        session: CycleSession? = nil,
        emit: @escaping @Sendable (CompletionEvent) -> Void
    ) {
        self.session = session
        self.project = project
        self.configuration = configuration
        self.environment = environment
        self.control = control
        self.now = now
        self.grace = grace
        self.emit = emit
    }

    package func run(_ cycle: CycleID) async -> CycleRun {
        let availability = CycleAvailability.check(
            cycle,
            configuration: configuration,
            environment: environment,
            project: project
        )
        guard availability.available else { return CycleRun(outcome: .skipped(availability.reason ?? "unavailable")) }
        _ = control.takeCycleSkipRequest()  // a skip pressed before this cycle started is not meant for it
        let configured = configuration.cycles[cycle]
        switch cycle {
        case .maintenance where configured == nil:
            return await runBuiltInMaintenance()
        case .reflection:
            return await runReflection(then: configured)
        default:
            guard let command = configured ?? ModelCycle.command(cycle, project: project, environment: environment)
            else { return CycleRun(outcome: .skipped(availability.reason ?? "unavailable")) }
            return await runCommand(cycle, command)
        }
    }

    private func runBuiltInMaintenance() async -> CycleRun {
        var maintenance = BuiltInMaintenance(
            project: project,
            environment: environment,
            now: now(),
            control: control,
            output: { [emit] in emit(.cycleOutput(.maintenance, $0)) }
        )
        maintenance.grace = grace
        maintenance.summaryRetentionDays = configuration.summaryRetentionDays
        var run = await Self.onThread { [maintenance] in maintenance.run() }
        if case .skipped = run.outcome { return run }
        let interrupted = Locked<String?>(nil)
        let servers = MCPServerCheck(project: project, environment: environment)
        let lines = await servers.run(
            output: { [emit] in emit(.cycleOutput(.maintenance, $0)) },
            interruption: { [control] in CycleInterruption.check(remembered: interrupted, control: control) }
        )
        run.findings += lines.map { "Maintenance: \($0)" }
        if let reason = interrupted.current { run.outcome = .skipped("\(reason) during the MCP server checks") }
        return run
    }

    /// The built-in reflection, then the configured command as a deeper pass (its outcome decides, the findings of
    /// both are kept). A skip or stop during the built-in pass ends the cycle there.
    private func runReflection(then command: CycleCommand?) async -> CycleRun {
        let interrupted = Locked<String?>(nil)
        let reflection = BuiltInReflection(
            project: project,
            session: session ?? CycleSession(nil, "unknown", nil),
            now: now(),
            interruption: { [control] in CycleInterruption.check(remembered: interrupted, control: control) },
            output: { [emit] in emit(.cycleOutput(.reflection, $0)) }
        )
        let builtIn = await Self.onThread { reflection.run() }
        guard let command, interrupted.current == nil else { return builtIn }
        var deeper = await runCommand(.reflection, command)
        deeper.findings = builtIn.findings + deeper.findings
        if deeper.outcome.isDone, case .failed(let reason) = builtIn.outcome {
            deeper.outcome = .degraded("the built-in pass failed: \(reason)")
        }
        return deeper
    }

    private func runCommand(_ cycle: CycleID, _ command: CycleCommand) async -> CycleRun {
        let cancelled = Locked(false)
        return await withTaskCancellationHandler {
            await Self.onThread { runCommand(cycle, command, cancelled: cancelled) }
        } onCancel: {
            cancelled.set(true)
        }
    }

    /// Blocking work goes to a thread of its own, never to the cooperative pool.
    private static func onThread(_ body: @escaping @Sendable () -> CycleRun) async -> CycleRun {
        await ThreadWork(name: "cycle", stackSize: 1 << 20, body).value
    }

    private func runCommand(_ cycle: CycleID, _ command: CycleCommand, cancelled: Locked<Bool>) -> CycleRun {
        let program = command.argv[0]
        // A relative path with a slash (`scripts/reflect.sh`) means the project's file, not the caller's.
        let resolved =
            program.contains("/") && !program.hasPrefix("/")
            ? project.root.appendingPathComponent(program).path : program
        guard let executable = ExecutableLocator.find(resolved, path: environment["PATH"]) else {
            return CycleRun(outcome: .failed("`\(program)` not found on PATH"))
        }
        let limiter = CycleOutputLimiter(send: { [emit] in emit(.cycleOutput(cycle, $0)) })
        let ending: GroupProcess.Ending
        do {
            ending = try GroupProcess.run(
                executable: executable,
                argv: command.argv,
                directory: project.root.path,
                environment: environment,
                timeout: command.timeout,
                grace: grace,
                feed: limiter.feed,
                finish: limiter.finish,
                interrupt: {
                    if control.takeCycleSkipRequest() { return "skipped by the user" }
                    if control.shouldStop || cancelled.current { return "stopped by the user" }
                    return nil
                }
            )
        } catch {
            return CycleRun(outcome: .failed("could not start `\(program)`: \(ErrorSentence.describe(error))"))
        }
        if ending.killed {
            emit(.cycleOutput(cycle, "(did not end on SIGTERM within \(grace.shortDescription): killed)"))
        }
        if ending.stoppedLeftovers { emit(.cycleOutput(cycle, "(stopped processes the cycle left running)")) }

        if let interruption = ending.interruption {
            return CycleRun(outcome: ending.timedOut ? .failed(interruption) : .skipped(interruption))
        }
        let last = limiter.tail.last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        if ending.exitedNormally {
            if ending.exitCode == 0 { return CycleRun(outcome: .done) }
            return CycleRun(
                outcome: .failed("exited with status \(ending.exitCode)" + (last.map { ": \($0.prefix(200))" } ?? ""))
            )
        }
        return CycleRun(outcome: .failed("ended by signal \(ending.signal)"))
    }
}

/// A skip or stop of the running cycle, remembered once seen: a skip request is used up when it is read, and the
/// cycle's later checks must still see it.
enum CycleInterruption {
    static func check(remembered: Locked<String?>, control: RunControl) -> String? {
        remembered.withLock { reason in
            if reason == nil, control.takeCycleSkipRequest() {
                reason = "skipped by the user"
            } else if reason == nil, control.shouldStop {
                reason = "stopped by the user"
            }
            return reason
        }
    }
}
