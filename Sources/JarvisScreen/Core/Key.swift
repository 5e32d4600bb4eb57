/// A key press, decoded from curses.
package enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab
    case interrupt
    case resize
    /// Ctrl-D and Ctrl-U: half a page down and up.
    case ctrlD, ctrlU
    /// The mouse wheel.
    case wheelUp, wheelDown

    package static let space = Key.character(" ")
}

/// One line of a key table: the keys, how the footer names them, what they do there, and the action.
package struct KeyBinding<Action: Sendable>: Sendable {
    package let keys: [Key]
    package let label: String
    package let hint: String
    package let action: Action
    /// False for keys the footer leaves out: aliases, and keys it has no room for.
    package let shown: Bool
    /// How the `?` help names the keys. The footer's label may leave some out for room (`g/G` for g, G, Home and
    /// End); the help has room for them all. Empty for an alias that the help row before it already names.
    package let helpLabel: String

    package init(
        _ keys: [Key],
        _ label: String,
        _ hint: String,
        _ action: Action,
        shown: Bool = true,
        help: String? = nil
    ) {
        self.keys = keys
        self.label = label
        self.hint = hint
        self.action = action
        self.shown = shown
        helpLabel = help ?? label
    }
}

/// Dispatches keys and writes the footer from the same list, so a hint can never lie about a key.
package struct KeyTable<Action: Sendable>: Sendable {
    package let bindings: [KeyBinding<Action>]

    package init(_ bindings: [KeyBinding<Action>]) { self.bindings = bindings }

    package func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// The footer's hints.
    package var hints: [(label: String, hint: String)] {
        bindings.filter(\.shown).map { ($0.label, $0.hint) }
    }

    /// The rows of the `?` help: every key of the table, also those the footer leaves out.
    package var helpHints: [(label: String, hint: String)] {
        bindings.filter { !$0.helpLabel.isEmpty }.map { ($0.helpLabel, $0.hint) }
    }
}

/// `"j"` in a key table means the j key.
extension Key: ExpressibleByExtendedGraphemeClusterLiteral {
    package init(extendedGraphemeClusterLiteral value: Character) { self = .character(value) }
}
