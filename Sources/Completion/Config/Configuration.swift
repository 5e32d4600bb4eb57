import Foundation

/// Everything that can be set for a run, after the file, command line and environment were combined.
public struct Configuration: Sendable, Equatable {
    public var enabled = true
    public var preCompletionOffer = true
    public var autoCommit = true
    public var autoPush = true
    public var createSummary = true
    public var archiveConversation = true
    public var memoryPersistence = true
    public var memoryServer = "memory"
    public var cleanupTransients = true
    public var stopWatcher = true
    public var theme: String? = nil
    public var contextWindow = 200_000
    public var cycles: [CycleID: CycleCommand] = [:]
    public var git = GitSettings()
    public var departurePhrases: [String] = []
    public var destructiveLockFiles: [String] = []
    /// How long to wait for a destructive operation (a lock file) before asking; then the safe answer is to stop.
    public var destructiveWaitSeconds = 120

    public init() {}
}

/// The command a Tier 2 cycle runs: an argv list, never a shell string.
public struct CycleCommand: Sendable, Equatable {
    public var argv: [String]
    public var timeout: Duration
    public init(argv: [String], timeout: Duration = .seconds(600)) {
        self.argv = argv
        self.timeout = timeout
    }
}

public struct GitSettings: Sendable, Equatable {
    public enum StagePolicy: String, Sendable { case all, paths }
    public var stage: StagePolicy = .all
    public var paths: [String] = []
    public var exclude: [String] = []
    public var allow: [String] = []
    public var maxFileSizeMB = 10
    public var repositories: [String] = []
    public var lockWaitSeconds = 10
    /// The time limit of step 5's commit (with its hooks) and of the early staging; the push has its own.
    public var timeoutSeconds = 600
    public var pushTimeoutSeconds = 120
    public init() {}
}

/// Values given on the command line; nil means "not given".
public struct CommandLineOverrides: Sendable, Equatable {
    public var preCompletionOffer: Bool?
    public var autoCommit: Bool?
    public var autoPush: Bool?
    public var theme: String?
    public init(preCompletionOffer: Bool? = nil, autoCommit: Bool? = nil, autoPush: Bool? = nil, theme: String? = nil) {
        self.preCompletionOffer = preCompletionOffer
        self.autoCommit = autoCommit
        self.autoPush = autoPush
        self.theme = theme
    }
}
