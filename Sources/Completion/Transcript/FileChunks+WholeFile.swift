import Foundation

/// A regular file read to its end in full-sized chunks, into one buffer that is reused: how the compressors see
/// the transcript, in bounded memory whatever its size (it may still be growing: what is there when the read
/// reaches it is read). A short read is not the end of the file: a chunk is only short when the file ends inside it.
extension FileChunks {
    /// Calls `body` with each chunk and whether it is the last (the last is shorter than `chunkBytes`, and empty
    /// when the file's size is a multiple of it, or the file is empty). Returns the number of bytes read.
    /// A source that cannot be read as a regular file throws `TranscriptReadError` naming it.
    @discardableResult
    static func readWholeFile(
        _ source: URL,
        chunkBytes: Int,
        _ body: (_ chunk: UnsafeRawBufferPointer, _ last: Bool) throws -> Void
    ) throws -> Int {
        let fd: Int32
        do { fd = try RegularFileInput.open(source.path) } catch {
            throw TranscriptReadError(path: source.path, reason: error.reason)
        }
        defer { close(fd) }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunkBytes, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let filled = try fill(buffer, capacity: chunkBytes, from: fd, path: source.path)
            total += filled
            let last = filled < chunkBytes
            try body(UnsafeRawBufferPointer(start: buffer, count: filled), last)
            if last { return total }
        }
    }

    /// Reads until `capacity` bytes are in or the file ends; returns how many.
    private static func fill(
        _ buffer: UnsafeMutableRawPointer,
        capacity: Int,
        from fd: Int32,
        path: String
    ) throws -> Int {
        var filled = 0
        while filled < capacity {
            let n = Foundation.read(fd, buffer + filled, capacity - filled)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw TranscriptReadError(path: path, reason: String(cString: strerror(errno))) }
            if n == 0 { break }
            filled += n
        }
        return filled
    }
}
