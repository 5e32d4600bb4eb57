/// The parts every screen shares: title bar, key-hint footer, the "make me bigger" notice, modal boxes.
package enum Chrome {
    package static let minimumWidth = 60
    package static let minimumHeight = 16

    package static func isTooSmall(_ buffer: CellBuffer) -> Bool {
        buffer.width < minimumWidth || buffer.height < minimumHeight
    }

    /// Drawn instead of a screen when the terminal is smaller than the minimum; it recovers on enlarge.
    package static func drawTooSmall(_ buffer: inout CellBuffer) {
        buffer = CellBuffer(width: buffer.width, height: buffer.height)
        let lines = [
            "Terminal too small",
            "\(buffer.width)×\(buffer.height), need \(minimumWidth)×\(minimumHeight)",
            "Enlarge the window",
        ]
        let top = max(0, (buffer.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let fitted = DisplayWidth.truncate(line, to: buffer.width)
            let x = max(0, (buffer.width - DisplayWidth.of(fitted)) / 2)
            buffer.put(fitted, x: x, y: top + index, role: index == 0 ? .warn : .normal)
        }
    }

    /// A full-width bar: left text, right text (the right one wins when space is short).
    package static func drawBar(_ buffer: inout CellBuffer, y: Int, left: [Span], right: [Span] = [], role: Role) {
        buffer.fill(y: y, role: role)
        let rightWidth = right.reduce(0) { $0 + DisplayWidth.of($1.text) }
        let rightX = max(0, buffer.width - rightWidth - 1)
        buffer.put(StyledLine(left.map { Span($0.text, $0.role == .normal ? role : $0.role) }), x: 1, y: y,
                   limit: max(0, rightX - 2))
        buffer.put(StyledLine(right.map { Span($0.text, $0.role == .normal ? role : $0.role) }), x: rightX, y: y)
    }

    /// The footer: "key hint" pairs from a key table, as many as fit.
    package static func drawFooter(_ buffer: inout CellBuffer, hints: [(label: String, hint: String)], y: Int? = nil) {
        let row = y ?? buffer.height - 1
        buffer.fill(y: row, role: .footer)
        var x = 1
        for (label, hint) in hints {
            let needed = DisplayWidth.of(label) + 1 + DisplayWidth.of(hint) + 2
            if x + needed > buffer.width { break }
            x += buffer.put(label, x: x, y: row, role: .key)
            x += 1
            x += buffer.put(hint, x: x, y: row, role: .footer)
            x += 2
        }
    }

    /// A centred box with a title, body lines and a last line of choices.
    package static func drawModal(_ buffer: inout CellBuffer, title: String, body: [String], choices: [Span], glyphs: Glyphs) {
        let innerWidth = min(buffer.width - 4, max(36, ([title] + body).map { DisplayWidth.of($0) }.max() ?? 0) + 2)
        var wrapped: [String] = []
        for line in body { wrapped += TextWrap.wrap(line, width: innerWidth - 2) }
        let height = min(buffer.height - 2, wrapped.count + 5)
        let left = (buffer.width - innerWidth - 2) / 2
        let top = (buffer.height - height) / 2
        for row in top..<(top + height) { buffer.fill(y: row, from: left, to: left + innerWidth + 2, role: .modal) }
        buffer.put(" " + DisplayWidth.truncate(title, to: innerWidth - 2) + " ", x: left + 1, y: top, role: .modal)
        buffer.restyle(y: top, from: left, to: left + innerWidth + 2, role: .modal)
        for (index, line) in wrapped.prefix(height - 5).enumerated() {
            buffer.put(line, x: left + 2, y: top + 2 + index, role: .modal)
        }
        var x = left + 2
        for span in choices { x += buffer.put(span.text, x: x, y: top + height - 2, role: span.role, limit: left + innerWidth - x) }
    }
}

/// Word wrapping by display width (long words are broken).
package enum TextWrap {
    package static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            var word = String(word)
            var wordWidth = DisplayWidth.of(word)
            if currentWidth > 0 && currentWidth + 1 + wordWidth > width {
                lines.append(current)
                current = ""
                currentWidth = 0
            }
            while wordWidth > width {
                let cut = DisplayWidth.truncate(word, to: width, ellipsis: "")
                let head = cut.isEmpty ? String(word.prefix(1)) : cut
                if currentWidth > 0 { lines.append(current); current = ""; currentWidth = 0 }
                lines.append(head)
                word = String(word.dropFirst(head.count))
                wordWidth = DisplayWidth.of(word)
            }
            if currentWidth > 0 { current += " "; currentWidth += 1 }
            current += word
            currentWidth += wordWidth
        }
        lines.append(current)
        return lines
    }
}
