import Foundation

/// Everything known about the session being completed: gathered from the project before the steps run, then
/// filled in by the steps. It feeds the summary, the checkpoint, the memory entity and the metrics.
public struct SessionRecord: Sendable {
    public var sessionID: String
    public var endedAt: Date
    /// When the session began, when known (transcript, session-start record, or the previous completion).
    public var startedAt: Date?
    /// `YYYY-MM-DD` in local time, and the ordinal of this session on that day (1, 2, …).
    public var day: String
    public var ordinal: Int

    public var branch: String?
    public var baselineCommit: String?
    public var currentWork: String?
    public var nextStep: String?
    public var accomplishments: [String] = []
    public var decisions: [String] = []
    public var blockers: [String] = []
    public var pendingTodos: [String] = []
    /// Lessons from this session: the agent's notes and the corrections it was given.
    public var corrections: [String] = []
    public var filesModified: [FileChange] = []
    /// What a changed file is for, from the agent's notes (keyed by project-relative path).
    public var filePurposes: [String: String] = [:]
    /// The project repository's `git status` when the session was gathered (nil: not a repository, or git failed).
    public var gatheredStatus: [StatusEntry]?
    public var commitsDuringSession = 0

    public var tokensUsed: Int?
    public var contextUsed: Int?
    public var contextWindow: Int
    public var model: String?
    /// Where the conversation itself was preserved (set by the chat-history step).
    public var transcriptPointer: [String] = []

    public var heldBack: [HeldBackFile] = []
    public var sessionCommit: String?
    /// Every commit step 5 made (the project's repository and the others), for the run manifest and rollback.
    public var repositoryCommits: [RepositoryCommit] = []
    public var pushPending: String?
    public var cycles: [CycleReport] = []
    public var steps: [StepReport] = []
    public var warnings: [String] = []
    /// Extra summary lines from cycles and steps (for example the built-in maintenance findings).
    public var findings: [String] = []

    // transcript
    /// The session's transcript and todos as found during gathering (nil when not looked for).
    public var transcript: TranscriptFindings?
    // memory
    /// Entities the memory step created in the server this run (queue flush included), and their names, which a
    /// rollback deletes. Entities that existed before (the project, a PR) are not counted.
    public var memoryEntitiesCreated = 0
    public var memoryEntityNames: [String] = []

    public init(sessionID: String, endedAt: Date, day: String, ordinal: Int, contextWindow: Int) {
        self.sessionID = sessionID
        self.endedAt = endedAt
        self.day = day
        self.ordinal = ordinal
        self.contextWindow = contextWindow
    }

    /// `2026-11-25` or `2026-11-25-2`: the suffix shared by the summary file and the memory entity.
    public var dayWithOrdinal: String { ordinal > 1 ? "\(day)-\(ordinal)" : day }
    public var memoryEntityName: String { "Session_\(dayWithOrdinal)" }

    public var duration: TimeInterval? {
        startedAt.map { max(0, endedAt.timeIntervalSince($0)) }
    }

    /// One line that says what the session was about: the commit subject and the summary's lead.
    public var headline: String { headline(changedFiles: filesModified.count) }

    /// The headline with the number of files it counts when nothing else says what the session was about: a
    /// commit's subject counts the files of the commit, not the session's.
    public func headline(changedFiles count: Int) -> String {
        if let first = accomplishments.first { return accomplishments.count > 1 ? "\(first) (+\(accomplishments.count - 1) more)" : first }
        if let currentWork, !currentWork.isEmpty { return currentWork }
        if count > 0 { return "\(count) file\(count == 1 ? "" : "s") changed" }
        return "session wrap-up"
    }
}

/// A file the guard kept out of the commit, and why.
public struct HeldBackFile: Sendable, Equatable {
    public let path: String
    public let reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
