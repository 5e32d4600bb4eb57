import Foundation

/// One line as the reader hands it over: its bytes (valid only during the callback), its 1-based number, where
/// it starts in the file, and what happened to it on the way.
package struct RawTranscriptLine {
    package let bytes: UnsafeRawBufferPointer
    package let number: Int
    /// The file offset of its first byte.
    package var offset = 0
    /// False for a last line that has no newline after it (possibly cut short).
    package let terminated: Bool
    /// Set when the line was longer than the reader keeps: `bytes` is then its head only.
    package let oversized: OversizedLine?
}

package struct OversizedLine {
    package let length: Int
    /// The last bytes of the line, where an assistant line keeps its usage, request id and timestamp.
    package let tail: UnsafeRawBufferPointer
}

/// Reads a file line by line in fixed chunks with `read(2)`: memory stays bounded by the chunk size plus the
/// longest line kept (`maxLineBytes`); longer lines are passed on as head and tail only. Never maps the file.
package struct TranscriptLineReader {
    package static let defaultMaxLineBytes = 8 << 20
    static let keptEdgeBytes = 64 << 10

    package let url: URL
    package let chunkBytes: Int
    package let maxLineBytes: Int

    package init(url: URL, chunkBytes: Int = 1 << 20, maxLineBytes: Int = TranscriptLineReader.defaultMaxLineBytes) {
        self.url = url
        self.chunkBytes = max(4096, chunkBytes)
        self.maxLineBytes = max(Self.keptEdgeBytes * 2, maxLineBytes)
    }

    /// Calls `body` for every line from `start` (a line's first byte) on; returns the number of bytes read. `body`
    /// returns false to stop early.
    @discardableResult
    package func forEachLine(from start: Int = 0, _ body: (RawTranscriptLine) -> Bool) throws -> Int {
        let fd = try openFile()
        defer { close(fd) }
        if start > 0, lseek(fd, off_t(start), SEEK_SET) < 0 {
            throw TranscriptReadError(path: url.path, reason: String(cString: strerror(errno)))
        }
        var lineOffset = start

        var capacity = chunkBytes * 2
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var oversized = OversizedLineEdges()
        defer { oversized.deallocate() }
        var filled = 0  // bytes in buffer
        var lineNumber = 0
        var total = 0

        while true {
            if filled == capacity {
                // A line fills the whole buffer: grow up to the limit, then keep only its head and tail.
                if capacity < maxLineBytes + chunkBytes {
                    capacity = min(capacity * 2, maxLineBytes + chunkBytes)
                    buffer = Self.moved(buffer, filled: filled, to: capacity)
                } else {
                    oversized.begin(buffer, filled)
                    filled = 0
                }
            }
            let n = try readChunk(fd, into: buffer + filled, count: capacity - filled)
            if n == 0 { break }
            total += n
            var start = 0
            var scanFrom = filled
            filled += n
            while scanFrom < filled, let found = memchr(buffer + scanFrom, 0x0A, filled - scanFrom) {
                let newline = UnsafeRawPointer(found) - UnsafeRawPointer(buffer)
                lineNumber += 1
                var line: RawTranscriptLine
                if oversized.skipping {
                    oversized.append(buffer + start, newline - start)
                    line = oversized.finish(number: lineNumber, terminated: true)
                } else {
                    line = RawTranscriptLine(
                        bytes: UnsafeRawBufferPointer(start: buffer + start, count: newline - start),
                        number: lineNumber,
                        terminated: true,
                        oversized: nil
                    )
                }
                line.offset = lineOffset
                lineOffset += (line.oversized?.length ?? line.bytes.count) + 1
                if !body(line) { return total }
                start = newline + 1
                scanFrom = start
            }
            if oversized.skipping {
                // Still inside the oversized line: remember its tail and drop the bytes.
                oversized.append(buffer + start, filled - start)
                filled = 0
            } else if start > 0 {
                let rest = filled - start
                if rest > 0 { memmove(buffer, buffer + start, rest) }
                filled = rest
            }
        }
        if oversized.skipping {
            var line = oversized.finish(number: lineNumber + 1, terminated: false)
            line.offset = lineOffset
            _ = body(line)
        } else if filled > 0 {
            let bytes = UnsafeRawBufferPointer(start: buffer, count: filled)
            var line = RawTranscriptLine(bytes: bytes, number: lineNumber + 1, terminated: false, oversized: nil)
            line.offset = lineOffset
            _ = body(line)
        }
        return total
    }

    private func openFile() throws(TranscriptReadError) -> Int32 {
        do { return try RegularFileInput.open(url.path) } catch {
            throw TranscriptReadError(path: url.path, reason: error.reason)
        }
    }

    /// Up to `count` bytes from the file (0 at its end); a read interrupted by a signal is retried.
    private func readChunk(_ fd: Int32, into destination: UnsafeMutableRawPointer, count: Int) throws -> Int {
        while true {
            let n = read(fd, destination, count)
            if n >= 0 { return n }
            if errno != EINTR { throw TranscriptReadError(path: url.path, reason: String(cString: strerror(errno))) }
        }
    }

    /// A larger buffer holding the first `filled` bytes of `buffer`, which is freed.
    private static func moved(
        _ buffer: UnsafeMutableRawPointer,
        filled: Int,
        to capacity: Int
    ) -> UnsafeMutableRawPointer {
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        bigger.copyMemory(from: buffer, byteCount: filled)
        buffer.deallocate()
        return bigger
    }
}

/// What is kept of a line longer than the reader keeps while the rest of it is skipped: its first
/// `keptEdgeBytes` (`head`), a ring of its last ones (`tail`), and its length so far.
private struct OversizedLineEdges {
    let head = UnsafeMutableRawPointer.allocate(byteCount: TranscriptLineReader.keptEdgeBytes, alignment: 16)
    let tail = UnsafeMutableRawPointer.allocate(byteCount: TranscriptLineReader.keptEdgeBytes, alignment: 16)
    private(set) var skipping = false
    private var length = 0
    private var tailFilled = 0

    func deallocate() {
        head.deallocate()
        tail.deallocate()
    }

    /// Starts skipping a line whose first `count` bytes (at least `keptEdgeBytes`) are at `bytes`.
    mutating func begin(_ bytes: UnsafeRawPointer, _ count: Int) {
        head.copyMemory(from: bytes, byteCount: TranscriptLineReader.keptEdgeBytes)
        skipping = true
        length = 0
        tailFilled = 0
        append(bytes, count)
    }

    /// More bytes of the skipped line: counted, and the last of them kept in the tail.
    mutating func append(_ bytes: UnsafeRawPointer, _ count: Int) {
        length += count
        let edge = TranscriptLineReader.keptEdgeBytes
        if count >= edge {
            tail.copyMemory(from: bytes + (count - edge), byteCount: edge)
            tailFilled = edge
        } else {
            let keep = min(tailFilled, edge - count)
            if keep > 0 { memmove(tail, tail + (tailFilled - keep), keep) }
            (tail + keep).copyMemory(from: bytes, byteCount: count)
            tailFilled = keep + count
        }
    }

    /// The skipped line as the reader hands it over; skipping stops.
    mutating func finish(number: Int, terminated: Bool) -> RawTranscriptLine {
        skipping = false
        return RawTranscriptLine(
            bytes: UnsafeRawBufferPointer(start: head, count: TranscriptLineReader.keptEdgeBytes),
            number: number,
            terminated: terminated,
            oversized: OversizedLine(length: length, tail: UnsafeRawBufferPointer(start: tail, count: tailFilled))
        )
    }
}

package struct TranscriptReadError: Error, CustomStringConvertible {
    package let path: String
    package let reason: String
    package var description: String { "cannot read the transcript \(path): \(reason)" }
}
