import CNcurses

/// What `$TERM` says about colour, read from terminfo without touching the screen (for `jarvis-tui themes`,
/// which must say which theme the full-screen UI would pick there).
package enum TerminalColours {
    /// The colour count the entry declares (0 for none); nil when TERM is unset or has no terminfo entry.
    package static func declared(term: String?) -> Int? {
        guard let term, !term.isEmpty else { return nil }
        var error: Int32 = 0
        guard setupterm(term, 1, &error) == OK, error == 1 else { return nil }
        return max(0, Int(tigetnum("colors")))
    }
}
