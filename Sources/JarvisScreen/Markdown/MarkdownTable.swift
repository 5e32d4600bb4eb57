import CCmark

/// A GFM table drawn with box lines; columns shrink (widest first) to fit and cells wrap inside them.
struct MarkdownTable {
    let node: OpaquePointer
    let layout: MarkdownLayout

    func lines(width: Int) -> [StyledLine] {
        var rows: [(header: Bool, cells: [[Span]])] = []
        for row in MarkdownRenderer.children(of: node) {
            let header = cmark_gfm_extensions_get_table_row_is_header(row) != 0
            let cells = MarkdownRenderer.children(of: row).map {
                layout.inlines(MarkdownRenderer.children(of: $0), role: header ? .strong : .normal)
            }
            rows.append((header, cells))
        }
        let columnCount = rows.map(\.cells.count).max() ?? 0
        guard columnCount > 0 else { return [] }
        var widths = Array(repeating: 1, count: columnCount)
        for row in rows {
            for (index, cell) in row.cells.enumerated() {
                widths[index] = max(widths[index], cell.reduce(0) { $0 + DisplayWidth.of($1.text) })
            }
        }
        // Separators take 3 columns between cells; shrink the widest column until the table fits.
        let available = width - 3 * (columnCount - 1)
        while widths.reduce(0, +) > available, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
            widths[widest] > 3
        {
            widths[widest] -= 1
        }
        let separator = layout.glyphs.vertical
        var lines: [StyledLine] = []
        for row in rows {
            let wrapped = (0..<columnCount).map { index in
                index < row.cells.count ? layout.wrap(row.cells[index], width: widths[index]) : [StyledLine()]
            }
            let height = wrapped.map(\.count).max() ?? 1
            for lineIndex in 0..<height {
                var spans: [Span] = []
                for column in 0..<columnCount {
                    if column > 0 { spans.append(Span(" \(separator) ", .border)) }
                    let cell = lineIndex < wrapped[column].count ? wrapped[column][lineIndex] : StyledLine()
                    spans += cell.spans
                    let padding = widths[column] - cell.width
                    if padding > 0, column < columnCount - 1 {
                        spans.append(Span(String(repeating: " ", count: padding)))
                    }
                }
                lines.append(StyledLine(spans))
            }
            if row.header {
                let rule = widths.map { String(repeating: layout.glyphs.horizontal, count: $0) }
                    .joined(separator: layout.glyphs.horizontal + layout.glyphs.cross + layout.glyphs.horizontal)
                lines.append(StyledLine(rule, .border))
            }
        }
        return lines
    }
}
