import CCmark
import Foundation

/// Turns cmark-gfm block nodes into lines: each container lays out its children at its inner width and adds
/// its own prefix (bullet, quote bar) in front.
struct MarkdownLayout {
    let glyphs: Glyphs

    mutating func blocks(_ nodes: [OpaquePointer], width: Int, tight: Bool) -> [StyledLine] {
        var lines: [StyledLine] = []
        for (index, node) in nodes.enumerated() {
            let rendered = block(node, width: width)
            if rendered.isEmpty { continue }
            if index > 0, !tight, !lines.isEmpty { lines.append(StyledLine()) }
            lines += rendered
        }
        return lines
    }

    mutating func block(_ node: OpaquePointer, width: Int) -> [StyledLine] {
        let children = MarkdownRenderer.children(of: node)
        switch MarkdownTree.type(node) {
        case "paragraph":
            return wrap(inlines(children, role: .normal), width: width)
        case "heading":
            let level = Int(cmark_node_get_heading_level(node))
            let spans = inlines(children, role: level <= 2 ? .heading : .strong)
            var lines = wrap(spans, width: width)
            if level == 1, let widest = lines.map(\.width).max() {
                lines.append(
                    StyledLine(
                        String(repeating: glyphs.horizontal == "─" ? "═" : "=", count: min(width, widest)),
                        .border
                    )
                )
            }
            return lines
        case "thematic_break":
            return [StyledLine(String(repeating: glyphs.horizontal, count: width), .border)]
        case "code_block", "html_block":
            let role: Role = MarkdownTree.type(node) == "code_block" ? .code : .subtle
            var text = MarkdownTree.literal(node)
            if text.hasSuffix("\n") { text.removeLast() }
            return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
                TextWrap.hardWrap("  " + line, width: width).map { StyledLine($0, role) }
            }
        case "block_quote":
            // Deep nesting stops indenting once the text would get too narrow to read.
            let bar = width >= 20 ? glyphs.vertical + " " : ""
            let inner = blocks(children, width: width - bar.count, tight: false)
            return inner.map {
                StyledLine([Span(bar, .quote)] + $0.spans.map { Span($0.text, $0.role == .normal ? .quote : $0.role) })
            }
        case "list":
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            var number = Int(cmark_node_get_list_start(node))
            let tight = cmark_node_get_list_tight(node) != 0
            var lines: [StyledLine] = []
            for item in children {
                let marker: Span
                if MarkdownTree.type(item) == "tasklist" {
                    let checked = cmark_gfm_extensions_get_tasklist_item_checked(item)
                    marker = Span(checked ? glyphs.checked + " " : glyphs.unchecked + " ", checked ? .ok : .accent)
                } else {
                    marker = Span(ordered ? "\(number). " : glyphs.bullet + " ", .accent)
                }
                number += 1
                let markerWidth = width >= 20 ? DisplayWidth.of(marker.text) : 0
                let inner = blocks(MarkdownRenderer.children(of: item), width: width - markerWidth, tight: tight)
                if !tight, !lines.isEmpty { lines.append(StyledLine()) }
                for (index, line) in inner.enumerated() {
                    let prefix =
                        markerWidth == 0
                        ? Span("") : index == 0 ? marker : Span(String(repeating: " ", count: markerWidth))
                    lines.append(StyledLine([prefix] + line.spans))
                }
                if inner.isEmpty { lines.append(StyledLine([marker])) }
            }
            return lines
        case "table":
            return MarkdownTable(node: node, layout: self).lines(width: width)
        default:
            // Unknown blocks (footnotes, custom): their text, plainly.
            let inner = blocks(children, width: width, tight: false)
            return inner.isEmpty ? wrap(inlines([node], role: .normal), width: width) : inner
        }
    }

    /// Inline nodes as spans, each in the role of its innermost emphasis.
    func inlines(_ nodes: [OpaquePointer], role: Role) -> [Span] {
        var spans: [Span] = []
        for node in nodes {
            switch MarkdownTree.type(node) {
            case "text": spans.append(Span(MarkdownTree.literal(node), role))
            case "softbreak": spans.append(Span(" ", role))
            case "linebreak": spans.append(Span("\n", role))
            case "code": spans.append(Span(MarkdownTree.literal(node), .code))
            case "html_inline": spans.append(Span(MarkdownTree.literal(node), .subtle))
            case "emph":
                spans += inlines(MarkdownRenderer.children(of: node), role: role == .heading ? role : .emphasis)
            case "strong":
                spans += inlines(MarkdownRenderer.children(of: node), role: role == .heading ? role : .strong)
            case "strikethrough": spans += inlines(MarkdownRenderer.children(of: node), role: .subtle)
            case "link", "image":
                let inner = inlines(MarkdownRenderer.children(of: node), role: .link)
                spans += inner
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                if !url.isEmpty, inner.map(\.text).joined() != url { spans.append(Span(" <\(url)>", .subtle)) }
            default: spans += inlines(MarkdownRenderer.children(of: node), role: role)
            }
        }
        return spans
    }

    /// Word-wraps spans to `width`, keeping each word's role; hard breaks (`\n`) start a new line.
    func wrap(_ spans: [Span], width: Int) -> [StyledLine] {
        guard width > 0 else { return [] }
        var lines: [StyledLine] = []
        var current: [Span] = []
        var used = 0
        var pendingSpace: Role?
        func flush() {
            lines.append(StyledLine(current))
            current = []
            used = 0
            pendingSpace = nil
        }
        func append(_ text: String, _ role: Role) {
            if let last = current.last, last.role == role {
                current[current.count - 1].text += text
            } else {
                current.append(Span(text, role))
            }
        }
        for span in spans {
            if span.text == "\n" { flush(); continue }
            let pieces = span.text.split(separator: " ", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index > 0 { pendingSpace = used > 0 ? span.role : nil }
                if piece.isEmpty { continue }
                var word = String(piece)
                var wordWidth = DisplayWidth.of(word)
                let spaceWidth = pendingSpace == nil ? 0 : 1
                if used > 0 && used + spaceWidth + wordWidth > width { flush() }
                if let space = pendingSpace, used > 0 { append(" ", space); used += 1 }
                pendingSpace = nil
                while wordWidth > width - used {
                    let cut = DisplayWidth.truncate(word, to: width - used, ellipsis: "")
                    let head = cut.isEmpty && used == 0 ? String(word.prefix(1)) : cut
                    if !head.isEmpty { append(head, span.role) }
                    flush()
                    word = String(word.dropFirst(head.count))
                    wordWidth = DisplayWidth.of(word)
                }
                append(word, span.role)
                used += wordWidth
            }
        }
        if !current.isEmpty || lines.isEmpty { flush() }
        return lines
    }
}
