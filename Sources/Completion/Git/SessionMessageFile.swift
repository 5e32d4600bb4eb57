import Foundation

/// The commit message handed to `git commit --file`: a scratch file in the tool's state folder, named like the
/// temporary files of atomic writes (`.session-message.PID.RANDOM.tmp`), so that when the run is killed during
/// the commit, the next run's sweep of orphaned temporary files removes it. Created exclusively and never through
/// a symlink. When `.claude/` cannot be written (a read-only checkout of it), the file goes to the git directory,
/// where the next commit's `sweep` removes what a killed run left.
enum SessionMessageFile {
    static func write(_ text: String, preferring folder: URL, else gitDirectory: URL) throws -> URL {
        do { return try write(text, in: folder) } catch { return try write(text, in: gitDirectory) }
    }

    /// Removes message files in the git directory whose run is gone, and the fixed name an earlier version used.
    static func sweep(gitDirectory: URL) {
        unlink(gitDirectory.appendingPathComponent("JARVIS_SESSION_MSG").path)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: gitDirectory.path)) ?? []
        for name in names where name.hasPrefix(".session-message.") {
            guard let pid = OrphanedTempFiles.writerPID(name), !OrphanedTempFiles.isAlive(pid) else { continue }
            unlink(gitDirectory.appendingPathComponent(name).path)
        }
    }

    static func write(_ text: String, in folder: URL) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = ".session-message.\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let url = folder.appendingPathComponent(name)
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let code = errno
                unlink(url.path)
                throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
            }
            offset += written
        }
        return url
    }
}
