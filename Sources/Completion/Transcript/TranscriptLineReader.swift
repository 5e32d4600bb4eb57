import Foundation

/// One line as the reader hands it over: its bytes (valid only during the callback), its 1-based number, and
/// what happened to it on the way.
package struct RawTranscriptLine {
    package let bytes: UnsafeRawBufferPointer
    package let number: Int
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

    /// Calls `body` for every line; returns the number of bytes read. `body` returns false to stop early.
    @discardableResult
    package func forEachLine(_ body: (RawTranscriptLine) -> Bool) throws -> Int {
        let fd: Int32
        do { fd = try RegularFileInput.open(url.path) } catch {
            throw TranscriptReadError(path: url.path, reason: error.reason)
        }
        defer { close(fd) }

        var capacity = chunkBytes * 2
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        let head = UnsafeMutableRawPointer.allocate(byteCount: Self.keptEdgeBytes, alignment: 16)
        defer { head.deallocate() }
        let tail = UnsafeMutableRawPointer.allocate(byteCount: Self.keptEdgeBytes, alignment: 16)
        defer { tail.deallocate() }

        var filled = 0  // bytes in buffer
        var lineNumber = 0
        var total = 0
        // While skipping an oversized line: its length so far and how much of the tail ring is valid.
        var skipping = false
        var skippedLength = 0
        var tailFilled = 0

        func keepTail(_ from: UnsafeRawPointer, _ count: Int) {
            let edge = Self.keptEdgeBytes
            if count >= edge {
                tail.copyMemory(from: from + (count - edge), byteCount: edge)
                tailFilled = edge
            } else {
                let keep = min(tailFilled, edge - count)
                if keep > 0 { memmove(tail, tail + (tailFilled - keep), keep) }
                (tail + keep).copyMemory(from: from, byteCount: count)
                tailFilled = keep + count
            }
        }

        while true {
            if filled == capacity {
                // A line fills the whole buffer: grow up to the limit, then keep only its head and tail.
                if capacity < maxLineBytes + chunkBytes {
                    let grown = min(capacity * 2, maxLineBytes + chunkBytes)
                    let bigger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
                    bigger.copyMemory(from: buffer, byteCount: filled)
                    buffer.deallocate()
                    buffer = bigger
                    capacity = grown
                } else {
                    head.copyMemory(from: buffer, byteCount: Self.keptEdgeBytes)
                    skipping = true
                    skippedLength = filled
                    tailFilled = 0
                    keepTail(buffer, filled)
                    filled = 0
                }
            }
            let n = read(fd, buffer + filled, capacity - filled)
            if n < 0 {
                if errno == EINTR { continue }
                throw TranscriptReadError(path: url.path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            total += n
            var start = 0
            var scanFrom = filled
            filled += n
            while scanFrom < filled, let found = memchr(buffer + scanFrom, 0x0A, filled - scanFrom) {
                let newline = UnsafeRawPointer(found) - UnsafeRawPointer(buffer)
                lineNumber += 1
                if skipping {
                    keepTail(buffer + start, newline - start)
                    skippedLength += newline - start
                    skipping = false
                    let line = RawTranscriptLine(
                        bytes: UnsafeRawBufferPointer(start: head, count: Self.keptEdgeBytes),
                        number: lineNumber,
                        terminated: true,
                        oversized: OversizedLine(
                            length: skippedLength,
                            tail: UnsafeRawBufferPointer(start: tail, count: tailFilled)
                        )
                    )
                    if !body(line) { return total }
                } else {
                    let line = RawTranscriptLine(
                        bytes: UnsafeRawBufferPointer(start: buffer + start, count: newline - start),
                        number: lineNumber,
                        terminated: true,
                        oversized: nil
                    )
                    if !body(line) { return total }
                }
                start = newline + 1
                scanFrom = start
            }
            if skipping {
                // Still inside the oversized line: remember its tail and drop the bytes.
                keepTail(buffer + start, filled - start)
                skippedLength += filled - start
                filled = 0
            } else if start > 0 {
                let rest = filled - start
                if rest > 0 { memmove(buffer, buffer + start, rest) }
                filled = rest
            }
        }
        if skipping {
            lineNumber += 1
            _ = body(
                RawTranscriptLine(
                    bytes: UnsafeRawBufferPointer(start: head, count: Self.keptEdgeBytes),
                    number: lineNumber,
                    terminated: false,
                    oversized: OversizedLine(
                        length: skippedLength,
                        tail: UnsafeRawBufferPointer(start: tail, count: tailFilled)
                    )
                )
            )
        } else if filled > 0 {
            lineNumber += 1
            _ = body(
                RawTranscriptLine(
                    bytes: UnsafeRawBufferPointer(start: buffer, count: filled),
                    number: lineNumber,
                    terminated: false,
                    oversized: nil
                )
            )
        }
        return total
    }
}

package struct TranscriptReadError: Error, CustomStringConvertible {
    package let path: String
    package let reason: String
    package var description: String { "cannot read the transcript \(path): \(reason)" }
}
