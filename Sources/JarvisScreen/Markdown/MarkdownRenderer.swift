import CCmark
import Completion
import Foundation

/// Lays out Markdown for the terminal with cmark-gfm (GitHub tables, task lists, strikethrough, autolinks):
/// headings, emphasis, lists, block quotes, code and tables become styled lines of a given width.
/// Text is made inert first, so a summary cannot steer the terminal.
package enum MarkdownRenderer {
    package static func render(_ markdown: String, width: Int, glyphs: Glyphs = .unicode) -> [StyledLine] {
        guard width > 4 else { return [] }
        let document = MarkdownTree.parse(TerminalText.inertKeepingNewlines(markdown))
        defer { cmark_node_free(document) }
        var layout = MarkdownLayout(glyphs: glyphs)
        var lines = layout.blocks(children(of: document), width: width, tight: false)
        while lines.last?.plainText.isEmpty == true { lines.removeLast() }
        return lines
    }

    static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }
}

enum MarkdownTree {
    /// Registers the GFM extensions once per process.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    static func parse(_ text: String) -> OpaquePointer {
        _ = registered
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "tasklist", "autolink"] {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        text.withCString { pointer in cmark_parser_feed(parser, pointer, strlen(pointer)) }
        return cmark_parser_finish(parser)
    }

    static func type(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }
}
