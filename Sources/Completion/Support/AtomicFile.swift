import Foundation

/// Writes files so that an interrupted run never leaves a half-written one: a temporary file in the same
/// folder, flushed, then renamed over the target. Existing permissions are kept; new files get `newFileMode`.
/// Files under a project go through `ProjectFiles`, which walks the path without following links first.
package enum AtomicFile {
    package static func write(_ data: Data, to url: URL, newFileMode: mode_t = 0o644) throws {
        try refuseReadOnly(url)
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temp = folder.appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp"
        )
        let mode = existingMode(url) ?? newFileMode
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileWriteError(path: url.path, reason: String(cString: strerror(errno))) }
        var ok = false
        defer {
            if !ok { unlink(temp.path) }
        }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    let reason = String(cString: strerror(errno))
                    close(fd)
                    throw FileWriteError(path: url.path, reason: reason)
                }
                offset += n
            }
        }
        fchmod(fd, mode)
        if fsync(fd) != 0 {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw FileWriteError(path: url.path, reason: reason)
        }
        close(fd)
        PausePoint.reach("write:\(url.lastPathComponent)")
        guard rename(temp.path, url.path) == 0 else {
            throw FileWriteError(path: url.path, reason: String(cString: strerror(errno)))
        }
        ok = true
    }

    /// The permission bits of the regular file at `url` (never of what a link points to).
    static func existingMode(_ url: URL) -> mode_t? {
        var info = stat()
        guard lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return info.st_mode & 0o7777
    }

    /// The rename would replace a file its owner made read-only (only the folder's permissions count for a
    /// rename): such a file is refused as an in-place write would be.
    static func refuseReadOnly(_ url: URL) throws {
        guard access(url.path, F_OK) == 0, access(url.path, W_OK) != 0, errno == EACCES || errno == EROFS else {
            return
        }
        throw FileWriteError(
            path: url.path,
            reason: "\(String(cString: strerror(errno))) (the file is read-only; make it writable and run again)"
        )
    }

    package static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Adds text at the end of a log or queue with `O_APPEND`, in one `write`: a line another process appends at
    /// the same time is kept, and the file is never rewritten whole. A missing final newline is supplied first.
    /// A link at `url` is not followed. Opened for reading too: the last byte is checked with `pread`.
    package static func append(_ text: String, to url: URL, newFileMode: mode_t = 0o644) throws {
        let fd = open(url.path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, newFileMode)
        guard fd >= 0 else {
            throw FileWriteError(
                path: url.path,
                reason: errno == ELOOP ? isLinkReason : String(cString: strerror(errno))
            )
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw FileWriteError(path: url.path, reason: "it is not a regular file")
        }
        var bytes = Data(text.utf8)
        var last: UInt8 = 0
        if info.st_size > 0, pread(fd, &last, 1, off_t(info.st_size - 1)) == 1, last != UInt8(ascii: "\n") {
            bytes.insert(UInt8(ascii: "\n"), at: 0)
        }
        PausePoint.reach("write:\(url.lastPathComponent)")
        try ProjectFiles.writeAll(fd, bytes, path: url.path)
    }

    static let isLinkReason = "it is a symlink; refusing to write through it"
}

package struct FileWriteError: Error, CustomStringConvertible {
    package let path: String
    package let reason: String
    package var description: String { "could not write \(path): \(reason)" }
}
