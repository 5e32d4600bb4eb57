import CNcurses

/// Each role's curses attributes and colour pair, fitted to the terminal's colour count.
struct CursesPalette {
    private var entries: [Role: (attributes: attr_t, pair: Int16)] = [:]

    /// Call after `start_color`; initialises one colour pair per role.
    init(theme: Theme, colourCount: Int, pairLimit: Int) {
        let resolver = ColorResolver(colourCount: colourCount)
        for (index, role) in Role.allCases.enumerated() {
            let style = theme.style(for: role)
            var attributes = jt_a_normal()
            for attribute in style.attributes {
                switch attribute {
                case .bold: attributes |= jt_a_bold()
                case .dim: attributes |= jt_a_dim()
                case .underline: attributes |= jt_a_underline()
                case .reverse: attributes |= jt_a_reverse()
                case .italic: attributes |= jt_a_italic()
                }
            }
            var pair: Int16 = 0
            if colourCount >= 8, index + 1 < pairLimit, style.foreground != nil || style.background != nil {
                pair = Int16(index + 1)
                init_pair(pair, Int16(resolver.resolve(style.foreground)), Int16(resolver.resolve(style.background)))
            }
            entries[role] = (attributes, pair)
        }
    }

    subscript(role: Role) -> (attributes: attr_t, pair: Int16) {
        entries[role] ?? (jt_a_normal(), 0)
    }
}
