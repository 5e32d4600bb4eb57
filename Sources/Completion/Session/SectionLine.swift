import Foundation

/// What a section being read makes of one of its lines, worked out on the bytes: a state file's sections can hold
/// a million items, and decoding, trimming and stripping each as a `String` cost most of a run on such a file.
///
/// Only a line of ASCII bytes that does not start with `#` is read here; there every byte is one `Character`, so
/// the answer is exactly what `MarkdownDocument.sectionItems` gives through `trimmingBlanks`, `isBoldLabel` and
/// `stripListMarker`. Any other line (a heading, text that is not ASCII) goes the `String` way.
enum SectionLine: Equatable {
    /// A blank line or an HTML comment: nothing to take.
    case skip
    /// A bold label line such as `**Next Session Pickup:**`: the section ends there.
    case end
    /// An item with its list marker stripped (empty when the line was only a marker).
    case item(String)

    /// nil when the line starts with `#` or has a byte that is not ASCII.
    static func ascii(_ bytes: UnsafeRawBufferPointer) -> SectionLine? {
        guard bytes.first != UInt8(ascii: "#"), !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        let trimmed = trimmingBlanks(bytes)
        if isBoldLabel(trimmed) { return .end }
        if trimmed.isEmpty || trimmed.starts(with: "<!--".utf8) { return .skip }
        return .item(strippingListMarker(trimmed))
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func trimmingBlanks(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0, end = bytes.count
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }

    /// `MarkdownDocument.isBoldLabel`: `**`, a label that is not blank, the first `**` after it, and a colon just
    /// before or just after that closing `**`.
    private static func isBoldLabel(_ line: UnsafeRawBufferPointer) -> Bool {
        let star = UInt8(ascii: "*"), colon = UInt8(ascii: ":")
        guard line.count >= 2, line[0] == star, line[1] == star else { return false }
        var close = 2
        while close + 1 < line.count, !(line[close] == star && line[close + 1] == star) { close += 1 }
        guard close + 1 < line.count, line[2..<close].contains(where: { !isBlank($0) }) else { return false }
        return line[close - 1] == colon || (close + 2 < line.count && line[close + 2] == colon)
    }

    private static let listMarkers = ["- [ ] ", "- [x] ", "- [X] ", "* [ ] ", "* [x] ", "- ", "* ", "+ "].map {
        Array($0.utf8)
    }

    /// `MarkdownDocument.stripListMarker`: one bullet or checkbox, then a `12.` number, then the blanks around.
    private static func strippingListMarker(_ line: UnsafeRawBufferPointer) -> String {
        var start = 0
        for marker in listMarkers where line.starts(with: marker) {
            start = marker.count
            break
        }
        // The first `.` with only digits before it is the first byte after them that is not a digit: only the
        // number is scanned, never the rest of the item.
        var digits = start
        while digits < line.count, line[digits] >= 0x30, line[digits] <= 0x39 { digits += 1 }
        if digits > start, digits < line.count, line[digits] == UInt8(ascii: ".") { start = digits + 1 }
        let item = trimmingBlanks(UnsafeRawBufferPointer(rebasing: line[start...]))
        return String(decoding: item, as: UTF8.self)
    }
}
