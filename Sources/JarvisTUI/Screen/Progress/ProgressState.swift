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
    package var question: Question?
    package var askingToStop = false
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

    private mutating func note(_ line: String) {
        activity.append(TerminalText.inert(line))
        if activity.count > Self.activityLimit * 2 { activity.removeFirst(activity.count - Self.activityLimit) }
    }

    private mutating func setCycle(_ cycle: CycleID, _ status: Status) {
        if let index = cycles.firstIndex(where: { $0.id == cycle }) { cycles[index].row.status = status }
        else { cycles.append((cycle, Row(title: "\(cycle.title) (\(cycle.component))", status: status))) }
    }

    private mutating func setStep(_ step: StepID, _ status: Status) {
        if let index = steps.firstIndex(where: { $0.id == step }) { steps[index].row.status = status }
    }
}

package enum ProgressAction: Sendable, Equatable {
    case skipCycle, interrupt, answerYes, answerNo, answerDefault, keepGoing, scrollWarnings
}

extension ProgressState {
    package static let keys = KeyTable<ProgressAction>([
        KeyBinding(["s"], "s", "skip cycle", .skipCycle),
        KeyBinding([.interrupt, "q", .escape], "Ctrl-C/q", "stop after step", .interrupt),
    ])

    package static let questionKeys = KeyTable<ProgressAction>([
        KeyBinding(["y", "Y"], "y", "yes", .answerYes),
        KeyBinding(["n", "N"], "n", "no", .answerNo),
        KeyBinding([.enter], "Enter", "default", .answerDefault),
        KeyBinding([.interrupt], "Ctrl-C", "stop", .interrupt),
    ])

    package static let stopKeys = KeyTable<ProgressAction>([
        KeyBinding(["y", "Y"], "y", "stop after this step", .answerYes),
        KeyBinding(["n", "N", .escape, .enter], "n/Esc", "keep going", .keepGoing),
        KeyBinding([.interrupt], "Ctrl-C", "stop now", .interrupt),
    ])

    package var activeKeys: KeyTable<ProgressAction> {
        askingToStop ? Self.stopKeys : question != nil ? Self.questionKeys : Self.keys
    }
}
