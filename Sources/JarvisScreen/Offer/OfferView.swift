import Completion

/// Draws the offer: title, the cycles with descriptions and availability, "Skip and end session", the counter,
/// the uncommitted-changes banner and the key hints.
package enum OfferView {
    package static func draw(_ state: OfferState, into buffer: inout CellBuffer, glyphs: Glyphs) {
        buffer.asciiOnly = glyphs == .ascii
        if Chrome.isTooSmall(buffer) { return Chrome.drawTooSmall(&buffer) }
        let width = buffer.width
        Chrome.drawBar(
            &buffer,
            y: 0,
            left: [Span("jarvis-tui", .title), Span(" · end session · " + TerminalText.inert(state.projectName))],
            right: state.branch.map { [Span(TerminalText.inert($0))] } ?? [],
            role: .footer
        )
        var y = 2
        buffer.put("Before ending the session, run any Tier 2 cycles?", x: 2, y: y, role: .strong)
        y += 2
        let titleWidth =
            state.cycles.map { DisplayWidth.of($0.cycle.title) + DisplayWidth.of($0.cycle.component) + 3 }.max() ?? 20
        for (index, item) in state.cycles.enumerated() {
            let isCursor = state.cursor == index
            let ticked = state.selected.contains(item.cycle)
            let box = !item.available ? glyphs.unavailable : ticked ? glyphs.checked : glyphs.unchecked
            let role: Role = item.available ? .normal : .subtle
            var x = 2
            x += buffer.put(isCursor ? glyphs.pointer : " ", x: x, y: y, role: .accent)
            x += 1
            x += buffer.put("\(index + 1) ", x: x, y: y, role: .subtle)
            x += buffer.put(box + " ", x: x, y: y, role: ticked ? .ok : role)
            buffer.put(
                "\(item.cycle.title) (\(item.cycle.component))",
                x: x,
                y: y,
                role: item.available ? .strong : .subtle
            )
            x += titleWidth + 1
            let description =
                item.available ? item.cycle.summary : "unavailable: " + TerminalText.inert(item.reason ?? "")
            buffer.putClipped(description, x: x, y: y, role: role, limit: max(0, width - x - 1))
            if isCursor { buffer.restyle(y: y, from: 2, to: width - 1, role: .selected) }
            y += 1
        }
        y = drawArchiveRow(state, into: &buffer, y: y, glyphs: glyphs)
        y += 1
        let skipCursor = state.cursor == state.skipRow
        buffer.put((skipCursor ? glyphs.pointer : " ") + "   Skip and end session", x: 2, y: y, role: .normal)
        if skipCursor { buffer.restyle(y: y, from: 2, to: width - 1, role: .selected) }
        y += 2
        buffer.put("\(state.selected.count) of \(state.availableCount) selected", x: 2, y: y, role: .accent)
        if state.availableCount < state.cycles.count {
            buffer.put(
                " (\(state.cycles.count - state.availableCount) unavailable)",
                x: 2 + DisplayWidth.of("\(state.selected.count) of \(state.availableCount) selected"),
                y: y,
                role: .subtle
            )
        }
        y += 2
        let bannerRow = buffer.height - 3
        if let notice = state.notice, y < bannerRow {
            buffer.putClipped(
                glyphs.warning + " " + notice,
                x: 2,
                y: bannerRow - 1 > y ? bannerRow - 1 : y,
                role: .warn,
                limit: width - 4
            )
        }
        if state.uncommittedChanges > 0 {
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
        Chrome.drawFooter(&buffer, hints: state.activeHints)
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
            HelpOverlay.draw(&buffer, screen: "offer", hints: OfferState.keys.hints, glyphs: glyphs)
        }
    }
}
