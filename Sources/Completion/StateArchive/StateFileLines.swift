import Foundation

/// What the archive needs to know about a state file's lines, found in one streamed pass over a `MarkdownFile`:
/// the lines that may be a heading, a fence or a marker (decoded), the first line of each field that marks the
/// current work, and around those lines where the last blank and the last substantive line were. Every other line
/// is only looked at once in passing, so a file of tens of megabytes costs a chunk of memory and a few numbers per
/// heading, never its size. Lines are moved later by a second pass (`forEachRawLine`), byte for byte.
struct StateFileLines {
    /// A line that may be a heading, a fence or an owned marker.
    struct Notable {
        let index: Int
        /// Without its line ending, decoded for matching (U+FFFD for bytes that are not UTF-8).
        let text: String
        let heading: (level: Int, title: String)?
        let isFence: Bool
    }

    /// Before a line: the last line that is not blank, and the last that is neither blank nor a `---` rule.
    struct Preceding {
        var filled = -1
        var substantive = -1
    }

    let source: MarkdownFile
    var count: Int { source.lineCount }
    /// "\r\n" when every line feed follows a carriage return, else "\n".
    let newline: [UInt8]
    /// Notable lines in file order.
    private(set) var notable: [Notable] = []
    /// The owned blocks' lines, in file order, as `MarkdownFile` found them.
    let owned: [ClosedRange<Int>]
    /// The first line of each name in `currentNames` outside owned blocks, as a heading or a field.
    private(set) var currentLines: [String: Int] = [:]
    /// `Preceding` for each notable line, the line after each, and the end of the file.
    private var preceding: [Int: Preceding] = [:]

    /// The fields step 1 keeps up to date, and Next Session Pickup: the sections holding them are current.
    static let currentNames = [
        "Status", "Current Work", "Next Step", "Last Updated", "Current Blocker", "Next Session Pickup",
    ]

    init(_ source: MarkdownFile) throws {
        self.source = source
        newline = source.crlf ? [0x0D, 0x0A] : [0x0A]
        owned = source.blocks.map(\.range)
        try scan()
    }

    /// Line feeds in the file: what Maintenance and the offer call its number of lines.
    var lineFeeds: Int { source.endsWithNewline || count == 0 ? count : count - 1 }

    func endsWithLineFeed(_ index: Int) -> Bool { index < count - 1 || source.endsWithNewline }

    /// The last line before `index` that is not blank (`index` a notable line, the one after it, or `count`).
    func lastFilled(before index: Int) -> Int { preceding[index]?.filled ?? index - 1 }

    /// The last line before `index` that is neither blank nor `---`.
    func lastSubstantive(before index: Int) -> Int { preceding[index]?.substantive ?? index - 1 }

    private mutating func scan() throws {
        let folded = Self.currentNames.map { Array($0.lowercased().utf8) }
        var owned = OwnedLines(source.blocks)
        var now = Preceding()
        var previousNotable = false
        try source.forEachLine { index, _, bytes in
            let isOwned = owned.contains(index)
            let candidate = Self.isCandidate(bytes)
            if candidate || previousNotable { preceding[index] = now }
            previousNotable = candidate
            if candidate {
                let text = MarkdownFile.text(bytes)
                let heading = bytes.first == UInt8(ascii: "#") ? MarkdownDocument.heading(text) : nil
                notable.append(
                    Notable(
                        index: index,
                        text: text,
                        heading: heading.map { ($0.level, $0.title.trimmingCharacters(in: .whitespacesAndNewlines)) },
                        isFence: Self.isFence(bytes)
                    )
                )
            }
            if !isOwned, currentLines.count < Self.currentNames.count { noteCurrent(index, bytes, folded: folded) }
            switch Self.kind(bytes) {
            case .blank: break
            case .rule: now.filled = index
            case .other: now = Preceding(filled: index, substantive: index)
            }
            return true
        }
        preceding[count] = now
    }

    /// A heading, a fence or a marker may start here: `#` first, or `<`, a backtick or a tilde after blanks.
    private static func isCandidate(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first else { return false }
        if first == UInt8(ascii: "#") { return true }
        guard let byte = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return false }
        return byte == UInt8(ascii: "<") || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "~")
    }

    /// Whether a line opens or closes a fenced code block (``` or ~~~ after at most three spaces).
    static func isFence(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count, bytes[offset] == 0x20, offset < 4 { offset += 1 }
        guard offset < 4, offset + 3 <= bytes.count else { return false }
        let mark = bytes[offset]
        return (mark == UInt8(ascii: "`") || mark == UInt8(ascii: "~")) && bytes[offset + 1] == mark
            && bytes[offset + 2] == mark
    }

    private enum Kind { case blank, rule, other }

    /// Blank or `---` once trimmed of `CharacterSet.whitespaces`, decided on the bytes for ASCII lines; a line
    /// that starts with a byte past ASCII is decoded (a no-break space is whitespace too).
    private static func kind(_ bytes: UnsafeRawBufferPointer) -> Kind {
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 }) else { return .blank }
        guard first == UInt8(ascii: "-") || first >= 0x80 else { return .other }
        if !bytes.contains(where: { $0 >= 0x80 }) {
            var start = 0, end = bytes.count
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            return end - start == 3 && bytes[start + 1] == first && bytes[start + 2] == first ? .rule : .other
        }
        let text = MarkdownFile.text(bytes).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? .blank : text == "---" ? .rule : .other
    }

    /// Records `index` as the first line of a current name it holds as a heading or a field (a byte search
    /// first: decoding and matching every line of a long history cost seconds).
    private mutating func noteCurrent(_ index: Int, _ bytes: UnsafeRawBufferPointer, folded: [[UInt8]]) {
        var line: String?
        for (name, key) in zip(Self.currentNames, folded) where currentLines[name] == nil {
            guard Self.mentions(bytes, folded: key) else { continue }
            let text = line ?? MarkdownFile.text(bytes)
            line = text
            let heading = MarkdownDocument.heading(text).map {
                StateHistoryEntries.words($0.title).hasPrefix(name.lowercased())
            }
            if heading == true || MarkdownDocument.fieldMatch(text, name: name) != nil { currentLines[name] = index }
        }
    }

    /// Whether the line's first 80 bytes hold `folded` (lowercase ASCII) in any case: where a field's name is.
    private static func mentions(_ bytes: UnsafeRawBufferPointer, folded: [UInt8]) -> Bool {
        let end = min(bytes.count, 80)
        guard let head = folded.first, end >= folded.count else { return false }
        var start = 0
        while start + folded.count <= end {
            if bytes[start] | 0x20 == head {
                var offset = 1
                while offset < folded.count, bytes[start + offset] | 0x20 == folded[offset] { offset += 1 }
                if offset == folded.count { return true }
            }
            start += 1
        }
        return false
    }

    /// Calls `body` with each line's index and its bytes as they are in the file, line ending included.
    func forEachRawLine(_ body: (_ index: Int, _ bytes: UnsafeRawBufferPointer) throws -> Void) throws {
        var line: [UInt8] = []
        try source.forEachLine { index, _, bytes in
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: bytes)
            if endsWithLineFeed(index) { line.append(contentsOf: newline) }
            try line.withUnsafeBytes { try body(index, $0) }
            return true
        }
    }
}
