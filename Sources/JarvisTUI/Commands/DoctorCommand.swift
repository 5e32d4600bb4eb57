import ArgumentParser
import CNcurses
import Completion
import Foundation

/// `jarvis-tui doctor`: one line per check, ✓/✗ with the fix; exit 0 only when every check passes.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the setup: binary, hooks, /end-session, config, memory server, transcripts, git, terminal.",
        discussion: "Writes nothing. Exit status 0 when every check passes, 1 when one fails."
    )

    @Option(
        name: .long,
        help: "The project (default: nearest folder at or above the working directory that has .claude/)."
    )
    var project: String?

    func run() async throws {
        setlocale(LC_ALL, "")
        let start = URL(fileURLWithPath: project ?? FileManager.default.currentDirectoryPath, isDirectory: true)
        guard let found = Project.discover(from: start) else {
            StandardOutput.error("jarvis-tui doctor: \(ProjectNotFound(start: start.path))")
            throw ExitCode(2)
        }
        var checks = await Doctor(project: found).checks()
        checks.append(terminal())
        let unicode = jt_codeset_is_utf8() != 0
        for check in checks { print(Self.line(check, unicode: unicode)) }
        let failed = checks.filter { $0.status == .fail }.count
        print(failed == 0 ? "All checks passed." : "\(failed) check(s) failed.")
        if failed > 0 { throw ExitCode(1) }
    }

    static func line(_ check: DoctorCheck, unicode: Bool) -> String {
        let mark: String =
            switch check.status {
            case .pass: unicode ? "✓" : "ok  "
            case .fail: unicode ? "✗" : "FAIL"
            case .info: unicode ? "–" : "--  "
            }
        var line = "\(mark) \(check.name): \(check.detail)"
        if let fix = check.fix { line += "\n    fix: \(fix)" }
        return line
    }

    /// What the full-screen UI will find here. Not a failure when run from a script: runs are plain then.
    func terminal() -> DoctorCheck {
        let environment = ProcessInfo.processInfo.environment
        guard isatty(0) != 0, isatty(1) != 0 else {
            return DoctorCheck("terminal", .info, "not a terminal: end-session runs in --plain mode here")
        }
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty, term != "dumb", jt_term_has_cup(term) != 0 else {
            return DoctorCheck(
                "terminal",
                .fail,
                "TERM=\(term.isEmpty ? "(unset)" : term) cannot address the cursor: runs fall back to --plain",
                fix: "set TERM to your terminal's type (xterm-256color, screen-256color, …)"
            )
        }
        let colour = (environment["NO_COLOR"] ?? "").isEmpty ? "colour" : "NO_COLOR set: monochrome theme"
        guard jt_codeset_is_utf8() != 0 else {
            return DoctorCheck(
                "terminal",
                .fail,
                "TERM=\(term), \(colour), but the locale is not UTF-8: ASCII glyphs only",
                fix: "export LANG=C.UTF-8 (or another UTF-8 locale)"
            )
        }
        return DoctorCheck("terminal", .pass, "TERM=\(term), \(colour), UTF-8")
    }
}
