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
        newline = MarkdownDocument.usesCRLF(bytes) ? [0x0D, 0x0A] : [0x0A]
        var pieces: [Range<Int>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            pieces.append(start..<(index + 1))
            start = index + 1
        }
        if start < bytes.count { pieces.append(start..<bytes.count) }
        self.pieces = pieces
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
        bytes[pieces[index]].first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }
    }

    func endsWithLineFeed(_ index: Int) -> Bool {
        let range = pieces[index]
        return !range.isEmpty && bytes[range.upperBound - 1] == 0x0A
    }

    /// The heading on a line that starts with `#` (outside fences and owned blocks; the caller knows).
    func heading(_ index: Int) -> (level: Int, title: String)? {
        guard bytes[pieces[index]].first == UInt8(ascii: "#") else { return nil }
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
        let fence = bytes[offset..<(offset + 3)]
        return fence.elementsEqual("```".utf8) || fence.elementsEqual("~~~".utf8)
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
