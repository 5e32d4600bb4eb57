import Completion
import Foundation

/// How a full-screen run ended, for the command to report after the terminal is restored.
package struct ScreenOutcome: Sendable {
    package let status: ExitStatus
    package let result: RunResult?
    /// A second Ctrl-C or SIGTERM stopped the run at once, in the middle.
    package var stoppedAtOnce = false
}

/// The main job in the full-screen UI: offer → live progress → review, each a screen in the same update loop on
/// the terminal thread.
package struct ScreenSession: Sendable {
    package var project: Project
    package var resolved: ResolvedConfiguration
    package var options: RunOptions
    package var environment: [String: String]
    package var showOffer: Bool
    /// `--yes`: gates take their safe default instead of asking.
    package var answerWithDefaults: Bool
    package var catalog: ThemeCatalog

    package init(
        project: Project,
        resolved: ResolvedConfiguration,
        options: RunOptions,
        environment: [String: String],
        showOffer: Bool,
        answerWithDefaults: Bool
    ) {
        self.project = project
        self.resolved = resolved
        self.options = options
        self.environment = environment
        self.showOffer = showOffer
        self.answerWithDefaults = answerWithDefaults
        catalog = ThemeCatalog.standard(environment: environment)
    }

    /// nil when the terminal cannot be driven (the caller falls back to plain output).
    @TerminalActor
    package func run() async throws(ThemeError) -> ScreenOutcome? {
        let preview =
            showOffer
            ? OfferPreview.make(project: project, configuration: resolved.configuration, environment: environment) : nil
        return try await CursesTerminal.run(
            theme: resolved.configuration.theme,
            catalog: catalog,
            environment: environment
        ) { backend, mailbox in
            await drive(backend: backend, mailbox: mailbox, preview: preview)
        }
    }

    /// The three screens on any backend (curses here, headless in tests and the benchmark).
    @TerminalActor
    package func drive(backend: any ScreenBackend, mailbox: Mailbox, preview: OfferPreview?) async -> ScreenOutcome {
        let loop = ScreenLoop(backend: backend)
        var options = self.options
        if let preview {
            var offer = OfferState(projectName: project.name, preview: preview)
            offer.glyphs = backend.glyphs
            await ScreenDriver(loop: loop, mailbox: mailbox, environment: environment).run(&offer)
            guard case .run(let cycles) = offer.decision else {
                return ScreenOutcome(status: offer.decision == .interrupt ? .interrupted : .cancelled, result: nil)
            }
            options.cycles = cycles
            options.archiveSessionState = offer.archiveTicked
            options.offerShown = true
        }

        let control = RunControl()
        let plan = CompletionPlan(
            project: project,
            resolved: resolved,
            options: options,
            environment: environment,
            control: control
        )
        let responder: Responder = answerWithDefaults ? SafeDefaultResponder() : ScreenResponder(mailbox: mailbox)
        let engine = Task.detached {
            for await event in SessionCompletion.run(plan, responder: responder) { mailbox.post(event) }
            mailbox.endOfStream()
        }
        defer { engine.cancel() }

        var progress = ProgressState(projectName: project.name, branch: preview?.branch, cycles: options.cycles)
        progress.glyphs = backend.glyphs
        progress.reviewPause = resolved.configuration.reviewPause
        await ScreenDriver(loop: loop, mailbox: mailbox, control: control, environment: environment)
            .run(&progress, engine: true)
        let result = progress.result
        switch progress.phase {
        case .stoppedAtOnce: return ScreenOutcome(status: .interrupted, result: nil, stoppedAtOnce: true)
        case .quit: return ScreenOutcome(status: result?.exitStatus ?? .interrupted, result: result)
        case .running, .holding, .toReview: break
        }
        var review = reviewState(progress, glyphs: backend.glyphs)
        await ScreenDriver(loop: loop, mailbox: mailbox, environment: environment).run(&review)
        return ScreenOutcome(status: result?.exitStatus ?? .interrupted, result: result)
    }

    /// The summary (or why there is none) and the run's log, with the result and score in the title.
    func reviewState(_ progress: ProgressState, glyphs: Glyphs) -> ReviewState {
        let result = progress.result
        let document =
            progress.summary
            ?? SummaryDocument(
                path: nil,
                markdown: "# Nothing was done\n\n" + (result?.message ?? "The run ended without a summary.")
            )
        let title = result.map(Self.describe) ?? "Session summary"
        let viewer = ViewerState(title: title, path: document.path, markdown: document.markdown, glyphs: glyphs)
        // After `e` the viewer shows the saved file again, with what happened after it was saved.
        let appendix = document.path.flatMap { FinalOutcome.read(summaryPath: $0, project: project) }
        // The file exists once a cycle or step started (a run stopped before that writes nothing).
        let worked = (progress.cycles.map(\.row) + progress.steps.map(\.row)).contains { $0.status != .pending }
        let logFile = progress.runInfo.flatMap { info in
            info.dryRun || !worked ? nil : project.relativePath(of: RunLogFile.location(project: project, info: info))
        }
        return ReviewState(viewer: viewer, log: progress.log, logFile: logFile, appendix: appendix)
    }

    static func describe(_ result: RunResult) -> String {
        switch result.exitStatus {
        case .completed: "completed in \(result.elapsed.shortDescription) · handoff \(result.handoffQuality)/100"
        case .minimal: "minimal degradation: summary not saved"
        case .interrupted: "stopped by the user"
        case .cancelled: "nothing was done"
        case .usage: "usage error"
        }
    }
}
