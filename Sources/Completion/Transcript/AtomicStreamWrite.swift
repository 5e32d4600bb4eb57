import Foundation

extension AtomicFile {
    /// Like `write`, for content produced in pieces: a temporary file in the same folder, written as `produce`
    /// emits, flushed, then renamed over the target. Nothing is left behind when `produce` throws.
    public static func writeStreaming(to url: URL, _ produce: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        try refuseReadOnly(url)
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileWriteError(path: url.path, reason: String(cString: strerror(errno))) }
        var closed = false
        var renamed = false
        defer {
            if !closed { close(fd) }
            if !renamed { unlink(temp.path) }
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
        guard rename(temp.path, url.path) == 0 else { throw FileWriteError(path: url.path, reason: String(cString: strerror(errno))) }
        renamed = true
    }
}
