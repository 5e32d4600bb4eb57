import Foundation

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)` with the same result, without bridging to Foundation for the usual
    /// line whose ends are ASCII: a state file of a million lines trims each of them several times.
    package func trimmingBlanks() -> String {
        let bytes = Substring(self).utf8
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start = bytes.index(after: start) }
        while end > start {
            let before = bytes.index(before: end)
            guard bytes[before] == 0x20 || bytes[before] == 0x09 else { break }
            end = before
        }
        // Spaces and tabs are whole scalars, so the bytes between them are valid UTF-8 as they stand.
        let inner = String(decoding: bytes[start..<end], as: UTF8.self)
        // Other blanks (no-break and wide spaces) are not ASCII: Foundation decides for those ends.
        guard let first = inner.utf8.first, let last = inner.utf8.last, first >= 0x80 || last >= 0x80 else {
            return inner
        }
        return inner.trimmingCharacters(in: .whitespaces)
    }
}

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` with the same result, scalar by scalar without bridging to
    /// NSString: every typed turn of a transcript of hundreds of MB is trimmed once.
    package func trimmingWhitespaceAndNewlines() -> String {
        let scalars = Substring(self).unicodeScalars
        let blank = CharacterSet.whitespacesAndNewlines
        guard let first = scalars.firstIndex(where: { !blank.contains($0) }),
            let last = scalars.lastIndex(where: { !blank.contains($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
