/// The parts every screen shares: title bar, key-hint footer, the "make me bigger" notice, modal boxes.
package enum Chrome {
    package static let minimumWidth = 60
    package static let minimumHeight = 16

    package static func isTooSmall(_ buffer: CellBuffer) -> Bool {
        isTooSmall(width: buffer.width, height: buffer.height)
    }

    package static func isTooSmall(width: Int, height: Int) -> Bool {
        width < minimumWidth || height < minimumHeight
    }

    /// Drawn instead of a screen when the terminal is smaller than the minimum; it recovers on enlarge.
    package static func drawTooSmall(_ buffer: inout CellBuffer) {
        let asciiOnly = buffer.asciiOnly
        buffer = CellBuffer(width: buffer.width, height: buffer.height)
        buffer.asciiOnly = asciiOnly
        let lines = [
            "Terminal too small",
            "\(buffer.width)×\(buffer.height), need \(minimumWidth)×\(minimumHeight)",
            "Enlarge the window",
        ]
        let top = max(0, (buffer.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let fitted = DisplayWidth.truncate(asciiOnly ? ASCIIFallback.convert(line) : line, to: buffer.width)
            let x = max(0, (buffer.width - DisplayWidth.of(fitted)) / 2)
            buffer.put(fitted, x: x, y: top + index, role: index == 0 ? .warn : .normal)
        }
    }

    /// The columns a row of spans takes.
    package static func width(of spans: [Span]) -> Int {
        spans.reduce(0) { $0 + DisplayWidth.of($1.text) }
    }

    /// A full-width bar: left text, right text (the right one wins when space is short).
    package static func drawBar(_ buffer: inout CellBuffer, y: Int, left: [Span], right: [Span] = [], role: Role) {
        let ascii = buffer.asciiOnly
        let left = ascii ? left.map { Span(ASCIIFallback.convert($0.text), $0.role) } : left
        let right = ascii ? right.map { Span(ASCIIFallback.convert($0.text), $0.role) } : right
        buffer.fill(y: y, role: role)
        let rightWidth = right.reduce(0) { $0 + DisplayWidth.of($1.text) }
        let rightX = max(0, buffer.width - rightWidth - 1)
        var x = 1
        let end = max(1, rightX - 2)
        for span in left {
            let room = end - x
            if room <= 0 { break }
            let text =
                DisplayWidth.of(span.text) > room
                ? DisplayWidth.truncate(span.text, to: room, ellipsis: ascii ? "..." : "…") : span.text
            x += buffer.put(text, x: x, y: y, role: span.role == .normal ? role : span.role, limit: room)
        }
        buffer.put(StyledLine(right.map { Span($0.text, $0.role == .normal ? role : $0.role) }), x: rightX, y: y)
    }

    /// The footer: "key hint" pairs from a key table, as many as fit. The last pair (how to leave) always shows.
    package static func drawFooter(_ buffer: inout CellBuffer, hints: [(label: String, hint: String)], y: Int? = nil) {
        let ascii = buffer.asciiOnly
        let hints = ascii ? hints.map { (ASCIIFallback.convert($0.label), ASCIIFallback.convert($0.hint)) } : hints
        let row = y ?? buffer.height - 1
        buffer.fill(y: row, role: .footer)
        func size(_ pair: (label: String, hint: String)) -> Int {
            DisplayWidth.of(pair.label) + 1 + DisplayWidth.of(pair.hint) + 2
        }
        var chosen = hints
        while chosen.count > 1, 1 + chosen.reduce(0, { $0 + size($1) }) - 2 > buffer.width {
            chosen.remove(at: chosen.count - 2)
        }
        var x = 1
        for pair in chosen {
            x += buffer.put(pair.label, x: x, y: row, role: .key)
            x += 1
            x += buffer.put(pair.hint, x: x, y: row, role: .footer)
            x += 2
        }
    }

    /// A centred box with a border, a title, body lines and a last line of choices.
    /// `preformatted`: lines keep their spacing (aligned columns) and are cut, not word-wrapped, when too long.
    package static func drawModal(
        _ buffer: inout CellBuffer,
        title: String,
        body: [String],
        choices: [Span],
        glyphs: Glyphs,
        preformatted: Bool = false
    ) {
        let body = buffer.asciiOnly ? body.map(ASCIIFallback.convert) : body
        let innerWidth = min(buffer.width - 6, max(40, (([title] + body).map { DisplayWidth.of($0) }.max() ?? 0) + 4))
        var wrapped: [String] = []
        for line in body {
            wrapped +=
                preformatted
                ? [DisplayWidth.truncate(line, to: innerWidth - 2)]
                : TextWrap.wrap(line, width: innerWidth - 2)
        }
        let height = min(buffer.height - 2, wrapped.count + 4)
        let left = (buffer.width - innerWidth - 2) / 2
        let right = left + innerWidth + 1
        let top = (buffer.height - height) / 2
        let bottom = top + height - 1
        for row in top...bottom {
            buffer.fill(y: row, from: left, to: right + 1, role: .modal)
            buffer.put(glyphs.vertical, x: left, y: row, role: .modal)
            buffer.put(glyphs.vertical, x: right, y: row, role: .modal)
        }
        let rule = String(repeating: glyphs.horizontal, count: innerWidth)
        buffer.put(glyphs.corners[0] + rule + glyphs.corners[1], x: left, y: top, role: .modal)
        buffer.put(glyphs.corners[2] + rule + glyphs.corners[3], x: left, y: bottom, role: .modal)
        buffer.putClipped(" " + title + " ", x: left + 2, y: top, role: .modal, limit: innerWidth - 2)
        for (index, line) in wrapped.prefix(max(0, height - 4)).enumerated() {
            buffer.put(line, x: left + 2, y: top + 1 + index, role: .modal)
        }
        var x = left + 2
        for span in choices {
            x += buffer.put(span.text, x: x, y: bottom - 1, role: span.role, limit: max(0, right - x))
        }
    }
}
