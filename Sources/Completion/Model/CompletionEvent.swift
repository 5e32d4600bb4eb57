import Foundation

/// What the engine reports while it runs. Every front end (curses, plain, JSON) consumes only these.
public enum CompletionEvent: Sendable {
    case runStarted(RunInfo)
    case cycleStarted(CycleID)
    case cycleOutput(CycleID, String)
    case cycleFinished(CycleID, Outcome, Duration)
    case stepStarted(StepID)
    case stepProgress(StepID, String)
    case warning(StepID?, String)
    case stepFinished(StepID, Outcome, Duration)
    case questionAsked(Question)
    case questionAnswered(Question, Bool)
    case summaryReady(SummaryDocument)
    case finished(RunResult)
}

/// Facts about the run known before any step starts: what the header of every front end shows.
public struct RunInfo: Sendable {
    public let projectPath: String
    public let projectName: String
    public let branch: String?
    public let sessionID: String
    public let cycles: [CycleID]
    public let dryRun: Bool
    public let startedAt: Date

    public init(projectPath: String, projectName: String, branch: String?, sessionID: String, cycles: [CycleID], dryRun: Bool, startedAt: Date) {
        self.projectPath = projectPath
        self.projectName = projectName
        self.branch = branch
        self.sessionID = sessionID
        self.cycles = cycles
        self.dryRun = dryRun
        self.startedAt = startedAt
    }
}

/// The rendered session summary; `path` is nil when it could not be saved (or in a dry run).
public struct SummaryDocument: Sendable {
    public let path: String?
    public let markdown: String
    public init(path: String?, markdown: String) {
        self.path = path
        self.markdown = markdown
    }
}

/// The end of a run: outcomes, warnings and the exit status the front end should use.
public struct RunResult: Sendable {
    public let exitStatus: ExitStatus
    public let steps: [StepReport]
    public let cycles: [CycleReport]
    public let warnings: [String]
    public let summaryPath: String?
    public let handoffQuality: Int
    public let elapsed: Duration
    public let message: String?

    public init(exitStatus: ExitStatus, steps: [StepReport], cycles: [CycleReport], warnings: [String], summaryPath: String?, handoffQuality: Int, elapsed: Duration, message: String?) {
        self.exitStatus = exitStatus
        self.steps = steps
        self.cycles = cycles
        self.warnings = warnings
        self.summaryPath = summaryPath
        self.handoffQuality = handoffQuality
        self.elapsed = elapsed
        self.message = message
    }
}

public struct StepReport: Sendable, Equatable {
    public let step: StepID
    public let outcome: Outcome
    public let duration: Duration
    public init(step: StepID, outcome: Outcome, duration: Duration) {
        self.step = step
        self.outcome = outcome
        self.duration = duration
    }
}

public struct CycleReport: Sendable, Equatable {
    public let cycle: CycleID
    public let outcome: Outcome
    public let duration: Duration
    public init(cycle: CycleID, outcome: Outcome, duration: Duration) {
        self.cycle = cycle
        self.outcome = outcome
        self.duration = duration
    }
}

/// PRODUCT.md's exit statuses.
public enum ExitStatus: Int32, Sendable {
    case completed = 0
    case cancelled = 1
    case usage = 2
    case minimal = 3
    case interrupted = 130
}
