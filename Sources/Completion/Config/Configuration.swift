import Foundation

/// Everything that can be set for a run, after the file, command line and environment were combined.
package struct Configuration: Sendable, Equatable {
    package var enabled = true
    package var preCompletionOffer = true
    package var autoCommit = true
    package var autoPush = true
    package var createSummary = true
    package var archiveConversation = true
    package var memoryPersistence = true
    package var memoryServer = "memory"
    package var cleanupTransients = true
    package var stopWatcher = true
    package var theme: String? = nil
    package var contextWindow = 200_000
    package var cycles: [CycleID: CycleCommand] = [:]
    package var git = GitSettings()
    package var departurePhrases: [String] = []
    package var destructiveLockFiles: [String] = []
    /// How long to wait for a destructive operation (a lock file) before asking; then the safe answer is to stop.
    package var destructiveWaitSeconds = 120
    /// Session summaries older than this many days are reported by maintenance (nil: all are kept, none reported).
    package var summaryRetentionDays: Int? = nil
    /// Whether the progress view stays after the steps ("Done — Enter: review") before the review opens.
    package var reviewPause = ReviewPause.auto
    /// Step 7 moves finished logs (rotated `*.log.N`, telemetry past `logRetentionDays`) to `archives/logs/`.
    package var archiveLogs = false
    package var logRetentionDays = 30
    /// A run longer than this is reported as a warning and marked on its `completion_time` metric.
    package var alertSeconds = 120
    /// Extra words per MCP server that make step 6 suggest it (added to the built-in ones).
    package var mcpKeywords: [String: [String]] = [:]

    package init() {}
}

/// The command a Tier 2 cycle runs: an argv list, never a shell string.
package struct CycleCommand: Sendable, Equatable {
    package var argv: [String]
    package var timeout: Duration
    package init(argv: [String], timeout: Duration = .seconds(600)) {
        self.argv = argv
        self.timeout = timeout
    }
}

package struct GitSettings: Sendable, Equatable {
    package enum StagePolicy: String, Sendable { case all, paths }
    package var stage: StagePolicy = .all
    package var paths: [String] = []
    package var exclude: [String] = []
    package var allow: [String] = []
    package var maxFileSizeMB = 10
    package var repositories: [String] = []
    package var lockWaitSeconds = 10
    /// The time limit of step 5's commit (with its hooks) and of the early staging; the push has its own.
    package var timeoutSeconds = 600
    package var pushTimeoutSeconds = 120
    package init() {}
}

/// Values given on the command line; nil means "not given".
package struct CommandLineOverrides: Sendable, Equatable {
    package var preCompletionOffer: Bool?
    package var autoCommit: Bool?
    package var autoPush: Bool?
    package var theme: String?
    package init(preCompletionOffer: Bool? = nil, autoCommit: Bool? = nil, autoPush: Bool? = nil, theme: String? = nil)
    {
        self.preCompletionOffer = preCompletionOffer
        self.autoCommit = autoCommit
        self.autoPush = autoPush
        self.theme = theme
    }
}

/// `review_pause`: when the full-screen progress view waits for Enter after the run instead of moving on to the
/// review at once.
package enum ReviewPause: String, Sendable, Equatable, CaseIterable {
    /// Wait unless the run took under a second and had no warnings: nothing flashes past unread.
    case auto
    case always
    case never

    package func holds(elapsed: Duration, warnings: Int) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: elapsed >= .seconds(1) || warnings > 0
        }
    }
}
