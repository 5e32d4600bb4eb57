import Completion

/// The offer's list laid out for a width: one or more rows per cycle (a long description or reason wraps,
/// indented under the cycle's title), a blank row, and "Skip and end session". Each row knows its entry (the
/// cursor's numbering: cycles, then the skip row), so the cursor's entry can be highlighted and kept in view.
struct OfferLayout {
    struct Line {
        /// The entry the row belongs to; nil for the blank row between the cycles and "Skip".
        var entry: Int?
        var text: StyledLine
    }

    /// Which rows a window shows, and how many entries it leaves out above and below.
    struct Window: Equatable {
        var rows: Range<Int>
        var above: Int
        var below: Int
    }

    let glyphs: Glyphs
    private(set) var lines: [Line] = []

    init(state: OfferState, width: Int, glyphs: Glyphs) {
        self.glyphs = glyphs
        let titles = state.cycles.map { "\($0.cycle.title) (\($0.cycle.component))" }
        let titleWidth = titles.map { DisplayWidth.of($0) }.max() ?? 20
        for (index, item) in state.cycles.enumerated() {
            lines += cycleRows(
                item,
                index: index,
                title: titles[index],
                titleWidth: titleWidth,
                state: state,
                width: width
            )
        }
        lines += archiveRows(state, width: width)
        lines.append(Line(entry: nil, text: StyledLine()))
        let pointer = state.cursor == state.skipRow ? glyphs.pointer : " "
        lines.append(Line(entry: state.skipRow, text: StyledLine("  " + pointer + "   Skip and end session")))
    }

    /// A cycle's rows: pointer, number, box, title, then its description (or why it is unavailable), wrapped.
    private func cycleRows(
        _ item: CycleAvailability,
        index: Int,
        title: String,
        titleWidth: Int,
        state: OfferState,
        width: Int
    ) -> [Line] {
        let ticked = state.selected.contains(item.cycle)
        let box = !item.available ? glyphs.unavailable : ticked ? glyphs.checked : glyphs.unchecked
        let role: Role = item.available ? .normal : .subtle
        let pointer = state.cursor == index ? glyphs.pointer : " "
        let prefix = [
            Span("  "), Span(pointer, .accent), Span(" "), Span("\(index + 1) ", .subtle),
            Span(box + " ", ticked ? .ok : role),
        ]
        let titleX = Chrome.width(of: prefix)
        let padding = String(repeating: " ", count: max(0, titleWidth - DisplayWidth.of(title)) + 1)
        let head = prefix + [Span(title, item.available ? .strong : .subtle), Span(padding)]
        let descriptionX = titleX + titleWidth + 1
        var text = item.available ? item.cycle.summary : "unavailable: " + TerminalText.inert(item.reason ?? "")
        if glyphs == .ascii { text = ASCIIFallback.convert(text) }
        // The first row goes on beside the title; the rest start under the title, where they have the most room.
        let pieces = TextWrap.hanging(text, first: width - descriptionX - 1, rest: max(1, width - titleX - 1))
        var rows = [Line(entry: index, text: StyledLine(head + [Span(pieces.first ?? "", role)]))]
        for piece in pieces.dropFirst() {
            let indent = Span(String(repeating: " ", count: titleX))
            rows.append(Line(entry: index, text: StyledLine([indent, Span(piece, role)])))
        }
        return rows
    }

    /// The choice to archive session-state's older history, below the cycles when offered: numbered after them,
    /// with a box that starts unticked, its label wrapped like a reason.
    private func archiveRows(_ state: OfferState, width: Int) -> [Line] {
        guard let offer = state.stateArchive, let row = state.archiveRow else { return [] }
        let pointer = state.cursor == row ? glyphs.pointer : " "
        let box = state.archiveTicked ? glyphs.checked : glyphs.unchecked
        let prefix = [
            Span("  "), Span(pointer, .accent), Span(" "), Span("\(row + 1) ", .subtle),
            Span(box + " ", state.archiveTicked ? .ok : .normal),
        ]
        let labelX = Chrome.width(of: prefix)
        let label = glyphs == .ascii ? ASCIIFallback.convert(offer.label) : offer.label
        let pieces = TextWrap.wrap(label, width: max(1, width - labelX - 1))
        var rows = [Line(entry: row, text: StyledLine(prefix + [Span(pieces.first ?? "")]))]
        for piece in pieces.dropFirst() {
            rows.append(Line(entry: row, text: StyledLine([Span(String(repeating: " ", count: labelX)), Span(piece)])))
        }
        return rows
    }

    /// The rows to show in `rows` screen rows: from the top while the cursor's entry fits, else scrolled just far
    /// enough that the cursor's entry ends on the last row (and starts on the first when it is taller than the
    /// room). Counted in entries, so "N more" is the number of cycles (or "Skip") not wholly in view.
    func window(rows: Int, cursor: Int) -> Window {
        guard lines.count > rows else { return Window(rows: 0..<lines.count, above: 0, below: 0) }
        var spans: [Int: ClosedRange<Int>] = [:]
        for (row, line) in lines.enumerated() {
            guard let entry = line.entry else { continue }
            spans[entry] = (spans[entry]?.lowerBound ?? row)...row
        }
        let cursorRows = spans[cursor] ?? 0...0
        let top = min(max(0, cursorRows.upperBound + 1 - rows), cursorRows.lowerBound)
        let shown = top..<min(lines.count, top + rows)
        let above = spans.values.filter { $0.lowerBound < shown.lowerBound }.count
        let below = spans.values.filter { $0.lowerBound >= shown.lowerBound && $0.upperBound >= shown.upperBound }
        return Window(rows: shown, above: above, below: below.count)
    }
}
