import Foundation

extension AtomicFile {
    /// Like `write`, for content produced in pieces: a temporary file in the same folder, written as `produce`
    /// emits, flushed, then renamed over the target. Nothing is left behind when `produce` throws.
    package static func writeStreaming(
        to url: URL,
        _ produce: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws {
        let temp = try prepareStreaming(for: url, produce)
        try publish(temp, as: url)
    }

    /// The first half of `writeStreaming`: the content, complete and flushed, in a temporary file beside `url`
    /// (`.NAME.PID.RANDOM.tmp`, which the next start sweeps if this process dies before `publish`). A new file gets
    /// `newFileMode`.
    package static func prepareStreaming(
        for url: URL,
        newFileMode: mode_t = 0o644,
        _ produce: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws -> URL {
        try refuseReadOnly(url)
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temp = folder.appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp"
        )
        // The file it replaces keeps its permissions (a state file the user made private stays private).
        let mode = existingMode(url) ?? newFileMode
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileWriteError(path: url.path, reason: String(cString: strerror(errno))) }
        fchmod(fd, mode)
        var closed = false
        var complete = false
        defer {
            if !closed { close(fd) }
            if !complete { unlink(temp.path) }
        }
        try produce { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileWriteError(path: url.path, reason: String(cString: strerror(errno)))
                }
                offset += n
            }
        }
        guard fsync(fd) == 0 else { throw FileWriteError(path: url.path, reason: String(cString: strerror(errno))) }
        close(fd)
        closed = true
        complete = true
        return temp
    }

    /// The second half: the prepared file replaces `url` in one rename (the temp file is removed if that fails).
    package static func publish(_ temp: URL, as url: URL) throws {
        do { try refuseReadOnly(url) } catch { unlink(temp.path); throw error }
        PausePoint.reach("write:\(url.lastPathComponent)")
        guard rename(temp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp.path)
            throw FileWriteError(path: url.path, reason: reason)
        }
    }
}
