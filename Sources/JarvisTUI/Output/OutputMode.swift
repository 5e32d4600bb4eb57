import CNcurses
import Foundation

/// Which front end a run uses: the full-screen UI needs terminals on stdin and stdout that can address the cursor.
enum OutputMode: Equatable {
    case screen
    case plain
    case json

    static var stdinIsTerminal: Bool { isatty(0) == 1 }

    static func decide(plain: Bool, json: Bool, environment: [String: String]) -> OutputMode {
        if json { return .json }
        if plain { return .plain }
        guard isatty(0) == 1, isatty(1) == 1 else { return .plain }
        guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else { return .plain }
        return terminalCanAddressCursor(term) ? .screen : .plain
    }

    /// Loads TERM's terminfo entry without touching the screen and asks for `cup` (cursor addressing).
    private static func terminalCanAddressCursor(_ term: String) -> Bool {
        jt_term_has_cup(term) != 0
    }
}
