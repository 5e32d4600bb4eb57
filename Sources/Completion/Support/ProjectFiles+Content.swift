import Foundation

/// Reading, writing and appending through the safe walk of `ProjectFiles`.
extension ProjectFiles {
    /// The bytes of a file under the project, nil when it does not exist. A link on the way or at the file itself
    /// is refused, so the content of a file outside the project is never read in its place.
    package func read(_ url: URL) throws -> Data? {
        guard let (fd, info) = try openForReading(url) else { return nil }
        defer { close(fd) }
        return try Self.readAll(fd, path: url.path, sizeHint: Int(info.st_size))
    }

    /// A descriptor on the regular file at `url` and its `fstat`, nil when it does not exist; the caller closes
    /// it. Refused like `read` when a link is on the way or is the file itself.
    package func openForReading(_ url: URL) throws -> (fd: Int32, info: stat)? {
        guard try find(url) != .missing else { return nil }
        let fd = open(url.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ELOOP { throw refuse(url.path, linkReason(url.path)) }
            if errno == ENOENT { return nil }
            throw FileReadError(path: url.path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw FileReadError(path: url.path, reason: "it is not a regular file")
        }
        return (fd, info)
    }

    /// `read` for the callers that treat an unreadable file as absent: a refusal is recorded for the run's
    /// warnings and the file counts as missing, never as its content.
    package func readIfSafe(_ url: URL) -> Data? {
        (try? read(url)) ?? nil
    }

    /// Replaces a file atomically, creating its folders safely. An existing regular file keeps its mode; a new
    /// one gets `newFileMode` (0644, or 0600 for private records).
    package func write(_ data: Data, to url: URL, newFileMode: mode_t = 0o644) throws {
        try prepareWrite(url)
        try AtomicFile.write(data, to: url, newFileMode: newFileMode)
    }

    package func write(_ text: String, to url: URL, newFileMode: mode_t = 0o644) throws {
        try write(Data(text.utf8), to: url, newFileMode: newFileMode)
    }

    /// The folders of `url` exist (made safely), and `url` is not a link or a folder.
    package func prepareWrite(_ url: URL) throws {
        try walkFolders(to: url, create: true)
        if try kind(url.path) == .folder { throw FileWriteError(path: url.path, reason: "it is a folder") }
    }

    /// Adds text at the end of a log or queue with `O_APPEND`, in one `write`: a line another process appends at
    /// the same time is kept, and the file is never rewritten whole. A missing final newline is supplied first.
    package func append(_ text: String, to url: URL, newFileMode: mode_t = 0o644) throws {
        try prepareWrite(url)
        do { try AtomicFile.append(text, to: url, newFileMode: newFileMode) } catch let error as FileWriteError {
            throw error.reason == AtomicFile.isLinkReason ? refuse(url.path, linkReason(url.path)) : error
        }
    }

    static func writeAll(_ fd: Int32, _ data: Data, path: String) throws {
        try data.withUnsafeBytes { try FileChunks.writeAll(fd, $0, path: path) }
    }

    static func readAll(_ fd: Int32, path: String, sizeHint: Int) throws -> Data {
        var data = Data(capacity: max(0, sizeHint))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { return data }
            data.append(contentsOf: chunk[0..<n])
        }
    }
}

package struct FileReadError: Error, CustomStringConvertible {
    package let path: String
    package let reason: String
    package var description: String { "could not read \(path): \(reason)" }
}
