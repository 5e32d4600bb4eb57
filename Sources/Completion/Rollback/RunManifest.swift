import Foundation

/// What one completion run changed, written at its end (`.claude/state/jarvis-tui/last-run.json`) so that
/// `jarvis-tui rollback` can undo it: the session commit(s), whether they were pushed, and every file the run
/// rewrote with a copy of what it held before (`backup/<run>/<n>`).
public struct RunManifest: Codable, Sendable, Equatable {
    public var version = 1
    public var runID: String
    public var sessionID: String
    public var createdAt: String
    public var projectRoot: String
    public var commits: [RepositoryCommit]
    public var files: [RewrittenFile]
    /// Memory entities the run created (filled once the memory step records them).
    public var memoryEntities: [String] = []
    public var rolledBackAt: String?

    public init(runID: String, sessionID: String, createdAt: String, projectRoot: String, commits: [RepositoryCommit], files: [RewrittenFile], memoryEntities: [String] = []) {
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
public struct RewrittenFile: Codable, Sendable, Equatable {
    /// Relative to the project.
    public var path: String
    /// Relative to the tool's state folder; nil when the file did not exist before the run.
    public var backup: String?
    public var writtenSize: Int
    public var writtenHash: String

    public init(path: String, backup: String?, writtenSize: Int, writtenHash: String) {
        self.path = path
        self.backup = backup
        self.writtenSize = writtenSize
        self.writtenHash = writtenHash
    }
}

/// FNV-1a 64: a fingerprint to notice that a file changed, not a security measure.
enum ContentFingerprint {
    static func of(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return String(format: "%016llx", hash)
    }
}
