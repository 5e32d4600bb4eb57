import Foundation

/// A state file as lines of raw bytes: each line's range with and without its line ending, so lines can be moved
/// to another file exactly as they were (Latin-1, stray carriage returns and all). Only lines that may be a heading
/// or a marker are ever decoded, which keeps reading a file of tens of megabytes linear and cheap.
struct StateFileLines {
    let bytes: [UInt8]
    /// Each line with its line ending (the last line may have none).
    let pieces: [Range<Int>]
    /// "\r\n" when every line feed follows a carriage return, else "\n".
    let newline: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var pieces: [Range<Int>] = []
        // CRLF when every line feed follows a carriage return, as `MarkdownDocument` decides, in the same pass.
        var crlf = true
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count, let found = memchr(base + start, 0x0A, buffer.count - start) {
                let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                if end < 2 || buffer[end - 2] != 0x0D { crlf = false }
                pieces.append(start..<end)
                start = end
            }
            if start < buffer.count { pieces.append(start..<buffer.count) }
        }
        self.pieces = pieces
        let sawLineFeed = pieces.first.map { bytes[$0.upperBound - 1] == 0x0A } ?? false
        newline = crlf && sawLineFeed ? [0x0D, 0x0A] : [0x0A]
    }

    var count: Int { pieces.count }

    /// Line feeds in the file: what Maintenance and the offer call its number of lines.
    var lineFeeds: Int { pieces.last.map { bytes[$0.upperBound - 1] == 0x0A ? count : count - 1 } ?? 0 }

    /// The line's text without its line ending, decoded for matching (U+FFFD for bytes that are not UTF-8).
    func text(_ index: Int) -> String {
        var range = pieces[index]
        if range.upperBound > range.lowerBound, bytes[range.upperBound - 1] == 0x0A { range = range.dropLast() }
        if newline.count == 2, range.upperBound > range.lowerBound, bytes[range.upperBound - 1] == 0x0D {
            range = range.dropLast()
        }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// The first byte after leading blanks, nil for a blank line: most lines are rejected on it alone.
    func firstByte(_ index: Int) -> UInt8? {
        var offset = pieces[index].lowerBound
        while offset < pieces[index].upperBound {
            let byte = bytes[offset]
            if byte != 0x20 && byte != 0x09 && byte != 0x0D && byte != 0x0A { return byte }
            offset += 1
        }
        return nil
    }

    /// Whether the line's first 80 bytes hold `folded` (lowercase ASCII) in any case: where a field's name is.
    func mentions(_ index: Int, folded: [UInt8]) -> Bool {
        let range = pieces[index]
        let end = min(range.upperBound, range.lowerBound + 80)
        guard let head = folded.first, end - range.lowerBound >= folded.count else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            var start = range.lowerBound
            while start + folded.count <= end {
                if buffer[start] | 0x20 == head {
                    var offset = 1
                    while offset < folded.count, buffer[start + offset] | 0x20 == folded[offset] { offset += 1 }
                    if offset == folded.count { return true }
                }
                start += 1
            }
            return false
        }
    }

    func endsWithLineFeed(_ index: Int) -> Bool {
        let range = pieces[index]
        return !range.isEmpty && bytes[range.upperBound - 1] == 0x0A
    }

    /// The heading on a line that starts with `#` (outside fences and owned blocks; the caller knows).
    func heading(_ index: Int) -> (level: Int, title: String)? {
        let range = pieces[index]
        guard !range.isEmpty, bytes[range.lowerBound] == UInt8(ascii: "#") else { return nil }
        guard let found = MarkdownDocument.heading(text(index)) else { return nil }
        return (found.level, found.title.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether a line opens or closes a fenced code block (``` or ~~~ after at most three spaces).
    func isFence(_ index: Int) -> Bool {
        let range = pieces[index]
        var offset = range.lowerBound
        var spaces = 0
        while offset < range.upperBound, bytes[offset] == 0x20, spaces < 4 {
            offset += 1
            spaces += 1
        }
        guard spaces < 4, offset + 3 <= range.upperBound else { return false }
        let mark = bytes[offset]
        return (mark == UInt8(ascii: "`") || mark == UInt8(ascii: "~")) && bytes[offset + 1] == mark
            && bytes[offset + 2] == mark
    }

    /// Lines inside the tool's owned blocks, markers included, by the rule `MarkdownDocument` uses: an open marker
    /// and the close marker of the same name with nothing that looks like a marker between them.
    func ownedLines() -> [Bool] {
        var owned = [Bool](repeating: false, count: count)
        var open: (name: String, index: Int)?
        for index in 0..<count where firstByte(index) == UInt8(ascii: "<") {
            let line = text(index)
            guard let marker = MarkdownDocument.marker(line) else {
                if MarkdownDocument.looksLikeMarker(line) { open = nil }
                continue
            }
            if marker.isOpen {
                open = (marker.name, index)
            } else {
                if let start = open, start.name == marker.name {
                    for line in start.index...index { owned[line] = true }
                }
                open = nil
            }
        }
        return owned
    }
}
