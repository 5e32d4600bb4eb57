import Foundation

/// What one completion run changed, written at its end (`.claude/state/jarvis-tui/last-run.json`) so that
/// `jarvis-tui rollback` can undo it: the session commit(s), whether they were pushed, and every file the run
/// rewrote with a copy of what it held before (`backup/<run>/<n>`).
package struct RunManifest: Codable, Sendable, Equatable {
    package var version = 1
    package var runID: String
    package var sessionID: String
    package var createdAt: String
    package var projectRoot: String
    package var commits: [RepositoryCommit]
    package var files: [RewrittenFile]
    /// Memory entities the run created (filled once the memory step records them).
    package var memoryEntities: [String] = []
    package var rolledBackAt: String?

    package init(
        runID: String,
        sessionID: String,
        createdAt: String,
        projectRoot: String,
        commits: [RepositoryCommit],
        files: [RewrittenFile],
        memoryEntities: [String] = []
    ) {
        self.runID = runID
        self.sessionID = sessionID
        self.createdAt = createdAt
        self.projectRoot = projectRoot
        self.commits = commits
        self.files = files
        self.memoryEntities = memoryEntities
    }
}

/// A file the run wrote: where its previous bytes are kept (nil when the run created it) and a fingerprint of
/// what the run left there, so rollback never overwrites a file the user changed since.
package struct RewrittenFile: Codable, Sendable, Equatable {
    /// Relative to the project.
    package var path: String
    /// Relative to the tool's state folder; nil when the file did not exist before the run.
    package var backup: String?
    package var writtenSize: Int
    package var writtenHash: String
    /// The folders the run made for the file, relative to the project and deepest first (absent when none, and in
    /// manifests from before they were recorded).
    package var createdFolders: [String]?

    package init(
        path: String,
        backup: String?,
        writtenSize: Int,
        writtenHash: String,
        createdFolders: [String]? = nil
    ) {
        self.path = path
        self.backup = backup
        self.writtenSize = writtenSize
        self.writtenHash = writtenHash
        self.createdFolders = createdFolders
    }
}
