import Completion

/// What the progress view shows, folded from the engine's events: the cycles and steps, the run log, the
/// warnings, the open question, and which pane has the focus and where each is scrolled.
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

    /// Where the view is: the run going on, the run done and held for the user, or left.
    package enum Phase: Sendable, Equatable {
        case running
        /// "Done — Enter: review": the steps finished and the view stays until the user goes on.
        case holding
        /// Go on to the review.
        case toReview
        /// q after the run: leave without the review.
        case quit
        /// A second Ctrl-C or SIGTERM: stop at once.
        case stoppedAtOnce
    }

    package var projectName: String
    package var branch: String?
    package var dryRun = false
    package var cycles: [(id: CycleID, row: Row)] = []
    package var steps: [(id: StepID, row: Row)] = StepID.allCases.map { ($0, Row(title: "\($0.number) \($0.title)")) }
    /// Every event of the run as a log line (the newest `logLimit`; the log file keeps them all).
    package private(set) var log = RunLogLines()
    /// The running step's or cycle's name, for the log pane's title.
    package var activityTitle = ""
    package private(set) var warnings: [String] = []
    package var elapsed: Duration = .zero
    package var spinnerFrame = 0
    package private(set) var question: Question?
    /// What Ctrl-C, q and Esc do: the stop question, shared with the plain front end.
    package internal(set) var stopPolicy = StopPolicy()
    package var askingToStop: Bool { stopPolicy.isAsking }
    package var stopRequested: Bool { stopPolicy.stopRequested }
    /// The answers of the open y/n box (a gate question or the stop question) and which one is highlighted.
    package var choice = YesNoChoice(safeAnswer: false)
    package var showingHelp = false
    package var summary: SummaryDocument?
    package var result: RunResult?
    package var runInfo: RunInfo?
    package var phase = Phase.running
    package var reviewPause = ReviewPause.auto
    package var focus = ProgressPane.log
    package var positions: [ProgressPane: ScrollPosition] = [
        .steps: ScrollPosition(), .log: ScrollPosition(),
        .warnings: ScrollPosition(),
    ]
    /// How many entries each pane showed in the last frame: the page of PgUp/PgDn.
    package var pages: [ProgressPane: Int] = [:]
    package var glyphs = Glyphs.unicode

    package var cycleRunning: CycleID? {
        cycles.first { $0.row.status == .running }?.id
    }

    package init(projectName: String, branch: String?, cycles: [CycleID] = []) {
        self.projectName = projectName
        self.branch = branch
        self.cycles = cycles.map { ($0, Row(title: "\($0.title) (\($0.component))")) }
    }

    package mutating func apply(_ event: CompletionEvent) {
        log.append(event, at: elapsed)
        switch event {
        case .runStarted(let info):
            runInfo = info
            projectName = info.projectName
            branch = info.branch
            dryRun = info.dryRun
            cycles = info.cycles.map { ($0, Row(title: "\($0.title) (\($0.component))")) }
        case .cycleStarted(let cycle):
            setCycle(cycle, .running)
            activityTitle = cycle.title
        case .cycleFinished(let cycle, let outcome, let duration):
            setCycle(cycle, .finished(outcome, duration))
        case .stepStarted(let step):
            setStep(step, .running)
            activityTitle = step.title
        case .warning(let step, let text):
            warnings.append((step.map { "step \($0.number): " } ?? "") + TerminalText.inert(text))
        case .stepFinished(let step, let outcome, let duration):
            setStep(step, .finished(outcome, duration))
        case .summaryReady(let document):
            summary = document
        case .finished(let result):
            self.result = result
        case .cycleOutput, .stepProgress, .stateArchived, .questionAsked, .questionAnswered:
            break
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

    /// Opens the stop question over whatever shows (the first Ctrl-C of `StopPolicy`); "keep going" is the safe
    /// answer. Returns what the engine must do meanwhile: hold the run.
    @discardableResult
    package mutating func askToStop() -> [RunCommand] {
        showingHelp = false
        choice = YesNoChoice(safeAnswer: false)
        return stopPolicy.interrupt(canAsk: true)
    }

    /// Closes the stop question with its answer; a gate question it covered gets its own answers back. Returns
    /// what the engine must do: resume, after asking it to stop after the running step when `stop`.
    @discardableResult
    package mutating func stopQuestionAnswered(stop: Bool = false) -> [RunCommand] {
        let commands = stopPolicy.answer(stop: stop)
        if let question { choice = YesNoChoice(safeAnswer: question.safeDefault) }
        return commands
    }

    /// The panes Tab moves between: the warnings pane only once there are warnings.
    package var panes: [ProgressPane] {
        warnings.isEmpty ? [.steps, .log] : [.steps, .log, .warnings]
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

/// The panes of the progress view, in Tab order.
package enum ProgressPane: Sendable, Hashable {
    case steps, log, warnings
}
