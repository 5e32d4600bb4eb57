import Foundation

/// Writes files so that an interrupted run never leaves a half-written one: a temporary file in the same
/// folder, flushed, then renamed over the target. Existing permissions are kept; new files are 0644.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        try refuseReadOnly(url)
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let mode = (try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.uint16Value ?? 0o644
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode))
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
        fchmod(fd, mode_t(mode))
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

    /// The rename would replace a file its owner made read-only (only the folder's permissions count for a
    /// rename): such a file is refused as an in-place write would be.
    static func refuseReadOnly(_ url: URL) throws {
        guard access(url.path, F_OK) == 0, access(url.path, W_OK) != 0, errno == EACCES || errno == EROFS else { return }
        throw FileWriteError(path: url.path, reason: "\(String(cString: strerror(errno))) (the file is read-only; make it writable and run again)")
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Appends lines by rewriting the file atomically (the files appended to here are small logs and queues).
    public static func append(_ text: String, to url: URL) throws {
        var data = (try? Data(contentsOf: url)) ?? Data()
        if let last = data.last, last != UInt8(ascii: "\n") { data.append(UInt8(ascii: "\n")) }
        data.append(Data(text.utf8))
        try write(data, to: url)
    }
}

public struct FileWriteError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "could not write \(path): \(reason)" }
}
