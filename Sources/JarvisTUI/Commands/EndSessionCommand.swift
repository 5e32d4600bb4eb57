import ArgumentParser
import Completion
import Foundation
import JarvisScreen

struct EndSessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "end-session",
        abstract: "The main job: offer Tier 2 cycles, run the seven steps, show the session summary."
    )

    @Option(name: .long, help: "The project (default: nearest folder with .claude/ at or above the working directory).")
    var project: String?

    @OptionGroup var options: EndSessionOptions

    func run() async throws {
        let status = await SessionRunner(options: options).run(projectPath: project)
        throw ExitCode(status.rawValue)
    }
}

/// Resolves project and configuration, picks the front end, and runs the engine. Shared by `end-session` and `demo`.
struct SessionRunner {
    let options: EndSessionOptions
    var environment = ProcessInfo.processInfo.environment

    func run(projectPath: String?) async -> ExitStatus {
        let invokedAt = Date()
        guard let (project, resolved) = projectAndConfiguration(projectPath: projectPath),
            var runOptions = runOptions(invokedAt: invokedAt)
        else { return .usage }
        var mode = OutputMode.decide(plain: options.plain, json: options.json, environment: environment)
        if mode == .screen {
            if let status = await runOnScreen(project: project, resolved: resolved, runOptions: runOptions) {
                return status
            }
            mode = .plain  // the terminal refused curses: carry on line by line
        }
        if OfferPolicy.shows(
            resolved,
            cyclesGiven: options.cycles != nil,
            answerWithDefaults: options.yes,
            canAsk: mode == .plain && OutputMode.stdinIsTerminal
        ) {
            guard let chosen = askOnLines(project: project, resolved: resolved) else {
                StandardOutput.write("Cancelled: nothing was written.\n")
                return .cancelled
            }
            runOptions.choose(chosen)
            runOptions.offerShown = true
        }
        return await runOnLines(project: project, resolved: resolved, runOptions: runOptions, mode: mode)
    }

    /// The project and its configuration; nil (the reason printed) when either cannot be had or the theme asked
    /// for does not exist.
    private func projectAndConfiguration(projectPath: String?) -> (Project, ResolvedConfiguration)? {
        guard let start = projectPath.map({ URL(fileURLWithPath: $0) }) ?? WorkingDirectory.current() else {
            StandardOutput.error("jarvis-tui: \(WorkingDirectory.goneSentence)")
            return nil
        }
        guard let project = Project.discover(from: start) else {
            StandardOutput.error("jarvis-tui: \(ProjectNotFound(start: start.path))")
            return nil
        }
        if let theme = options.theme,
            let problem = ThemeCatalog.standard(environment: environment).problem(naming: theme)
        {
            StandardOutput.error("jarvis-tui: \(problem)")
            return nil
        }
        do {
            let resolved = try ConfigurationResolver.resolve(
                project: project,
                commandLine: options.overrides,
                environment: environment
            )
            return (project, resolved)
        } catch {
            StandardOutput.error("jarvis-tui: configuration error: \(error)")
            return nil
        }
    }

    /// The engine's options from the command line; nil (the reason printed) when the notes cannot be read.
    private func runOptions(invokedAt: Date) -> RunOptions? {
        var runOptions = RunOptions()
        runOptions.dryRun = options.dryRun
        runOptions.push = options.pushChoice
        runOptions.transcriptPath = options.transcript
        runOptions.sessionID = options.sessionID
        if let notes = options.notes {
            do { runOptions.notes = try AgentNotesSource.load(notes) } catch {
                StandardOutput.error("jarvis-tui: the notes cannot be read: \(error). Nothing was written.")
                return nil
            }
        }
        runOptions.waitForLock = options.wait
        // `--cycles` carries the answer to an offer the agent made (its `/end-session` story asks first).
        if options.cycles != nil { runOptions.offerShown = true }
        runOptions.invokedAt = invokedAt
        if let list = options.cycles, let selection = try? options.parsedCycles(list) { runOptions.choose(selection) }
        return runOptions
    }

    /// The run with its events written line by line (plain text or JSON); Ctrl-C asks the engine to stop.
    private func runOnLines(
        project: Project,
        resolved: ResolvedConfiguration,
        runOptions: RunOptions,
        mode: OutputMode
    ) async -> ExitStatus {
        let control = RunControl()
        let interrupts = InterruptHandler(control: control, canAsk: mode == .plain && OutputMode.stdinIsTerminal)
        interrupts.install()
        defer { interrupts.uninstall() }

        let plan = CompletionPlan(
            project: project,
            resolved: resolved,
            options: runOptions,
            environment: environment,
            control: control
        )
        var renderer: EventRenderer = mode == .json ? JSONRenderer() : PlainRenderer()
        return await render(SessionCompletion.run(plan, responder: SafeDefaultResponder()), with: &renderer, interrupts)
    }

    /// Prints the run's events; while the stop question is open they wait, so the question stays the last line.
    private func render(
        _ events: AsyncStream<CompletionEvent>,
        with renderer: inout EventRenderer,
        _ interrupts: InterruptHandler
    ) async -> ExitStatus {
        var status = ExitStatus.completed
        var held: [CompletionEvent] = []
        for await event in events {
            if case .finished(let result) = event { status = result.exitStatus }
            held.append(event)
            if interrupts.isAsking { continue }
            for waiting in held { renderer.render(waiting) }
            held.removeAll()
        }
        interrupts.runEnded()
        for waiting in held { renderer.render(waiting) }
        return status
    }

    /// The full-screen UI; nil when the terminal refused curses (the caller carries on in plain mode).
    private func runOnScreen(
        project: Project,
        resolved: ResolvedConfiguration,
        runOptions: RunOptions
    ) async -> ExitStatus? {
        let session = ScreenSession(
            project: project,
            resolved: resolved,
            options: runOptions,
            environment: environment,
            showOffer: OfferPolicy.shows(
                resolved,
                cyclesGiven: options.cycles != nil,
                answerWithDefaults: options.yes,
                canAsk: true
            ),
            answerWithDefaults: options.yes
        )
        let outcome: ScreenOutcome
        do {
            guard let shown = try await session.run() else { return nil }
            outcome = shown
        } catch {
            StandardOutput.error("jarvis-tui: \(ErrorSentence.describe(error))")
            return .usage
        }
        if outcome.stoppedAtOnce {
            StandardOutput.error("jarvis-tui: interrupted")
        } else if let result = outcome.result {
            StandardOutput.write(PlainRenderer.closing(result) + "\n")
        } else if outcome.status == .cancelled {
            StandardOutput.write("Cancelled: nothing was written.\n")
        } else {
            StandardOutput.error("jarvis-tui: interrupted before anything was written")
        }
        return outcome.status
    }

    /// The offer as a line prompt; nil when the user cancelled. Ctrl-C meanwhile exits 130 at once: nothing has
    /// been written yet.
    private func askOnLines(project: Project, resolved: ResolvedConfiguration) -> CycleSelection? {
        let interrupts = InterruptHandler(control: nil)
        interrupts.install()
        defer { interrupts.uninstall() }
        let preview = OfferPreview.make(
            project: project,
            configuration: resolved.configuration,
            environment: environment
        )
        return LineOffer(preview: preview).ask()
    }
}
