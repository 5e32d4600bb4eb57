import Foundation

/// Everything known about the session being completed: gathered from the project before the steps run, then
/// filled in by the steps. It feeds the summary, the checkpoint, the memory entity and the metrics.
package struct SessionRecord: Sendable {
    package var sessionID: String
    package var endedAt: Date
    /// When the session began, when known (transcript, session-start record, or the previous completion).
    package var startedAt: Date?
    /// `YYYY-MM-DD` in local time, and the ordinal of this session on that day (1, 2, …).
    package var day: String
    package var ordinal: Int

    package var branch: String?
    package var baselineCommit: String?
    package var currentWork: String?
    package var nextStep: String?
    package var accomplishments: [String] = []
    package var decisions: [String] = []
    package var blockers: [String] = []
    package var pendingTodos: [String] = []
    /// Lessons from this session: the agent's notes and the corrections it was given.
    package var corrections: [String] = []
    /// What step 2 recorded in the lessons files (`SessionLessons`): the counts metrics read.
    package var lessons = LessonsTally()
    package var filesModified: [FileChange] = []
    /// What a changed file is for, from the agent's notes (keyed by project-relative path).
    package var filePurposes: [String: String] = [:]
    /// The project repository's `git status` when the session was gathered (nil: not a repository, or git failed).
    package var gatheredStatus: [StatusEntry]?
    package var commitsDuringSession = 0

    package var tokensUsed: Int?
    package var contextUsed: Int?
    package var contextWindow: Int
    package var model: String?
    /// Extra words per MCP server that make step 6 suggest it (`mcp_keywords`).
    package var mcpKeywords: [String: [String]] = [:]
    /// Pattern and config files changed this session, project-relative: the next session re-reads them.
    package var rereadNextSession: [String] = []
    /// Where the conversation itself was preserved (set by the chat-history step).
    package var transcriptPointer: [String] = []

    package var heldBack: [HeldBackFile] = []
    package var sessionCommit: String?
    /// Every commit step 5 made (the project's repository and the others), for the run manifest and rollback.
    package var repositoryCommits: [RepositoryCommit] = []
    package var pushPending: String?
    package var cycles: [CycleReport] = []
    package var steps: [StepReport] = []
    package var warnings: [String] = []
    /// Extra summary lines from cycles and steps (for example the built-in maintenance findings).
    package var findings: [String] = []

    // transcript
    /// The session's transcript and todos as found during gathering (nil when not looked for).
    package var transcript: TranscriptFindings?
    // memory
    /// Entities the memory step created in the server this run (queue flush included), and their names, which a
    /// rollback deletes. Entities that existed before (the project, a PR) are not counted.
    package var memoryEntitiesCreated = 0
    package var memoryEntityNames: [String] = []

    package init(sessionID: String, endedAt: Date, day: String, ordinal: Int, contextWindow: Int) {
        self.sessionID = sessionID
        self.endedAt = endedAt
        self.day = day
        self.ordinal = ordinal
        self.contextWindow = contextWindow
    }

    /// `2026-11-25` or `2026-11-25-2`: the suffix shared by the summary file and the memory entity.
    package var dayWithOrdinal: String { ordinal > 1 ? "\(day)-\(ordinal)" : day }
    package var memoryEntityName: String { "Session_\(dayWithOrdinal)" }

    package var duration: TimeInterval? {
        startedAt.map { max(0, endedAt.timeIntervalSince($0)) }
    }

    /// One line that says what the session was about: the commit subject and the summary's lead.
    package var headline: String { headline(changedFiles: filesModified.count) }

    /// The headline with the number of files it counts when nothing else says what the session was about: a
    /// commit's subject counts the files of the commit, not the session's.
    package func headline(changedFiles count: Int) -> String {
        if let first = accomplishments.first {
            return accomplishments.count > 1 ? "\(first) (+\(accomplishments.count - 1) more)" : first
        }
        if let currentWork, !currentWork.isEmpty { return currentWork }
        if count > 0 { return "\(count) file\(count == 1 ? "" : "s") changed" }
        return "session wrap-up"
    }
}

/// A file the guard kept out of the commit, and why.
package struct HeldBackFile: Sendable, Equatable {
    package let path: String
    package let reason: String
    package init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
