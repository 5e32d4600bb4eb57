import Completion
import Foundation

/// How a full-screen run ended, for the command to report after the terminal is restored.
package struct ScreenOutcome: Sendable {
    package let status: ExitStatus
    package let result: RunResult?
}

/// The main job in the full-screen UI: offer → live progress → summary review, all on the terminal thread.
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
        let glyphs = backend.glyphs
        var options = self.options

        if let preview {
            var offer = OfferState(projectName: project.name, preview: preview)
            var decision: OfferDecision?
            await loop.run(
                onKey: { key in
                    decision = offer.handle(key)
                    return decision != nil
                },
                onTick: {
                    // Ctrl-C and SIGTERM end the offer as interrupted (130); only q/Esc are a plain cancel.
                    if !mailbox.takeSignals().isEmpty { decision = .interrupt }
                    return (false, false, decision != nil)
                },
                draw: { OfferView.draw(offer, into: &$0, glyphs: glyphs) }
            )
            guard case .run(let cycles) = decision else {
                return ScreenOutcome(status: decision == .interrupt ? .interrupted : .cancelled, result: nil)
            }
            options.cycles = cycles
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
        let clock = ContinuousClock()
        let start = clock.now
        var lastSecond = -1
        var lastFrame = -1
        func hardStop() -> Never {
            control.requestStop()
            backend.shutdown()
            FileHandle.standardError.write(Data("jarvis-tui: interrupted\n".utf8))
            ChildProcessGroups.terminateAll()
            exit(ExitStatus.interrupted.rawValue)
        }
        // While the stop question is open the engine holds at its next step boundary: nothing the user might
        // still refuse (a commit, a push) happens behind the question.
        func interrupt() {
            if progress.askingToStop || progress.stopRequested { hardStop() }
            progress.askToStop()
            control.pause()
        }
        await loop.run(
            onKey: { key in
                if progress.showingHelp, key != .interrupt {
                    progress.showingHelp = false
                    return false
                }
                guard let action = progress.activeKeys.action(for: key) else { return false }
                switch action {
                case .skipCycle:
                    if progress.cycleRunning != nil { control.requestCycleSkip() }
                case .interrupt:
                    interrupt()
                case .answer(let boxAction):
                    guard let answer = progress.choice.handle(boxAction) else { break }
                    if progress.askingToStop {
                        progress.stopQuestionAnswered()
                        if answer {
                            progress.stopRequested = true
                            control.requestStop()
                        }
                        control.resume()
                    } else if progress.question != nil {
                        mailbox.answer(answer)
                        progress.questionAnswered()
                    }
                case .help:
                    progress.showingHelp = true
                case .scrollWarnings:
                    break
                }
                return false
            },
            onTick: {
                var changed = false
                for number in mailbox.takeSignals() {
                    if number == SIGTERM { hardStop() }
                    interrupt()
                    changed = true
                }
                let (applied, drained) = mailbox.drain(budget: .milliseconds(3)) { progress.apply($0) }
                changed = changed || applied > 0
                if progress.question == nil, let question = mailbox.pendingQuestion {
                    progress.ask(question)
                    changed = true
                }
                progress.elapsed = clock.now - start
                let millis =
                    Int(progress.elapsed.components.seconds) * 1000
                    + Int(progress.elapsed.components.attoseconds / 1_000_000_000_000_000)
                if millis / 1000 != lastSecond { lastSecond = millis / 1000; changed = true }
                if millis / 100 != lastFrame {
                    lastFrame = millis / 100; progress.spinnerFrame = lastFrame; changed = true
                }
                return (changed, mailbox.hasPendingEvents, drained && progress.result != nil)
            },
            draw: { ProgressView.draw(progress, into: &$0, glyphs: glyphs) }
        )

        let result = progress.result
        let status = result?.exitStatus ?? .interrupted
        let document =
            progress.summary
            ?? SummaryDocument(
                path: nil,
                markdown: "# Nothing was done\n\n" + (result?.message ?? "The run ended without a summary.")
            )
        var heading = "Session summary"
        if let result {
            heading += " · " + Self.describe(result)
        }
        var viewer = ViewerState(title: heading, path: document.path, markdown: document.markdown, glyphs: glyphs)
        // After `e` the viewer shows the saved file again, with what happened after it was saved.
        let appendix = document.path.flatMap { FinalOutcome.read(summaryPath: $0, project: project) }
        await SummaryViewer(loop: loop, mailbox: mailbox, environment: environment).run(&viewer, appendix: appendix)
        return ScreenOutcome(status: status, result: result)
    }

    static func describe(_ result: RunResult) -> String {
        switch result.exitStatus {
        case .completed: "completed in \(result.elapsed.shortDescription), handoff \(result.handoffQuality)/100"
        case .minimal: "minimal degradation: summary not saved"
        case .interrupted: "stopped by the user"
        case .cancelled: "nothing was done"
        case .usage: "usage error"
        }
    }
}

/// The Markdown viewer loop, shared by the end of a run and `jarvis-tui summary`.
@TerminalActor
package struct SummaryViewer {
    let loop: ScreenLoop
    let mailbox: Mailbox
    let editor: EditorLauncher

    package init(loop: ScreenLoop, mailbox: Mailbox, environment: [String: String]) {
        self.loop = loop
        self.mailbox = mailbox
        editor = EditorLauncher(environment: environment)
    }

    /// `appendix`: Markdown shown after the file whenever it is read back from disk (the final outcome).
    package func run(_ viewer: inout ViewerState, appendix: String? = nil) async {
        var state = viewer
        var editing: String?
        while true {
            editing = nil
            await loop.run(
                onKey: { key in
                    switch state.handle(key, height: loop.backend.size.height) {
                    case .quit: return true
                    case .edit(let path): editing = path; return true
                    case nil: return false
                    }
                },
                onTick: { (false, false, !mailbox.takeSignals().isEmpty) },
                draw: { ViewerView.draw(&state, into: &$0) }
            )
            guard let path = editing else { break }
            let problem = editor.edit(path, backend: loop.backend)
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                state.replace(markdown: appendix.map { text + (text.hasSuffix("\n") ? "\n" : "\n\n") + $0 } ?? text)
            }
            state.message = problem
        }
        viewer = state
    }

}
