/// The Markdown viewer: scroll position, search, and the laid-out lines for the current width.
package struct ViewerState: Sendable {
    package var title: String
    package var path: String?
    package private(set) var markdown: String
    package private(set) var lines: [StyledLine] = []
    package private(set) var layoutWidth = 0
    package var top = 0
    package var searching = false
    package var query = ""
    package private(set) var matches: [Int] = []
    package var message: String?
    package var showingHelp = false
    package var glyphs: Glyphs

    package init(title: String, path: String?, markdown: String, glyphs: Glyphs = .unicode) {
        self.title = title
        self.path = path
        self.markdown = markdown
        self.glyphs = glyphs
    }

    /// Lays the document out again when the width changed (resize) or the text did (`e`).
    package mutating func layout(width: Int) {
        guard width != layoutWidth else { return }
        let anchor = lines.isEmpty ? 0 : Double(top) / Double(lines.count)
        layoutWidth = width
        lines = MarkdownRenderer.render(markdown, width: width, glyphs: glyphs)
        top = Int(anchor * Double(lines.count))
        findMatches()
    }

    package mutating func replace(markdown: String) {
        self.markdown = markdown
        layoutWidth = 0
    }

    /// Body rows available at a terminal height: title bar, status line, footer.
    package static func bodyHeight(_ height: Int) -> Int { max(1, height - 3) }

    package var maxTop: Int { max(0, lines.count - 1) }

    mutating func scroll(by amount: Int, page: Int) {
        top = min(max(0, lines.count - page), max(0, top + amount))
    }

    mutating func findMatches() {
        guard !query.isEmpty else { matches = []; return }
        let needle = query.lowercased()
        matches = lines.indices.filter { lines[$0].plainText.lowercased().contains(needle) }
    }
}

package enum ViewerAction: Sendable, Equatable {
    case lineDown, lineUp, pageDown, pageUp, halfPageDown, halfPageUp, wheelDown, wheelUp
    case top, bottom, search, next, previous, edit, help, quit
}

/// What the viewer asks its host to do.
package enum ViewerRequest: Sendable, Equatable {
    case quit
    case edit(String)
}

extension ViewerState {
    package static let keys = KeyTable<ViewerAction>([
        KeyBinding([.down, "j"], "↑↓/jk", "scroll", .lineDown),
        KeyBinding([.up, "k"], "", "", .lineUp, shown: false),
        KeyBinding([.pageDown, .space, "f"], "PgDn/Space", "page", .pageDown, help: "PgDn/PgUp Space/f/b"),
        KeyBinding([.pageUp, "b"], "", "", .pageUp, shown: false),
        KeyBinding([.ctrlD], "^D/^U", "half page", .halfPageDown),
        KeyBinding([.ctrlU], "", "", .halfPageUp, shown: false),
        KeyBinding([.wheelDown], "", "", .wheelDown, shown: false),
        KeyBinding([.wheelUp], "", "", .wheelUp, shown: false),
        KeyBinding(["/"], "/", "search", .search),
        KeyBinding(["e"], "e", "edit", .edit),
        KeyBinding(["n"], "n/N", "next/prev", .next),
        KeyBinding(["N"], "", "", .previous, shown: false),
        KeyBinding(["g", .home], "g/G", "top/end", .top, help: "g/G Home/End"),
        KeyBinding(["G", .end], "", "", .bottom, shown: false),
        KeyBinding(["?"], "?", "help", .help),
        KeyBinding(["q", .enter, .escape, .interrupt], "q/Enter", "exit", .quit, help: "q/Enter/Esc/Ctrl-C"),
    ])

    package mutating func handle(_ key: Key, height: Int) -> ViewerRequest? {
        let page = Self.bodyHeight(height)
        if searching { editQuery(key, page: page); return nil }
        if showingHelp, key != .interrupt { showingHelp = false; return nil }
        guard let action = Self.keys.action(for: key) else { return nil }
        message = nil
        switch action {
        case .lineDown: scroll(by: 1, page: page)
        case .lineUp: scroll(by: -1, page: page)
        case .pageDown: scroll(by: page - 1, page: page)
        case .pageUp: scroll(by: -(page - 1), page: page)
        case .halfPageDown: scroll(by: max(1, page / 2), page: page)
        case .halfPageUp: scroll(by: -max(1, page / 2), page: page)
        case .wheelDown: scroll(by: ScrollPosition.wheelLines, page: page)
        case .wheelUp: scroll(by: -ScrollPosition.wheelLines, page: page)
        case .top: top = 0
        case .bottom: scroll(by: lines.count, page: page)
        case .search:
            searching = true
            query = ""
        case .next: jump(forward: true, page: page)
        case .previous: jump(forward: false, page: page)
        case .edit:
            guard let path else { message = "This summary was not saved to a file: nothing to edit"; return nil }
            return .edit(path)
        case .help: showingHelp = true
        case .quit: return .quit
        }
        return nil
    }

    private mutating func editQuery(_ key: Key, page: Int) {
        switch key {
        case .enter:
            searching = false
            findMatches()
            if matches.isEmpty {
                message = query.isEmpty ? nil : "Not found: \(query)"
            } else {
                top = max(0, top - 1); jump(forward: true, page: page)
            }
        case .escape, .interrupt:
            searching = false
            query = ""
            findMatches()
        case .backspace:
            if !query.isEmpty { query.removeLast() }
        case .character(let character):
            if query.count < 200 { query.append(character) }
        default:
            break
        }
    }

    private mutating func jump(forward: Bool, page: Int) {
        guard !matches.isEmpty else {
            message = query.isEmpty ? "No search: press / first" : "Not found: \(query)"; return
        }
        let next =
            forward ? matches.first { $0 > top } ?? matches[0] : matches.last { $0 < top } ?? matches[matches.count - 1]
        top = min(next, max(0, lines.count - page))
        if top != next { top = next }
        let ordinal = (matches.firstIndex(of: next) ?? 0) + 1
        message = "match \(ordinal) of \(matches.count)"
    }
}
