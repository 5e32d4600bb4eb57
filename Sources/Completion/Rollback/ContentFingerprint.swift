import Foundation

/// FNV-1a 64: a fingerprint to notice that a file changed, not a security measure.
enum ContentFingerprint {
    static func of(_ data: Data) -> String {
        var running = Running()
        data.withUnsafeBytes { running.add($0) }
        return running.hash
    }

    /// The fingerprint and size of a file, read in chunks (an archive of hundreds of MB is never held);
    /// nil when it cannot be read. Equal to `of` on the file's bytes.
    static func ofFile(_ path: String) -> (size: Int, hash: String)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        var running = Running()
        while true {
            let n = read(fd, chunk.baseAddress, chunk.count)
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { return (running.size, running.hash) }
            running.add(UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
        }
    }

    /// The fingerprint of bytes that come piece by piece (a file as it is written): equal to `of` on all of them.
    struct Running: Sendable {
        private var value: UInt64 = 0xcbf2_9ce4_8422_2325
        private(set) var size = 0

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            var hash = value
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01b3
            }
            value = hash
            size += bytes.count
        }

        var hash: String { String(format: "%016llx", value) }
    }
}

/// What the run wrote to a file, known without reading it again: its size and fingerprint, and the file's identity
/// right after the write, which says whether it still holds those bytes (any later write, the run's own atomic
/// rename included, changes the identity).
package struct KnownContent: Sendable {
    let identity: FileIdentity
    let size: Int
    let hash: String

    /// The identity of the file at `path` now (not following a link), with what was written to it; nil when the
    /// file is not what was written (a different size) or cannot be seen.
    init?(path: String, size: Int, hash: String) {
        var info = stat()
        guard lstat(path, &info) == 0, Int(info.st_size) == size else { return nil }
        identity = FileIdentity(info)
        self.size = size
        self.hash = hash
    }

    /// The size and fingerprint when the file at `path` is still the one written, else nil (read it again).
    func current(at path: String) -> (size: Int, hash: String)? {
        var info = stat()
        guard lstat(path, &info) == 0, FileIdentity(info) == identity else { return nil }
        return (size, hash)
    }
}
