import Foundation

/// What the engine reports while it runs. Every front end (curses, plain, JSON) consumes only these.
package enum CompletionEvent: Sendable {
    case runStarted(RunInfo)
    case cycleStarted(CycleID)
    case cycleOutput(CycleID, String)
    case cycleFinished(CycleID, Outcome, Duration)
    case stepStarted(StepID)
    case stepProgress(StepID, String)
    /// Session-state's older history was archived (or why not), at the start of step 1 when it was chosen.
    case stateArchived(StateArchiveResult)
    case warning(StepID?, String)
    case stepFinished(StepID, Outcome, Duration)
    case questionAsked(Question)
    case questionAnswered(Question, Bool)
    case summaryReady(SummaryDocument)
    case finished(RunResult)
}

/// Facts about the run known before any step starts: what the header of every front end shows.
package struct RunInfo: Sendable {
    package let projectPath: String
    package let projectName: String
    package let branch: String?
    package let sessionID: String
    package let cycles: [CycleID]
    package let dryRun: Bool
    package let startedAt: Date

    package init(
        projectPath: String,
        projectName: String,
        branch: String?,
        sessionID: String,
        cycles: [CycleID],
        dryRun: Bool,
        startedAt: Date
    ) {
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
package struct SummaryDocument: Sendable {
    package let path: String?
    package let markdown: String
    package init(path: String?, markdown: String) {
        self.path = path
        self.markdown = markdown
    }
}

/// The end of a run: outcomes, warnings and the exit status the front end should use.
package struct RunResult: Sendable {
    package let exitStatus: ExitStatus
    package let steps: [StepReport]
    package let cycles: [CycleReport]
    package let warnings: [String]
    package let summaryPath: String?
    package let handoffQuality: Int
    package let elapsed: Duration
    package let message: String?

    package init(
        exitStatus: ExitStatus,
        steps: [StepReport],
        cycles: [CycleReport],
        warnings: [String],
        summaryPath: String?,
        handoffQuality: Int,
        elapsed: Duration,
        message: String?
    ) {
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

package struct StepReport: Sendable, Equatable {
    package let step: StepID
    package let outcome: Outcome
    package let duration: Duration
    package init(step: StepID, outcome: Outcome, duration: Duration) {
        self.step = step
        self.outcome = outcome
        self.duration = duration
    }
}

package struct CycleReport: Sendable, Equatable {
    package let cycle: CycleID
    package let outcome: Outcome
    package let duration: Duration
    package init(cycle: CycleID, outcome: Outcome, duration: Duration) {
        self.cycle = cycle
        self.outcome = outcome
        self.duration = duration
    }
}

/// The process's exit statuses (the README's Command line section says when each is used).
package enum ExitStatus: Int32, Sendable {
    case completed = 0
    case cancelled = 1
    case usage = 2
    case minimal = 3
    case interrupted = 130
}
