import Completion

/// The run log as the screens keep it: the newest `limit` entries (the log file keeps every one), and how many
/// older ones were let go, so a flood of output cannot grow the process without bound.
package struct RunLogLines: Sendable {
    package static let limit = 5_000
    package private(set) var entries: [RunLogEntry] = []
    package private(set) var dropped = 0

    package init() {}

    package mutating func append(_ event: CompletionEvent, at offset: Duration) {
        guard let entry = RunLogEntry.make(event, at: offset) else { return }
        entries.append(entry)
        // Dropping a block at a time keeps appending linear.
        if entries.count > Self.limit * 2 {
            let excess = entries.count - Self.limit
            entries.removeFirst(excess)
            dropped += excess
        }
    }

    package var count: Int { entries.count + (dropped > 0 ? 1 : 0) }

    /// The rows of entry `index` at `width`: `m:ss` in the margin, the text wrapped beside it. With older entries
    /// let go, entry 0 says how many and where they are.
    package func rows(_ index: Int, width: Int, file: String?) -> [StyledLine] {
        if dropped > 0, index == 0 {
            let place = file.map { "; all of them are in \($0)" } ?? ""
            return TextWrap.wrap("… \(dropped) earlier lines not kept here\(place)", width: width)
                .map { StyledLine($0, .subtle) }
        }
        let entry = entries[index - (dropped > 0 ? 1 : 0)]
        let stamp = Self.clock(entry.offset) + " "
        let margin = DisplayWidth.of(stamp)
        let role = Self.role(entry.kind)
        return TextWrap.wrap(entry.text, width: max(1, width - margin)).enumerated().map { number, piece in
            StyledLine([Span(number == 0 ? stamp : String(repeating: " ", count: margin), .subtle), Span(piece, role)])
        }
    }

    static func role(_ kind: RunLogEntry.Kind) -> Role {
        switch kind {
        case .milestone: .normal
        case .output: .subtle
        case .problem: .warn
        case .question: .accent
        }
    }

    /// m:ss since the run began.
    static func clock(_ offset: Duration) -> String {
        let seconds = max(0, Int(offset.components.seconds))
        return "\(seconds / 60):" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)"
    }
}
