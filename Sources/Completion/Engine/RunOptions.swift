import Foundation

/// What the user asked for on this run, beyond the configuration.
package struct RunOptions: Sendable {
    package enum PushChoice: Sendable, Equatable {
        /// Follow `auto_push` (ask when it is off).
        case configured
        case always
        case never
    }

    package var cycles: [CycleID] = []
    /// Move session-state's older history into a dated archive before step 1 updates it (`archive-state`).
    package var archiveSessionState = false
    /// Whether the pre-completion offer was shown (for the `pre_completion_offers` metric).
    package var offerShown = false
    package var dryRun = false
    package var push: PushChoice = .configured
    package var transcriptPath: String?
    package var sessionID: String?
    /// What the agent knows about the session (`--notes`), merged into the record after gathering.
    package var notes: AgentNotes?
    /// Wait for another run that holds the run lock instead of giving way (`--wait`).
    package var waitForLock = false
    /// When the front end started, before the offer: a completion that finished after that, while this run
    /// waited, is taken as this run's session.
    package var invokedAt: Date?

    package init() {}
}

/// Lets a front end steer a running engine: stop after the running step (Ctrl-C), skip the running cycle, hold
/// the run between steps while the user makes up their mind.
package final class RunControl: @unchecked Sendable {
    // Unchecked: every mutable property is reached only with `lock` held.
    private let lock = NSLock()
    private var stopRequested = false
    private var cycleSkipRequested = false
    private var paused = false

    package init() {}

    /// Asks the engine to end the Tier 2 cycle that is running (its process group is terminated).
    package func requestCycleSkip() {
        lock.lock(); defer { lock.unlock() }
        cycleSkipRequested = true
    }

    /// True once per request; the cycle runner polls it.
    package func takeCycleSkipRequest() -> Bool {
        lock.lock(); defer { lock.unlock() }
        defer { cycleSkipRequested = false }
        return cycleSkipRequested
    }

    package func requestStop() {
        lock.lock(); defer { lock.unlock() }
        stopRequested = true
    }

    package var shouldStop: Bool {
        lock.lock(); defer { lock.unlock() }
        return stopRequested
    }

    /// Holds the engine at its next step boundary (before a cycle or a step starts); the step or cycle running
    /// now goes on. Nothing is killed: a paused run resumes exactly where it was held.
    package func pause() {
        lock.lock(); defer { lock.unlock() }
        paused = true
    }

    package func resume() {
        lock.lock(); defer { lock.unlock() }
        paused = false
    }

    package var isPaused: Bool {
        lock.lock(); defer { lock.unlock() }
        return paused
    }

    /// Returns once the run may go on: resumed, stopped (the caller then skips what is left), or cancelled.
    /// Polled: a person answers in seconds, so 20 ms of delay is invisible and needs no wake-up machinery.
    package func holdWhilePaused() async {
        while isPaused, !shouldStop, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// Everything one run needs.
package struct CompletionPlan: Sendable {
    package var project: Project
    package var configuration: Configuration
    package var configurationWarnings: [ConfigurationWarning]
    package var emergencyStop: Bool
    package var options: RunOptions
    package var environment: [String: String]
    package var now: @Sendable () -> Date
    package var control: RunControl

    package init(
        project: Project,
        resolved: ResolvedConfiguration,
        options: RunOptions,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        now: @escaping @Sendable () -> Date = { Date() },
        control: RunControl = RunControl()
    ) {
        self.project = project
        self.configuration = resolved.configuration
        self.configurationWarnings = resolved.warnings
        self.emergencyStop = resolved.emergencyStop
        self.options = options
        self.environment = environment
        self.now = now
        self.control = control
    }
}
