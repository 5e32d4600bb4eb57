import Foundation

/// A Markdown file edited in place: owned `**Field**: value` lines are updated or added, owned blocks live between
/// `<!-- jarvis-tui:NAME -->` and `<!-- /jarvis-tui:NAME -->` markers, and every other line (including its line
/// ending and trailing whitespace) stays exactly as the user wrote it, byte for byte, even when it is not UTF-8.
package struct MarkdownDocument: Equatable, Sendable {
    package private(set) var lines: [String]
    /// Beside each line of `lines`: the bytes it was read from when they are not valid UTF-8 (a Latin-1 or CP1252
    /// line), nil otherwise. `lines` holds such a line decoded with U+FFFD for matching; writing the file back uses
    /// these bytes, so the user's line survives. Every edit of a line drops its entry.
    private var undecodable: [[UInt8]?] = []
    /// The file's line ending, kept on every line written back.
    let newline: String
    let endsWithNewline: Bool

    package init(text: String) {
        self.init(bytes: Array(text.utf8))
    }

    package init(data: Data) {
        self.init(bytes: [UInt8](data))
    }

    package init(bytes: [UInt8]) {
        // Byte-level checks: "\r\n" is one Character in Swift, so Character-based suffix tests miss it.
        let crlf = Self.usesCRLF(bytes)
        newline = crlf ? "\r\n" : "\n"
        endsWithNewline = bytes.isEmpty || bytes.last == UInt8(ascii: "\n")
        var pieces = Self.linePieces(of: bytes, crlf: crlf)
        if endsWithNewline, pieces.last?.isEmpty == true { pieces.removeLast() }
        undecodable = pieces.map { String(validating: $0, as: UTF8.self) == nil ? Array($0) : nil }
        lines = pieces.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Splits at every line feed byte (dropping the CR before it in a CRLF file). `components(separatedBy: "\n")`
    /// compares Characters, and a stray CR before a line feed makes one Character of the two, so two lines stayed
    /// one and a field on the second was not found (the fuzzer's input `# S#\r` then got a second Last Updated).
    static func lines(of text: String, crlf: Bool) -> [String] {
        linePieces(of: Array(text.utf8), crlf: crlf).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func linePieces(of bytes: [UInt8], crlf: Bool) -> [ArraySlice<UInt8>] {
        let pieces = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        return pieces.enumerated().map { index, piece in
            crlf && index < pieces.count - 1 ? piece.dropLast() : piece
        }
    }

    /// CRLF only when every line feed follows a carriage return: a stray CR inside a line stays part of the line.
    static func usesCRLF(_ text: String) -> Bool {
        usesCRLF(Array(text.utf8))
    }

    static func usesCRLF(_ bytes: [UInt8]) -> Bool {
        var lineFeeds = 0, crlf = 0
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                lineFeeds += 1
                if previous == UInt8(ascii: "\r") { crlf += 1 }
            }
            previous = byte
        }
        return lineFeeds > 0 && crlf == lineFeeds
    }

    /// The document as text, lines that are not UTF-8 shown with U+FFFD: for reading, never for writing back.
    package var text: String {
        lines.joined(separator: newline) + (endsWithNewline && !lines.isEmpty ? newline : "")
    }

    /// The bytes to write back: every line the edits did not touch exactly as it was read.
    package var data: Data {
        var out = Data()
        let separator = Array(newline.utf8)
        for (index, line) in lines.enumerated() {
            if index > 0 { out.append(contentsOf: separator) }
            if let raw = undecodable[index] { out.append(contentsOf: raw) } else { out.append(contentsOf: line.utf8) }
        }
        if endsWithNewline && !lines.isEmpty { out.append(contentsOf: separator) }
        return out
    }

    // MARK: fields

    /// Matches `**Name**: value`, `- **Name**: value`, `**Name:** value` and `Name: value` (case-insensitive).
    static func fieldMatch(_ line: String, name: String) -> (prefix: String, value: String)? {
        let trimmed = line.drop(while: { $0 == " " })
        // Most lines are not fields: reject them on their first character, before any string is built (this runs
        // for every line and every field, and a state file can be tens of megabytes).
        guard let first = trimmed.utf8.first,
            first == UInt8(ascii: "*") || first == UInt8(ascii: "-")
                || first | 0x20 == name.utf8.first.map({ $0 | 0x20 })
        else { return nil }
        let indent = String(line[..<trimmed.startIndex])
        var rest = Substring(trimmed)
        var bullet = ""
        if rest.hasPrefix("- ") || rest.hasPrefix("* ") {
            bullet = String(rest.prefix(2))
            rest = rest.dropFirst(2)
        }
        let lowerName = name.lowercased()
        for (open, close) in [("**", "**:"), ("**", ":**"), ("", ":")] {
            guard rest.hasPrefix(open) else { continue }
            let afterOpen = rest.dropFirst(open.count)
            guard afterOpen.prefix(name.count).lowercased() == lowerName else { continue }
            let afterName = afterOpen.dropFirst(name.count)
            guard afterName.hasPrefix(close) else { continue }
            let value = afterName.dropFirst(close.count).trimmingBlanks()
            let prefix = indent + bullet + open + String(afterOpen.prefix(name.count)) + close
            return (prefix, value)
        }
        return nil
    }

    /// The value of the first line that carries the field, outside owned blocks.
    package func field(_ name: String) -> String? {
        let owned = ownedLines()
        for (index, line) in lines.enumerated() where !owned.contains(index) {
            if let match = Self.fieldMatch(line, name: name) { return match.value }
        }
        return nil
    }

    /// Updates the field where it is; adds it after the title (or at the top) when absent.
    package mutating func setField(_ name: String, to value: String) {
        let clean = value.replacingOccurrences(of: "\n", with: " ")
        let owned = ownedLines()
        for (index, line) in lines.enumerated() where !owned.contains(index) {
            if let match = Self.fieldMatch(line, name: name) {
                lines[index] = "\(match.prefix) \(clean)"
                undecodable[index] = nil
                return
            }
        }
        let insertAt = insertionPointForNewFields()
        // A field set directly above the user's text (a list, a paragraph) would render glued to it: one blank
        // line goes between them, and the user's lines stay as they were.
        if insertAt < lines.count, Self.needsBlankAbove(lines[insertAt]) {
            lines.insert("", at: insertAt)
            undecodable.insert(nil, at: insertAt)
        }
        lines.insert("**\(name)**: \(clean)", at: insertAt)
        undecodable.insert(nil, at: insertAt)
    }

    /// A line that a field inserted right above it would join in one paragraph: anything but a blank line or
    /// another `**` field line.
    static func needsBlankAbove(_ line: String) -> Bool {
        !line.trimmingBlanks().isEmpty && !line.hasPrefix("**")
    }

    private func insertionPointForNewFields() -> Int {
        // After the last owned-style field near the top, else after the first heading (and one blank line).
        if let title = lines.firstIndex(where: { $0.hasPrefix("# ") }) {
            var index = title + 1
            if index < lines.count, lines[index].trimmingBlanks().isEmpty { index += 1 }
            while index < lines.count, lines[index].hasPrefix("**") { index += 1 }
            return index
        }
        return 0
    }

    // MARK: sections written by the user

    /// The list items (or non-empty lines) under a `## Heading` whose title starts with one of `titles`.
    package func sectionItems(_ titles: [String]) -> [String] {
        let wanted = titles.map { $0.lowercased() }
        var collecting = false
        var level = 0
        var items: [String] = []
        let owned = ownedLines()
        for (index, line) in lines.enumerated() where !owned.contains(index) {
            if let heading = Self.heading(line) {
                if collecting, heading.level <= level { break }
                if !collecting, wanted.contains(where: { heading.title.lowercased().hasPrefix($0) }) {
                    collecting = true
                    level = heading.level
                }
                continue
            }
            guard collecting else { continue }
            let trimmed = line.trimmingBlanks()
            // `**Next Session Pickup:**` inside `### Key Decisions` starts something else, not another decision.
            if Self.isBoldLabel(trimmed) { break }
            if trimmed.isEmpty || trimmed.hasPrefix("<!--") { continue }
            items.append(Self.stripListMarker(trimmed))
        }
        return items.filter { !$0.isEmpty }
    }

    /// A line that is a bold label, with or without a value after it: `**Label:**`, `**Label**:` (a list item
    /// such as `- **Decision**: why` is not one).
    static func isBoldLabel(_ trimmed: String) -> Bool {
        guard trimmed.hasPrefix("**") else { return false }
        let rest = trimmed.dropFirst(2)
        guard let close = rest.range(of: "**") else { return false }
        let label = rest[rest.startIndex..<close.lowerBound]
        guard !label.trimmingBlanks().isEmpty else { return false }
        return label.hasSuffix(":") || rest[close.upperBound...].hasPrefix(":")
    }

    /// The list under a bold label line (`**Next Session Pickup:**` followed by `1. …` lines), outside owned
    /// blocks; a value on the label line itself comes first. The list ends at a blank line after its items, a
    /// heading, another label or a line that is not an item.
    package func labelItems(_ label: String) -> [String] {
        let owned = ownedLines()
        let found = lines.indices.first { !owned.contains($0) && Self.fieldMatch(lines[$0], name: label) != nil }
        guard let start = found else { return [] }
        var items: [String] = []
        if let value = Self.fieldMatch(lines[start], name: label)?.value, !value.isEmpty { items.append(value) }
        for line in lines[(start + 1)...] {
            let trimmed = line.trimmingBlanks()
            if trimmed.isEmpty {
                if items.isEmpty { continue } else { break }
            }
            guard Self.isListItem(trimmed), !Self.isBoldLabel(trimmed) else { break }
            let item = Self.stripListMarker(trimmed)
            if !item.isEmpty { items.append(item) }
        }
        return items
    }

    static func isListItem(_ trimmed: String) -> Bool {
        if ["- ", "* ", "+ "].contains(where: trimmed.hasPrefix) { return true }
        let digits = trimmed.prefix(while: \.isNumber)
        return !digits.isEmpty && trimmed.dropFirst(digits.count).hasPrefix(". ")
    }

    static func heading(_ line: String) -> (level: Int, title: String)? {
        guard line.hasPrefix("#") else { return nil }
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard hashes <= 6, line.dropFirst(hashes).hasPrefix(" ") else { return nil }
        return (hashes, line.dropFirst(hashes).trimmingBlanks())
    }

    static func stripListMarker(_ text: String) -> String {
        if let ascii = strippedASCIIListMarker(text) { return ascii }
        var rest = Substring(text)
        for marker in ["- [ ] ", "- [x] ", "- [X] ", "* [ ] ", "* [x] ", "- ", "* ", "+ "] where rest.hasPrefix(marker)
        {
            rest = rest.dropFirst(marker.count)
            break
        }
        if let dot = rest.firstIndex(of: "."), rest[rest.startIndex..<dot].allSatisfy(\.isNumber),
            !rest[rest.startIndex..<dot].isEmpty
        {
            rest = rest[rest.index(after: dot)...]
        }
        return rest.trimmingBlanks()
    }

    /// `stripListMarker` on bytes for an all-ASCII item (where a byte is a Character), nil for any other item.
    private static func strippedASCIIListMarker(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var start = 0
        for marker in asciiListMarkers where bytes.starts(with: marker) {
            start = marker.count
            break
        }
        if let dot = bytes[start...].firstIndex(of: UInt8(ascii: ".")), dot > start,
            bytes[start..<dot].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        {
            start = dot + 1
        }
        return String(decoding: bytes[start...], as: UTF8.self).trimmingBlanks()
    }

    private static let asciiListMarkers = ["- [ ] ", "- [x] ", "- [X] ", "* [ ] ", "* [x] ", "- ", "* ", "+ "].map {
        Array($0.utf8)
    }

    /// Checklist items under any heading: `(text, checked)`.
    package func checklist() -> [(text: String, checked: Bool)] {
        let owned = ownedLines()
        return lines.enumerated().compactMap { (index, line) -> (text: String, checked: Bool)? in
            guard !owned.contains(index) else { return nil }
            let trimmed = line.trimmingBlanks()
            for (marker, checked) in [
                ("- [ ] ", false), ("* [ ] ", false), ("- [x] ", true), ("- [X] ", true), ("* [x] ", true),
            ] where trimmed.hasPrefix(marker) {
                return (String(trimmed.dropFirst(marker.count)), checked)
            }
            return nil
        }
    }

    // MARK: owned blocks

    /// Outside text as one list item: line breaks become spaces, so the item reads back as the same text.
    package static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingBlanks()
    }

    static func openMarker(_ name: String) -> String { "<!-- jarvis-tui:\(name) -->" }
    static func closeMarker(_ name: String) -> String { "<!-- /jarvis-tui:\(name) -->" }

    /// `(isOpen, name)` for a marker line, nil for any other line.
    static func marker(_ line: String) -> (isOpen: Bool, name: String)? {
        guard mayBeMarker(line) else { return nil }
        let trimmed = line.trimmingBlanks()
        guard trimmed.hasSuffix(" -->") else { return nil }
        for (prefix, isOpen) in markerPrefixes where trimmed.hasPrefix(prefix) {
            return (isOpen, String(trimmed.dropFirst(prefix.count).dropLast(4)))
        }
        return nil
    }

    /// A line that starts like a marker, well-formed or not (`<!-- /jarvis-tui:->`, a marker the user half edited).
    static func looksLikeMarker(_ line: String) -> Bool {
        guard mayBeMarker(line) else { return false }
        let trimmed = line.trimmingBlanks()
        return markerPrefixes.contains { trimmed.hasPrefix($0.prefix) }
    }

    /// False when the line's first character after blanks is not `<`: no marker, and nothing trimmed or copied.
    private static func mayBeMarker(_ line: String) -> Bool {
        for byte in line.utf8 where byte != 0x20 && byte != 0x09 { return byte == UInt8(ascii: "<") }
        return false
    }

    private static let markerPrefixes: [(prefix: String, isOpen: Bool)] = [
        ("<!-- jarvis-tui:", true), ("<!-- /jarvis-tui:", false),
    ]

    /// Well-formed blocks only: an open marker and the close marker of the same name with nothing that looks like
    /// a marker between them. A stray, mismatched or torn marker (a user's edit, a torn paste) never makes a block
    /// and ends any block it falls in, so an edit can never swallow the user's lines past a marker that was meant
    /// to close it.
    private func blockRanges() -> [(name: String, range: ClosedRange<Int>)] {
        var ranges: [(name: String, range: ClosedRange<Int>)] = []
        var open: (name: String, index: Int)?
        for (index, line) in lines.enumerated() {
            guard let marker = Self.marker(line) else {
                if Self.looksLikeMarker(line) { open = nil }
                continue
            }
            if marker.isOpen {
                open = (marker.name, index)
            } else {
                if let start = open, start.name == marker.name { ranges.append((marker.name, start.index...index)) }
                open = nil
            }
        }
        return ranges
    }

    private func blockRange(_ name: String) -> ClosedRange<Int>? {
        blockRanges().last { $0.name == name }?.range
    }

    /// Indexes of lines inside owned blocks (markers included): never read as user content.
    private func ownedLines() -> Set<Int> {
        Set(blockRanges().flatMap { Array($0.range) })
    }

    /// The lines of an owned block, without its markers.
    package func block(_ name: String) -> [String]? {
        guard let range = blockRange(name) else { return nil }
        let (start, end) = (range.lowerBound, range.upperBound)
        return Array(lines[(start + 1)..<end])
    }

    /// Replaces the owned block, or appends it at the end of the file (after one blank line).
    package mutating func setBlock(_ name: String, to content: [String]) {
        let wrapped = [Self.openMarker(name)] + content + [Self.closeMarker(name)]
        if let range = blockRange(name) {
            lines.replaceSubrange(range, with: wrapped)
            undecodable.replaceSubrange(range, with: repeatElement(nil, count: wrapped.count))
            return
        }
        if let last = lines.last, !last.trimmingBlanks().isEmpty {
            lines.append("")
            undecodable.append(nil)
        }
        lines.append(contentsOf: wrapped)
        undecodable.append(contentsOf: repeatElement(nil, count: wrapped.count))
    }
}
