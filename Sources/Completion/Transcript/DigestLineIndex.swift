import Foundation

/// Where the lines the digest may render lie in the transcript, noted by the analysis pass (which classifies every
/// line anyway), so that the digest reads only those bytes: tool output and thinking, most of a transcript, are
/// never read twice. Adjacent lines share one range. The digest reads on in full from `analyzedEnd`, where the
/// analysis stopped, so lines appended since are not missed.
package struct DigestLineIndex: Sendable, Equatable {
    /// One range of adjacent lines: from the first line's start to the last line's newline.
    private struct Span: Sendable, Equatable {
        var start: Int
        var end: Int
    }

    /// Every range but the last, each as two LEB128 numbers: its start's distance from the previous range's end,
    /// and its length. A range takes about four bytes instead of sixteen for two full offsets: 141 KB for the
    /// 35 000 ranges of a 200 MB transcript.
    private var packed: [UInt8] = []
    /// Where the last packed range ends (0 before the first).
    private var packedEnd = 0
    /// The last range, still growing while the next line is adjacent to it.
    private var last: Span?
    private(set) var rangeCount = 0
    /// The offset just past the last whole line the analysis read.
    package private(set) var analyzedEnd = 0

    package init() {}

    /// The transcript no longer holds the lines where the analysis saw them (it was rewritten meanwhile): the
    /// digest is then read from the whole file.
    package struct Moved: Error {}

    /// Notes a line the digest may render: it starts at `offset` and its newline is at `end`.
    mutating func add(offset: Int, end: Int) {
        // The analysis reads forward, so a line always starts past the last one noted; the packed distances rely on it.
        guard end >= offset, offset > (last?.end ?? -1) else { return }
        if let span = last {
            if span.end + 1 == offset {
                last?.end = end
                return
            }
            Self.append(span.start - packedEnd, to: &packed)
            Self.append(span.end - span.start, to: &packed)
            packedEnd = span.end
        }
        last = Span(start: offset, end: end)
        rangeCount += 1
    }

    /// Notes that the analysis read every line up to the newline at `newline`.
    mutating func read(through newline: Int) { analyzedEnd = newline + 1 }

    private static func append(_ value: Int, to bytes: inout [UInt8]) {
        var rest = UInt(value)
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    private static func read(_ bytes: [UInt8], at position: inout Int) -> Int {
        var value: UInt = 0
        var shift: UInt = 0
        while true {
            let byte = bytes[position]
            position += 1
            value |= UInt(byte & 0x7F) << shift
            if byte < 0x80 { return Int(value) }
            shift += 7
        }
    }

    /// Every range in order, as (start, end).
    private func forEachSpan(_ body: (Span) throws -> Bool) rethrows -> Bool {
        var position = 0
        var end = 0
        while position < packed.count {
            let start = end + Self.read(packed, at: &position)
            end = start + Self.read(packed, at: &position)
            guard try body(Span(start: start, end: end)) else { return false }
        }
        if let last { return try body(last) }
        return true
    }

    /// Calls `body` for each noted line, in order, read from `url` range by range. Throws `Moved` when a range no
    /// longer ends on a newline after one (the file was replaced or cut), before `body` hears any of that range.
    func forEachLine(in url: URL, _ body: (RawTranscriptLine) -> Bool) throws {
        let fd: Int32
        do { fd = try RegularFileInput.open(url.path) } catch {
            throw TranscriptReadError(path: url.path, reason: error.reason)
        }
        defer { close(fd) }
        var buffer: [UInt8] = []
        _ = try forEachSpan { span in
            let start = span.start, end = span.end
            // One byte before (a newline, unless the range starts the file) and the closing newline are read too.
            let from = max(0, start - 1)
            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: repeatElement(0, count: end + 1 - from))
            guard try readFully(fd, into: &buffer, at: from, url: url),
                start == 0 || buffer[0] == 0x0A, buffer[buffer.count - 1] == 0x0A
            else { throw Moved() }
            return buffer.withUnsafeBytes { bytes in
                Self.splitLines(
                    UnsafeRawBufferPointer(rebasing: bytes[(start - from)..<(bytes.count - 1)]),
                    at: start,
                    body
                )
            }
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
