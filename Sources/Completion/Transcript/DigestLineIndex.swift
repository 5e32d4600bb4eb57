import Foundation

/// Where the lines the digest may render lie in the transcript, noted by the analysis pass (which classifies every
/// line anyway), so that the digest reads only those bytes: tool output and thinking, most of a transcript, are
/// never read twice. Adjacent lines share one range. The digest reads on in full from `analyzedEnd`, where the
/// analysis stopped, so lines appended since are not missed.
package struct DigestLineIndex: Sendable, Equatable {
    /// Start and end offsets of each range, flat (start, end, start, end, …); an end is the offset of a newline.
    private(set) var bounds: [Int] = []
    /// The offset just past the last whole line the analysis read.
    package private(set) var analyzedEnd = 0

    package init() {}

    /// The transcript no longer holds the lines where the analysis saw them (it was rewritten meanwhile): the
    /// digest is then read from the whole file.
    package struct Moved: Error {}

    /// Notes a line the digest may render: it starts at `offset` and its newline is at `end`.
    mutating func add(offset: Int, end: Int) {
        if let last = bounds.last, last + 1 == offset {
            bounds[bounds.count - 1] = end
        } else {
            bounds += [offset, end]
        }
    }

    /// Notes that the analysis read every line up to the newline at `newline`.
    mutating func read(through newline: Int) { analyzedEnd = newline + 1 }

    var rangeCount: Int { bounds.count / 2 }

    /// Calls `body` for each noted line, in order, read from `url` range by range. Throws `Moved` when a range no
    /// longer ends on a newline after one (the file was replaced or cut), before `body` hears any of that range.
    func forEachLine(in url: URL, _ body: (RawTranscriptLine) -> Bool) throws {
        let fd: Int32
        do { fd = try RegularFileInput.open(url.path) } catch {
            throw TranscriptReadError(path: url.path, reason: error.reason)
        }
        defer { close(fd) }
        var buffer: [UInt8] = []
        for range in 0..<rangeCount {
            let start = bounds[2 * range], end = bounds[2 * range + 1]
            // One byte before (a newline, unless the range starts the file) and the closing newline are read too.
            let from = max(0, start - 1)
            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: repeatElement(0, count: end + 1 - from))
            guard try readFully(fd, into: &buffer, at: from, url: url),
                start == 0 || buffer[0] == 0x0A, buffer[buffer.count - 1] == 0x0A
            else { throw Moved() }
            let keepGoing = buffer.withUnsafeBytes { bytes in
                Self.splitLines(
                    UnsafeRawBufferPointer(rebasing: bytes[(start - from)..<(bytes.count - 1)]),
                    at: start,
                    body
                )
            }
            if !keepGoing { return }
        }
    }

    /// The lines of one range (newline-separated, without its closing newline).
    private static func splitLines(
        _ bytes: UnsafeRawBufferPointer,
        at offset: Int,
        _ body: (RawTranscriptLine) -> Bool
    ) -> Bool {
        guard let base = bytes.baseAddress else {
            return body(RawTranscriptLine(bytes: bytes, number: 0, offset: offset, terminated: true, oversized: nil))
        }
        var start = 0
        while start <= bytes.count {
            let length =
                memchr(base + start, 0x0A, bytes.count - start).map { UnsafeRawPointer($0) - (base + start) }
                ?? bytes.count - start
            let line = UnsafeRawBufferPointer(start: base + start, count: length)
            if !body(
                RawTranscriptLine(bytes: line, number: 0, offset: offset + start, terminated: true, oversized: nil)
            ) {
                return false
            }
            start += length + 1
        }
        return true
    }

    /// Fills `buffer` from `offset`; false when the file ends first.
    private func readFully(_ fd: Int32, into buffer: inout [UInt8], at offset: Int, url: URL) throws -> Bool {
        try buffer.withUnsafeMutableBytes { bytes in
            var done = 0
            while done < bytes.count {
                let n = pread(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
                if n > 0 {
                    done += n
                } else if n == 0 {
                    return false
                } else if errno != EINTR {
                    throw TranscriptReadError(path: url.path, reason: String(cString: strerror(errno)))
                }
            }
            return true
        }
    }
}
