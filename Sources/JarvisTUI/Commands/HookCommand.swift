import ArgumentParser
import Completion
import Foundation

/// `jarvis-tui hook user-prompt-submit|session-start|session-end`: Claude Code hook handler (hook JSON on stdin).
struct HookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract:
            "Claude Code hook handler: reads the hook JSON on stdin (`jarvis-tui init` adds these to .claude/settings.json).",
        discussion: """
            user-prompt-submit  /end-session or "end the session": tells the agent to run the completion now;
                                a departure phrase ("goodbye", "done for now", config departure_phrases): asks the
                                agent to confirm with the user first; anything else: no output.
            session-start       adds the checkpoint (.claude/context/.checkpoint.md) to the new session's context,
                                with a note when the previous session ended without a completion.
            session-end         records the ended session in .claude/state/jarvis-tui/sessions.jsonl.
            """
    )

    @Argument(help: "user-prompt-submit, session-start or session-end")
    var event: String

    func run() throws {
        guard let hookEvent = HookEvent(rawValue: event) else {
            StandardOutput.error(
                "jarvis-tui hook: unknown event '\(event)'; use user-prompt-submit, session-start or session-end"
            )
            throw ExitCode(2)
        }
        guard isatty(0) == 0 else {
            StandardOutput.error(
                "jarvis-tui hook \(event): reads Claude Code's hook JSON on stdin; pipe it in (or let Claude Code run it)"
            )
            throw ExitCode(2)
        }
        // One byte past the limit tells the handler the input was too large, without reading the rest of it.
        let input = BoundedRead.read(0, limit: HookHandler.inputLimit + 1)
        let reply = HookHandler().handle(hookEvent, input: input)
        if !reply.stdout.isEmpty { StandardOutput.write(reply.stdout) }
        if !reply.stderr.isEmpty { FileHandle.standardError.write(Data(reply.stderr.utf8)) }
        if reply.exitCode != 0 { throw ExitCode(reply.exitCode) }
    }
}
