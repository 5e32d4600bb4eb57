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

/// FNV-1a 64: a fingerprint to notice that a file changed, not a security measure.
enum ContentFingerprint {
    static func of(_ data: Data) -> String {
        var hash = offsetBasis
        data.withUnsafeBytes { hash = mix(hash, $0) }
        return format(hash)
    }

    /// The fingerprint and size of a file, read in chunks (an archive of hundreds of MB is never held);
    /// nil when it cannot be read. Equal to `of` on the file's bytes.
    static func ofFile(_ path: String) -> (size: Int, hash: String)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        var hash = offsetBasis, size = 0
        while true {
            let n = read(fd, chunk.baseAddress, chunk.count)
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { return (size, format(hash)) }
            hash = mix(hash, UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
            size += n
        }
    }

    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    private static func mix(_ start: UInt64, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = start
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }

    private static func format(_ hash: UInt64) -> String { String(format: "%016llx", hash) }
}
