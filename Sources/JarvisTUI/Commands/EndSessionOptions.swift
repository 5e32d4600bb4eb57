import ArgumentParser
import Completion
import Foundation

/// The options of `end-session`, shared with `demo` (which runs the same job on a sample project).
struct EndSessionOptions: ParsableArguments {
    @Option(
        name: .long,
        help: """
            Cycles to run, skipping the offer: reflection,evolution,research,maintenance, all or none; \
            add archive-state to archive a long session-state's older history.
            """
    )
    var cycles: String?

    @Flag(name: .long, help: "Skip the pre-completion offer.")
    var quick = false

    @Flag(name: .customLong("no-commit"), help: "Do not commit (files are still written).")
    var noCommit = false

    @Flag(name: .customLong("no-push"), help: "Do not push the session commit.")
    var noPush = false

    @Flag(name: .long, help: "Push without asking, even when auto_push is off.")
    var push = false

    @Flag(name: .long, help: "Answer every question with its default.")
    var yes = false

    @Flag(name: .long, help: "One line per event, the summary at the end (automatic without a terminal).")
    var plain = false

    @Flag(name: .long, help: "One JSON object per event (NDJSON).")
    var json = false

    @Option(name: .long, help: "Colour theme (see `jarvis-tui themes`).")
    var theme: String?

    @Option(name: .long, help: "The Claude Code transcript (.jsonl) of this session.")
    var transcript: String?

    @Option(name: .customLong("session-id"), help: "The session id to complete.")
    var sessionID: String?

    @Flag(name: .customLong("dry-run"), help: "Show what would happen; write nothing.")
    var dryRun = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "What the agent knows: Markdown sections or JSON (- reads standard input).",
            valueName: "file"
        )
    )
    var notes: String?
    @Flag(name: .long, help: "When another run is completing this project, wait for it instead of exiting.")
    var wait = false

    func validate() throws {
        if push && noPush { throw ValidationError("--push and --no-push contradict each other; give one.") }
        if plain && json { throw ValidationError("--plain and --json contradict each other; give one.") }
        if let cycles { _ = try parsedCycles(cycles) }
        if let transcript, let problem = Self.unreadableTranscript(transcript) { throw ValidationError(problem) }
    }

    /// An explicit transcript must be there: skipping it quietly would archive another session or none.
    static func unreadableTranscript(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return "--transcript \(path): no such file; give the session's .jsonl transcript or leave the option out."
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return "--transcript \(path) is not a regular file; give the session's .jsonl transcript."
        }
        guard access(path, R_OK) == 0 else {
            return "--transcript \(path) cannot be read (permission denied); check its permissions."
        }
        return nil
    }

    func parsedCycles(_ text: String) throws -> CycleSelection {
        do { return try CycleSelection.parse(text) } catch { throw ValidationError(error.description) }
    }

    var overrides: CommandLineOverrides {
        CommandLineOverrides(
            preCompletionOffer: (quick || cycles != nil) ? false : nil,
            autoCommit: noCommit ? false : nil,
            autoPush: nil,
            theme: theme
        )
    }

    var pushChoice: RunOptions.PushChoice {
        push ? .always : noPush ? .never : .configured
    }
}
