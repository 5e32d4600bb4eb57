/// A named set of role styles. A role the theme does not declare looks like its parent role; a declared role
/// without a colour takes its parent's colour (attributes are never inherited).
package struct Theme: Equatable, Sendable {
    package var name: String
    package var description: String
    package var declared: [Role: Style]

    package init(name: String, description: String = "", declared: [Role: Style]) {
        self.name = name
        self.description = description
        self.declared = declared
    }

    package func style(for role: Role) -> Style {
        guard let own = declared[role] else { return role.parent.map { style(for: $0) } ?? Style() }
        guard let parent = role.parent.map({ style(for: $0) }) else { return own }
        return Style(
            foreground: own.foreground ?? parent.foreground,
            background: own.background ?? parent.background,
            attributes: own.attributes
        )
    }

    /// Whether the theme uses any colour at all (`mono` does not).
    package var usesColour: Bool {
        declared.values.contains { $0.foreground != nil || $0.background != nil }
    }
}
