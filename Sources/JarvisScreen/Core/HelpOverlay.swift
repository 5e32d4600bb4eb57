/// `?` on any screen: every key of the screen's key table in a box. The footer shows only the hints that fit;
/// this shows them all, from the same table, so neither can disagree with what the keys do.
package enum HelpOverlay {
    package static func draw(
        _ buffer: inout CellBuffer,
        screen: String,
        hints: [(label: String, hint: String)],
        glyphs: Glyphs
    ) {
        // Aligned by the labels as drawn: in ASCII `↑↓/jk` becomes the wider `up/dn/jk`.
        let hints = buffer.asciiOnly ? hints.map { (ASCIIFallback.convert($0.label), $0.hint) } : hints
        let labelWidth = hints.map { DisplayWidth.of($0.label) }.max() ?? 0
        let body = hints.map { DisplayWidth.pad($0.label, to: labelWidth) + "   " + $0.hint }
        Chrome.drawModal(
            &buffer,
            title: "Keys: \(screen)",
            body: body,
            choices: [Span("Any key closes this", .modal)],
            glyphs: glyphs,
            preformatted: true
        )
    }
}
