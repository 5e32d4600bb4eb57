import Completion

/// What the progress view shows, folded from the engine's events.
package struct ProgressState: Sendable {
    package enum Status: Sendable, Equatable {
        case pending
        case running
        case finished(Outcome, Duration)
    }

    package struct Row: Sendable, Equatable {
        package var title: String
        package var status: Status = .pending
    }

    package var projectName: String
    package var branch: String?
    package var dryRun = false
    package var cycles: [(id: CycleID, row: Row)] = []
    package var steps: [(id: StepID, row: Row)] = StepID.allCases.map { ($0, Row(title: "\($0.number) \($0.title)")) }
    /// The latest lines of the running step or cycle, newest last.
    package private(set) var activity: [String] = []
    package var activityTitle = ""
    package private(set) var warnings: [String] = []
    package var elapsed: Duration = .zero
    package var spinnerFrame = 0
    package private(set) var question: Question?
    package private(set) var askingToStop = false
    /// The answers of the open y/n box (a gate question or the stop question) and which one is highlighted.
    package var choice = YesNoChoice(safeAnswer: false)
    package var showingHelp = false
    package var stopRequested = false
    package var summary: SummaryDocument?
    package var result: RunResult?
    package var cycleRunning: CycleID? {
        cycles.first { $0.row.status == .running }?.id
    }

    package static let activityLimit = 200

    package init(projectName: String, branch: String?, cycles: [CycleID] = []) {
        self.projectName = projectName
        self.branch = branch
        self.cycles = cycles.map { ($0, Row(title: "\($0.title) (\($0.component))")) }
    }

    package mutating func apply(_ event: CompletionEvent) {
        switch event {
        case .runStarted(let info):
            projectName = info.projectName
            branch = info.branch
            dryRun = info.dryRun
            cycles = info.cycles.map { ($0, Row(title: "\($0.title) (\($0.component))")) }
        case .cycleStarted(let cycle):
            setCycle(cycle, .running)
            activity.removeAll()
            activityTitle = cycle.title
        case .cycleOutput(_, let line):
            note(line)
        case .cycleFinished(let cycle, let outcome, let duration):
            setCycle(cycle, .finished(outcome, duration))
        case .stepStarted(let step):
            setStep(step, .running)
            activity.removeAll()
            activityTitle = step.title
        case .stepProgress(_, let line):
            note(line)
        case .warning(let step, let text):
            warnings.append((step.map { "step \($0.number): " } ?? "") + TerminalText.inert(text))
        case .stepFinished(let step, let outcome, let duration):
            setStep(step, .finished(outcome, duration))
        case .questionAsked, .questionAnswered:
            break
        case .summaryReady(let document):
            summary = document
        case .finished(let result):
            self.result = result
        }
    }

    /// Opens the box for a question from the engine, its safe answer highlighted.
    package mutating func ask(_ question: Question) {
        self.question = question
        if !askingToStop { choice = YesNoChoice(safeAnswer: question.safeDefault) }
    }

    package mutating func questionAnswered() {
        question = nil
    }

    /// Opens the stop question over whatever shows; "keep going" is the safe answer.
    package mutating func askToStop() {
        showingHelp = false
        askingToStop = true
        choice = YesNoChoice(safeAnswer: false)
    }

    /// Closes the stop question; a gate question it covered gets its own answers back.
    package mutating func stopQuestionAnswered() {
        askingToStop = false
        if let question { choice = YesNoChoice(safeAnswer: question.safeDefault) }
    }

    private mutating func note(_ line: String) {
        activity.append(TerminalText.inert(line))
        if activity.count > Self.activityLimit * 2 { activity.removeFirst(activity.count - Self.activityLimit) }
    }

    private mutating func setCycle(_ cycle: CycleID, _ status: Status) {
        if let index = cycles.firstIndex(where: { $0.id == cycle }) {
            cycles[index].row.status = status
        } else {
            cycles.append((cycle, Row(title: "\(cycle.title) (\(cycle.component))", status: status)))
        }
    }

    private mutating func setStep(_ step: StepID, _ status: Status) {
        if let index = steps.firstIndex(where: { $0.id == step }) { steps[index].row.status = status }
    }
}

package enum ProgressAction: Sendable, Equatable {
    case skipCycle, interrupt, scrollWarnings, help
    case answer(YesNoChoice.Action)
}

extension ProgressState {
    package static let keys = KeyTable<ProgressAction>([
        KeyBinding(["s"], "s", "skip cycle", .skipCycle),
        KeyBinding(["?"], "?", "help", .help),
        KeyBinding([.interrupt, "q", .escape], "Ctrl-C/q", "stop after step", .interrupt),
    ])

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
        askingToStop ? Self.stopKeys : question != nil ? Self.questionKeys : Self.keys
    }
}
