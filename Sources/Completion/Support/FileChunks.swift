import Foundation

/// Reading an open file in fixed chunks, so that a file of any size costs one chunk of memory.
package enum FileChunks {
    static let size = 1 << 20

    /// Calls `body` with the first `length` bytes of `fd`, one chunk at a time (`pread`, so the descriptor's
    /// offset is not used). A file found shorter than `length` changed while it was read: that is an error.
    static func forEach(
        _ fd: Int32,
        length: Int,
        path: String,
        _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { chunk.deallocate() }
        var offset = 0
        while offset < length {
            let n = pread(fd, chunk.baseAddress, min(chunk.count, length - offset), off_t(offset))
            if n < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { throw changedWhileRead(path) }
            try body(UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
            offset += n
        }
    }

    static func changedWhileRead(_ path: String) -> FileReadError {
        FileReadError(path: path, reason: "it changed while it was being read; run again")
    }

    /// Writes all of `bytes` to `fd`.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw FileWriteError(path: path, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
    }
}
