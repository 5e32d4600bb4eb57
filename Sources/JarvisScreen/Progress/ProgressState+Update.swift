import Completion
import Foundation

package enum ProgressAction: Sendable, Equatable {
    case skipCycle, interrupt, help, focusNext, review, quit
    case scroll(ScrollAction)
    case answer(YesNoChoice.Action)
}

extension ProgressState {
    package static let keys = KeyTable<ProgressAction>(
        [
            KeyBinding(["s"], "s", "skip cycle", .skipCycle),
            KeyBinding(["?"], "?", "help", .help),
            KeyBinding([.tab], "Tab", "focus", .focusNext),
        ] + ScrollKeys.bindings { .scroll($0) } + [
            KeyBinding([.interrupt, "q", .escape], "Ctrl-C/q", "stop after step", .interrupt, help: "Ctrl-C/q/Esc")
        ]
    )

    /// After the run, while "Done — Enter: review" shows.
    package static let doneKeys = KeyTable<ProgressAction>(
        [
            KeyBinding([.enter], "Enter", "review", .review),
            KeyBinding(["?"], "?", "help", .help),
            KeyBinding([.tab], "Tab", "focus", .focusNext),
        ] + ScrollKeys.bindings { .scroll($0) } + [
            KeyBinding(["q", .escape, .interrupt], "q", "quit", .quit, help: "q/Esc/Ctrl-C")
        ]
    )

    package static let questionKeys = KeyTable<ProgressAction>(
        YesNoChoice.keys.bindings.map { KeyBinding($0.keys, $0.label, $0.hint, .answer($0.action), shown: $0.shown) }
            + [KeyBinding([.interrupt], "Ctrl-C", "stop", .interrupt)]
    )

    package static let stopKeys = KeyTable<ProgressAction>([
        KeyBinding(["y", "Y"], "y", "stop after this step", .answer(.yes)),
        KeyBinding(["n", "N", .escape], "n/Esc", "keep going", .answer(.no)),
        KeyBinding([.left, .right, .tab], "←→/Tab", "move", .answer(.move)),
        KeyBinding([.enter], "Enter", "choose", .answer(.choose)),
        KeyBinding([.interrupt], "Ctrl-C", "stop now", .interrupt),
    ])

    package var activeKeys: KeyTable<ProgressAction> {
        if askingToStop { return Self.stopKeys }
        if question != nil { return Self.questionKeys }
        return phase == .holding ? Self.doneKeys : Self.keys
    }

    /// The footer's hints: `s` only while a cycle runs.
    package var activeHints: [(label: String, hint: String)] {
        var hints = activeKeys.hints
        if question == nil, !askingToStop, cycleRunning == nil { hints.removeAll { $0.label == "s" } }
        return hints
    }

    /// The one place the progress view changes: every key, signal, engine event and tick comes here, and what
    /// must happen outside (steer the engine, answer it, leave) comes back as effects.
    package mutating func update(_ message: ScreenMessage) -> [ScreenEffect] {
        switch message {
        case .key(let key): return handle(key)
        case .signal(let number): return number == SIGTERM ? stop(stopPolicy.terminate()) : interrupt()
        case .engine(let event): apply(event)
        case .question(let question): ask(question)
        case .engineDone: return runEnded()
        case .clock(let time):
            guard phase == .running else { return [] }
            elapsed = time
            spinnerFrame =
                Int(time.components.seconds) * 10 + Int(time.components.attoseconds / 100_000_000_000_000_000)
        case .editorClosed: break
        }
        return []
    }

    private mutating func handle(_ key: Key) -> [ScreenEffect] {
        if showingHelp, key != .interrupt {
            showingHelp = false
            return []
        }
        guard let action = activeKeys.action(for: key) else { return [] }
        switch action {
        case .skipCycle: return cycleRunning == nil ? [] : [.control(.skipCycle)]
        case .interrupt: return interrupt()
        case .answer(let boxAction): return answer(boxAction)
        case .help: showingHelp = true
        case .focusNext:
            let order = panes
            focus = order[((order.firstIndex(of: focus) ?? 0) + 1) % order.count]
        case .scroll(let scroll): self.scroll(focus, scroll)
        case .review:
            phase = .toReview
            return [.finish]
        case .quit:
            phase = .quit
            return [.finish]
        }
        return []
    }

    package mutating func scroll(_ pane: ProgressPane, _ action: ScrollAction) {
        let count: Int
        switch pane {
        case .steps: count = cycles.count + steps.count
        case .log: count = log.count
        case .warnings: count = warnings.count
        }
        positions[pane, default: ScrollPosition()].apply(action, count: count, page: pages[pane] ?? 1)
    }

    /// Ctrl-C, q or Esc, as `StopPolicy` says: the first asks whether to stop and holds the run meanwhile; a
    /// second stops at once. After the run they leave.
    private mutating func interrupt() -> [ScreenEffect] {
        if phase == .holding {
            phase = .quit
            return [.finish]
        }
        if askingToStop || stopRequested { return stop(stopPolicy.interrupt(canAsk: true)) }
        return askToStop().map { .control($0) }
    }

    /// Carries out a stop at once: the engine's children are ended and the view leaves.
    private mutating func stop(_ commands: [RunCommand]) -> [ScreenEffect] {
        phase = .stoppedAtOnce
        return commands.map { .control($0) } + [.finish]
    }

    private mutating func answer(_ action: YesNoChoice.Action) -> [ScreenEffect] {
        guard let answer = choice.handle(action) else { return [] }
        if askingToStop {
            return stopQuestionAnswered(stop: answer).map { .control($0) }
        }
        guard question != nil else { return [] }
        questionAnswered()
        return [.answer(answer)]
    }

    /// The engine's stream is over: hold the view for the user unless the run was quick and clean.
    private mutating func runEnded() -> [ScreenEffect] {
        stopPolicy.runEnded()
        showingHelp = false
        if reviewPause.holds(elapsed: result?.elapsed ?? elapsed, warnings: warnings.count), result != nil {
            phase = .holding
            return []
        }
        phase = .toReview
        return [.finish]
    }
}
