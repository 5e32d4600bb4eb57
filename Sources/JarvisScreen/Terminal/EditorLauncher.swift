import Completion
import Foundation

/// Opens a file in the user's editor with the terminal handed over: curses steps aside, the editor becomes the
/// terminal's foreground process group until it exits, then the screen is painted again.
@TerminalActor
package struct EditorLauncher {
    let environment: [String: String]

    package init(environment: [String: String]) { self.environment = environment }

    /// `$VISUAL`, else `$EDITOR`, else `vi`; an empty variable counts as unset.
    package var command: String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return "vi"
    }

    /// The editor runs as git runs it, `sh -c '<editor> "$@"'`, so a value with arguments (`code -w`,
    /// `vim -u NONE`) works; the value is the user's own, so handing it to the shell gives nothing away.
    package func arguments(for path: String) -> [String] {
        ["/bin/sh", "-c", command + " \"$@\"", command, path]
    }

    /// Runs the editor on `path`; nil when it ended normally, else one sentence for the status line.
    package func edit(_ path: String, backend: any ScreenBackend) -> String? {
        backend.suspend()
        let outcome = ForegroundChild.run(arguments(for: path), environment: environment)
        backend.resume()
        return Self.problem(outcome, command: command)
    }

    package static func problem(_ outcome: ForegroundChildOutcome, command: String) -> String? {
        let name = TerminalText.inert(command)
        switch outcome {
        case .exited(0): return nil
        case .exited(127): return "Editor not found: \(name). Set $VISUAL or $EDITOR to an installed editor"
        case .exited(126): return "Editor cannot be run: \(name). Check that it is executable"
        case .exited(let code): return "The editor (\(name)) exited with status \(code)"
        case .signalled(let signal): return "The editor (\(name)) was ended by signal \(signal)"
        case .notStarted(let reason): return "Could not start the editor: \(TerminalText.inert(reason))"
        }
    }
}
