import Foundation

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)` with the same result, without bridging to Foundation for the usual
    /// line whose ends are ASCII: a state file of a million lines trims each of them several times.
    package func trimmingBlanks() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start] == " " || scalars[start] == "\t" { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard scalars[before] == " " || scalars[before] == "\t" else { break }
            end = before
        }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[start..<end])
        let inner = String(kept)
        // Other blanks (no-break and wide spaces) are not ASCII: Foundation decides for those ends.
        guard let first = inner.unicodeScalars.first, let last = inner.unicodeScalars.last,
            !first.isASCII || !last.isASCII
        else { return inner }
        return inner.trimmingCharacters(in: .whitespaces)
    }
}
