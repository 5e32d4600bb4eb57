/// A rectangle of the screen.
package struct PaneArea: Sendable, Equatable {
    package var x: Int
    package var y: Int
    package var width: Int
    package var height: Int

    package init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// A titled pane of entries that scrolls: a rule with the title on its first row, then as many entries as fit,
/// each wrapped to the pane's width. When it holds more than it shows it says so: "↑ N more" in the title rule,
/// "↓ N more" on its last row. The focused pane's title is drawn selected.
package enum PaneView {
    package struct Content {
        package var title: [Span]
        package var count: Int
        package var position: ScrollPosition
        package var focused: Bool
        /// The rows of entry `index` at a width.
        package var entry: (_ index: Int, _ width: Int) -> [StyledLine]

        package init(
            title: [Span],
            count: Int,
            position: ScrollPosition,
            focused: Bool,
            entry: @escaping (_ index: Int, _ width: Int) -> [StyledLine]
        ) {
            self.title = title
            self.count = count
            self.position = position
            self.focused = focused
            self.entry = entry
        }
    }

    /// Draws the pane; returns how many entries it showed (the page size for the next scroll key).
    @discardableResult
    package static func draw(
        _ content: Content,
        in area: PaneArea,
        lastPage: Int,
        into buffer: inout CellBuffer,
        glyphs: Glyphs
    ) -> Int {
        guard area.height >= 1, area.width >= 4 else { return 1 }
        let rows = area.height - 1
        let width = area.width - 2
        var window = fill(content, rows: rows, width: width, lastPage: lastPage)
        if window.below > 0, rows > 1 { window = fill(content, rows: rows - 1, width: width, lastPage: lastPage) }
        drawTitle(content, above: window.first, in: area, into: &buffer, glyphs: glyphs)
        for (offset, line) in window.lines.enumerated() {
            buffer.put(line, x: area.x + 1, y: area.y + 1 + offset, limit: width)
        }
        if window.below > 0 {
            let note = "\(glyphs.arrowDown) \(window.below) more"
            buffer.put(note, x: area.x + 1, y: area.y + area.height - 1, role: .accent, limit: width)
        }
        return max(1, window.shown)
    }

    private struct Window {
        var lines: [StyledLine] = []
        var first = 0
        var shown = 0
        var below = 0
    }

    /// The entries that fit in `rows`: from the scroll position down, or from the newest up when following.
    private static func fill(_ content: Content, rows: Int, width: Int, lastPage: Int) -> Window {
        var window = Window()
        guard content.count > 0, rows > 0 else { return window }
        if content.position.follows {
            var index = content.count - 1
            while index >= 0 {
                let lines = content.entry(index, width)
                if window.lines.count + lines.count > rows {
                    if window.lines.isEmpty {
                        window.lines = Array(lines.prefix(rows))
                        window.shown = 1
                        index -= 1
                    }
                    break
                }
                window.lines.insert(contentsOf: lines, at: 0)
                window.shown += 1
                index -= 1
            }
            window.first = index + 1
            return window
        }
        var index = content.position.first(count: content.count, page: lastPage)
        window.first = index
        while index < content.count, window.lines.count < rows {
            let lines = content.entry(index, width)
            let room = rows - window.lines.count
            window.lines += lines.prefix(room)
            // An entry cut at the bottom still counts as one more below.
            guard lines.count <= room else { break }
            window.shown += 1
            index += 1
        }
        window.below = content.count - index
        return window
    }

    private static func drawTitle(
        _ content: Content,
        above: Int,
        in area: PaneArea,
        into buffer: inout CellBuffer,
        glyphs: Glyphs
    ) {
        let y = area.y
        buffer.put(String(repeating: glyphs.horizontal, count: area.width), x: area.x, y: y, role: .border)
        var x = area.x + 1
        x += buffer.put(" ", x: x, y: y, role: .normal)
        if content.focused { x += buffer.put(glyphs.pointer + " ", x: x, y: y, role: .selected) }
        let titleEnd = area.x + area.width - 14
        for span in content.title {
            let role = content.focused ? Role.selected : span.role
            x += buffer.put(span.text, x: x, y: y, role: role, limit: max(0, titleEnd - x))
        }
        x += buffer.put(" ", x: x, y: y, role: content.focused ? .selected : .normal)
        if above > 0 {
            let note = " \(glyphs.arrowUp) \(above) more "
            buffer.put(note, x: max(x, area.x + area.width - DisplayWidth.of(note) - 1), y: y, role: .accent)
        }
    }
}
