import Completion

/// Draws the offer: title, the cycles with descriptions and availability, "Skip and end session", the counter,
/// the uncommitted-changes banner and the key hints. A long description or reason wraps under its cycle; when the
/// list is taller than its room it scrolls so that the cursor's entry is always whole on screen.
package enum OfferView {
    package static func draw(_ state: OfferState, into buffer: inout CellBuffer, glyphs: Glyphs) {
        buffer.asciiOnly = glyphs == .ascii
        if Chrome.isTooSmall(buffer) { return Chrome.drawTooSmall(&buffer) }
        drawTitle(state, into: &buffer)
        buffer.put("Before ending the session, run any Tier 2 cycles?", x: 2, y: 2, role: .strong)
        let layout = OfferLayout(state: state, width: buffer.width, glyphs: glyphs)
        let counterRow = drawList(layout, state: state, top: listTop, bottom: listBottom(buffer), into: &buffer)
        drawCounter(state, y: counterRow, into: &buffer)
        drawNotices(state, into: &buffer, glyphs: glyphs)
        Chrome.drawFooter(&buffer, hints: state.activeHints)
        drawOverlays(state, into: &buffer, glyphs: glyphs)
    }

    /// The first row of the list (below the question and a blank row, which holds "↑ N more" when scrolled).
    static let listTop = 4

    /// The last row the list may use: below it stay a blank row, the counter, the notice row, the banner, a blank
    /// row and the footer.
    static func listBottom(_ buffer: CellBuffer) -> Int { buffer.height - 7 }

    private static func drawTitle(_ state: OfferState, into buffer: inout CellBuffer) {
        Chrome.drawBar(
            &buffer,
            y: 0,
            left: [Span("jarvis-tui", .title), Span(" · end session · " + TerminalText.inert(state.projectName))],
            right: state.branch.map { [Span(TerminalText.inert($0))] } ?? [],
            role: .footer
        )
    }

    /// Draws the visible part of the list between `top` and `bottom`; returns the counter's row (one blank row, or
    /// "↓ N more", below the list).
    private static func drawList(
        _ layout: OfferLayout,
        state: OfferState,
        top: Int,
        bottom: Int,
        into buffer: inout CellBuffer
    ) -> Int {
        let window = layout.window(rows: max(1, bottom - top + 1), cursor: state.cursor)
        for (offset, line) in layout.lines[window.rows].enumerated() {
            let y = top + offset
            buffer.put(line.text, x: 0, y: y)
            if line.entry == state.cursor { buffer.restyle(y: y, from: 2, to: buffer.width - 1, role: .selected) }
        }
        let glyphs = layout.glyphs
        if window.above > 0 {
            buffer.put("\(glyphs.arrowUp) \(window.above) more", x: 4, y: top - 1, role: .accent)
        }
        let end = top + window.rows.count
        if window.below > 0 {
            buffer.put("\(glyphs.arrowDown) \(window.below) more", x: 4, y: end, role: .accent)
        }
        return end + 1
    }

    private static func drawCounter(_ state: OfferState, y: Int, into buffer: inout CellBuffer) {
        let counter = "\(state.selected.count) of \(state.availableCount) selected"
        buffer.put(counter, x: 2, y: y, role: .accent)
        if state.availableCount < state.cycles.count {
            let unavailable = " (\(state.cycles.count - state.availableCount) unavailable)"
            buffer.put(unavailable, x: 2 + DisplayWidth.of(counter), y: y, role: .subtle)
        }
    }

    /// The notice of the last key (above the banner) and the uncommitted-changes banner.
    private static func drawNotices(_ state: OfferState, into buffer: inout CellBuffer, glyphs: Glyphs) {
        let width = buffer.width
        let bannerRow = buffer.height - 3
        if let notice = state.notice {
            buffer.putClipped(glyphs.warning + " " + notice, x: 2, y: bannerRow - 1, role: .warn, limit: width - 4)
        }
        guard state.uncommittedChanges > 0 else { return }
        let held =
            state.heldBack > 0 ? ", \(state.heldBack) held back by the guard (secrets, large or ignored files)" : ""
        let noun = state.uncommittedChanges == 1 ? "change" : "changes"
        buffer.fill(y: bannerRow, role: .banner)
        buffer.putClipped(
            " \(glyphs.warning) \(state.uncommittedChanges) uncommitted \(noun)\(held)",
            x: 0,
            y: bannerRow,
            role: .banner,
            limit: width - 1
        )
    }

    /// The "run the ticked cycles?" box and the help overlay, over everything else.
    private static func drawOverlays(_ state: OfferState, into buffer: inout CellBuffer, glyphs: Glyphs) {
        if let box = state.confirmingTicked {
            Chrome.drawModal(
                &buffer,
                title: "Run the ticked cycles?",
                body: [
                    confirmQuestion(state),
                    "n ends the session without them; Esc goes back to the list.",
                ],
                choices: box.spans(yes: "yes, run them", no: "no, skip them"),
                glyphs: glyphs
            )
        }
        if state.showingHelp {
            HelpOverlay.draw(&buffer, screen: "offer", hints: state.helpHints, glyphs: glyphs)
        }
    }
}
