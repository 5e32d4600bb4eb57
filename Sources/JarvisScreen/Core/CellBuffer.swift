/// One terminal cell. A wide character fills its cell and leaves the next one empty (`text == ""`).
package struct Cell: Equatable, Sendable {
    package var text: String
    package var role: Role

    package static let blank = Cell(text: " ", role: .normal)
}

/// The picture of one frame: screens draw into it, the curses backend flushes it, tests compare it as text.
package struct CellBuffer: Equatable, Sendable {
    package let width: Int
    package let height: Int
    package private(set) var cells: [Cell]
    /// Set for a terminal whose locale is not UTF-8: every text drawn goes through `ASCIIFallback`.
    package var asciiOnly = false

    package init(width: Int, height: Int, role: Role = .normal) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(text: " ", role: role), count: self.width * self.height)
    }

    package subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// True when row `y` holds the same cells in both buffers (of the same width).
    package func row(_ y: Int, equals other: CellBuffer) -> Bool {
        guard other.width == width, y >= 0, y < height, y < other.height else { return false }
        let start = y * width
        return cells[start..<start + width] == other.cells[start..<start + width]
    }

    /// Draws text at (x, y), clipped at `limit` columns from x (default: the right edge). Returns the columns used.
    @discardableResult
    package mutating func put(_ text: String, x: Int, y: Int, role: Role, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let text = asciiOnly ? ASCIIFallback.convert(text) : text
        let end = limit.map { min(width, x + $0) } ?? width
        var column = x
        for character in text {
            let w = DisplayWidth.of(character)
            if w == 0 { continue }
            if column + w > end {
                // A wide character that does not fit leaves a blank, never half a glyph.
                if column < end { setCell(column, y, Cell(text: " ", role: role)) }
                column = end
                break
            }
            if column >= 0 {
                setCell(column, y, Cell(text: String(character), role: role))
                if w == 2 { setCell(column + 1, y, Cell(text: "", role: role)) }
            }
            column += w
        }
        return max(0, column - x)
    }

    /// Like `put`, but text that does not fit ends with `…` instead of being cut mid-word.
    @discardableResult
    package mutating func putClipped(_ text: String, x: Int, y: Int, role: Role, limit: Int? = nil) -> Int {
        let room = min(width - x, limit ?? width - x)
        let fitted =
            asciiOnly
            ? DisplayWidth.truncate(ASCIIFallback.convert(text), to: room, ellipsis: "...")
            : DisplayWidth.truncate(text, to: room)
        return put(fitted, x: x, y: y, role: role, limit: room)
    }

    package mutating func put(_ line: StyledLine, x: Int, y: Int, limit: Int? = nil) {
        var column = x
        let end = x + (limit ?? width - x)
        for span in line.spans where column < end {
            column += put(span.text, x: column, y: y, role: span.role, limit: end - column)
        }
    }

    /// Paints a row (or part of it) with spaces in a role: backgrounds of bars and selections.
    package mutating func fill(y: Int, from x: Int = 0, to endX: Int? = nil, role: Role) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, endX ?? width) { setCell(column, y, Cell(text: " ", role: role)) }
    }

    /// Changes the role of cells already drawn (keeps their text): selection highlights.
    package mutating func restyle(y: Int, from x: Int = 0, to endX: Int? = nil, role: Role) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, endX ?? width) { cells[y * width + column].role = role }
    }

    private mutating func setCell(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, x < width else { return }
        // Overwriting half of a wide character blanks its other half.
        if cells[y * width + x].text == "", x > 0, cell.text != "" { cells[y * width + x - 1].text = " " }
        if x + 1 < width, cells[y * width + x + 1].text == "", cell.text != "", DisplayWidth.of(cell.text) < 2 {
            cells[y * width + x + 1].text = " "
        }
        cells[y * width + x] = cell
    }

    /// The frame as text, one line per row, trailing spaces removed: what golden files hold.
    package var text: String {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width { line += cells[row * width + column].text }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}

/// A run of text in one role.
package struct Span: Equatable, Sendable {
    package var text: String
    package var role: Role
    package init(_ text: String, _ role: Role = .normal) {
        self.text = text
        self.role = role
    }
}

/// One line of styled text.
package struct StyledLine: Equatable, Sendable {
    package var spans: [Span]
    package init(_ spans: [Span] = []) { self.spans = spans }
    package init(_ text: String, _ role: Role = .normal) { spans = [Span(text, role)] }

    package var plainText: String { spans.map(\.text).joined() }
    package var width: Int { spans.reduce(0) { $0 + DisplayWidth.of($1.text) } }
}
