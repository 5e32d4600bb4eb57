import Completion

/// Draws the viewer: title bar with the file, the rendered Markdown, a status line (position, search) and hints.
package enum ViewerView {
    package static func draw(
        _ state: inout ViewerState,
        into buffer: inout CellBuffer,
        hints: [(label: String, hint: String)] = ViewerState.keys.hints,
        help: [(label: String, hint: String)] = ViewerState.keys.helpHints
    ) {
        buffer.asciiOnly = state.glyphs == .ascii
        if Chrome.isTooSmall(buffer) { return Chrome.drawTooSmall(&buffer) }
        state.layout(width: buffer.width - 2)
        let body = ViewerState.bodyHeight(buffer.height)
        if state.top > max(0, state.lines.count - body) { state.top = max(0, state.lines.count - body) }
        // The title (the run's result and score) comes first; the path gets what is left, its leading folders
        // dropped first.
        let left = [Span("jarvis-tui", .title), Span(" · " + TerminalText.inert(state.title))]
        let room = buffer.width - Chrome.width(of: left) - 4
        let right =
            state.path.map { path in
                PathFit.fit(TerminalText.inert(path), to: room, ellipsis: state.glyphs.ellipsis).map { [Span($0)] }
                    ?? []
            } ?? [Span("not saved", .warn)]
        Chrome.drawBar(&buffer, y: 0, left: left, right: right, role: .footer)
        let needle = state.query.lowercased()
        for row in 0..<body {
            let index = state.top + row
            guard index < state.lines.count else { break }
            buffer.put(state.lines[index], x: 1, y: 1 + row, limit: buffer.width - 2)
            if !needle.isEmpty, !state.searching, state.matches.contains(index) {
                highlight(needle, line: state.lines[index], y: 1 + row, in: &buffer)
            }
        }
        let statusRow = buffer.height - 2
        if state.searching {
            buffer.fill(y: statusRow, role: .normal)
            buffer.put("/" + state.query + "_", x: 1, y: statusRow, role: .accent)
        } else {
            let last = min(state.lines.count, state.top + body)
            let percent = state.lines.count <= body ? 100 : last * 100 / max(1, state.lines.count)
            let position =
                "lines \(state.lines.isEmpty ? 0 : state.top + 1)–\(last) of \(state.lines.count)  \(percent)%"
            buffer.put(position, x: max(1, buffer.width - DisplayWidth.of(position) - 1), y: statusRow, role: .subtle)
            if let message = state.message {
                buffer.put(
                    message,
                    x: 1,
                    y: statusRow,
                    role: .accent,
                    limit: buffer.width - DisplayWidth.of(position) - 4
                )
            }
        }
        Chrome.drawFooter(
            &buffer,
            hints: state.searching ? [("Enter", "find"), ("Esc", "cancel")] : hints
        )
        if state.showingHelp {
            HelpOverlay.draw(&buffer, screen: "summary", hints: help, glyphs: state.glyphs)
        }
    }

    /// Marks the occurrences of the search text on one drawn row.
    private static func highlight(_ needle: String, line: StyledLine, y: Int, in buffer: inout CellBuffer) {
        let characters = Array(line.plainText)
        let lowered = characters.map { String($0).lowercased() }
        let needleCharacters = Array(needle).map { String($0) }
        guard !needleCharacters.isEmpty, characters.count >= needleCharacters.count else { return }
        var column = 1
        var columns: [Int] = []
        for character in characters { columns.append(column); column += DisplayWidth.of(character) }
        for start in 0...(characters.count - needleCharacters.count)
        where Array(lowered[start..<(start + needleCharacters.count)]) == needleCharacters {
            let end = start + needleCharacters.count
            let endColumn = end < columns.count ? columns[end] : column
            buffer.restyle(y: y, from: columns[start], to: min(endColumn, buffer.width - 1), role: .match)
        }
    }
}
