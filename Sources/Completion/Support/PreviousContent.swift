import Foundation

/// What a file held before the run rewrote it, for `jarvis-tui rollback`: its bytes when it is small, else a
/// file beside the rollback backups (a second hard link to the replaced file, or a streamed copy of it), so a
/// state file of tens of megabytes costs neither its size in memory nor, usually, a copy.
package enum PreviousContent: Sendable, Equatable {
    case bytes(Data)
    /// Under `.claude/state/jarvis-tui/backup/kept-…/`; the run manifest moves it to the run's backup folder.
    case kept(URL)

    /// Files up to this size are held as bytes.
    static let heldLimit = 1 << 20
    /// The folders of runs still going (or killed): the manifest's pruning removes those of old runs.
    static let keptPrefix = "kept-"

    /// Keeps the file open as `fd` at `target`. A hard link when `mayLink` (the caller replaces the file by a
    /// rename, so the old file lives on unchanged under the second name) and the file has no other link (which
    /// could change it later); otherwise a copy read through `fd` in chunks and flushed.
    static func keep(
        _ fd: Int32,
        info: stat,
        of url: URL,
        at target: URL,
        project: Project,
        mayLink: Bool
    ) throws {
        let files = ProjectFiles(project)
        try files.prepareWrite(target)
        if mayLink, info.st_nlink == 1, link(url.path, target.path) == 0 {
            var linked = stat()
            if lstat(target.path, &linked) == 0, linked.st_ino == info.st_ino, linked.st_dev == info.st_dev {
                return
            }
            // The name was swapped between the open and the link: that is not the file read.
            unlink(target.path)
        }
        let out = open(target.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard out >= 0 else { throw FileWriteError(path: target.path, reason: String(cString: strerror(errno))) }
        var complete = false
        defer {
            close(out)
            if !complete { unlink(target.path) }
        }
        try FileChunks.forEach(fd, length: Int(info.st_size), path: url.path) { chunk in
            try FileChunks.writeAll(out, chunk, path: target.path)
        }
        guard fsync(out) == 0 else {
            throw FileWriteError(path: target.path, reason: String(cString: strerror(errno)))
        }
        complete = true
    }
}
