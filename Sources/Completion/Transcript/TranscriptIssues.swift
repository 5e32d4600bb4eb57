import Foundation

/// What the tolerant parser met and stepped over, counted per kind with the first line numbers, so a whole
/// transcript yields one warning instead of one per line.
package struct TranscriptIssues: Sendable, Equatable {
    package enum Kind: String, Sendable, CaseIterable {
        case truncatedLastLine = "truncated last line"
        case cutShort = "line cut short"
        case notJSON = "line that is not JSON"
        case unknownType = "line of unknown type"
        case oversized = "oversized line"
        case invalidUTF8 = "line with invalid UTF-8"
    }

    package private(set) var counts: [Kind: Int] = [:]
    package private(set) var firstLines: [Kind: [Int]] = [:]
    package private(set) var unknownTypes: [String] = []
    package var oversizedLimit = TranscriptLineReader.defaultMaxLineBytes

    package init() {}

    package var isEmpty: Bool { counts.isEmpty }
    package func count(_ kind: Kind) -> Int { counts[kind, default: 0] }

    mutating func note(_ kind: Kind, line: Int, detail: String? = nil) {
        counts[kind, default: 0] += 1
        if firstLines[kind, default: []].count < 3 { firstLines[kind, default: []].append(line) }
        if kind == .unknownType, let detail, unknownTypes.count < 5, !unknownTypes.contains(detail) {
            unknownTypes.append(detail)
        }
    }

    /// One sentence naming the file and every kind of problem, or nil when the transcript was clean.
    package func warning(path: String) -> String? {
        guard !isEmpty else { return nil }
        var parts: [String] = []
        for kind in Kind.allCases {
            let n = count(kind)
            guard n > 0 else { continue }
            let lines = firstLines[kind, default: []].map(String.init).joined(separator: ", ")
            let location = "line\(firstLines[kind, default: []].count == 1 ? "" : "s") \(lines)\(n > 3 ? ", …" : "")"
            var text = "\(n) \(kind.rawValue)\(n == 1 ? "" : "s") (\(location))"
            switch kind {
            case .truncatedLastLine: text += " — the session was probably still writing, ignored"
            case .cutShort, .notJSON: text += " — skipped"
            case .unknownType:
                text +=
                    " — type\(unknownTypes.count == 1 ? "" : "s") \(unknownTypes.map { "\"\($0)\"" }.joined(separator: ", ")), skipped"
            case .oversized: text += " — longer than \(oversizedLimit >> 20) MB, only its usage was read"
            case .invalidUTF8: text += " — read with the bad bytes replaced"
            }
            parts.append(text)
        }
        return "transcript \(path): " + parts.joined(separator: "; ")
    }
}
