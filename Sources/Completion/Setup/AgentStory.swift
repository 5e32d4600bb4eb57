/// What the agent is told to do when the user ends a session, written once so that `/end-session` and the hook's
/// reply never disagree: write the notes only the agent can write, offer the Tier 2 cycles (unless suppressed),
/// run the completion without a terminal with the notes on its standard input, report what it printed.
package enum AgentStory {
    package enum Offer: Sendable, Equatable {
        /// The writer cannot know (the slash command): the agent checks the conditions itself.
        case unlessSuppressed
        /// Known to be on (the hook read the environment, the config and the user's words).
        case required
        /// Known to be off, with the reason shown to the agent.
        case suppressed(String)
    }

    static let cycles =
        "Self-Reflection (AC-05) — Review session learnings; Self-Evolution (AC-06) — Implement queued "
        + "improvements; R&D Cycles (AC-07) — Research new tools/patterns; Maintenance (AC-08) — Cleanup and health checks; or skip"

    /// The offer's other choice, which edits the user's file and so is only ever named, never part of `all`.
    static let archiveChoice =
        " When `.claude/context/session-state.md` is over 200 lines and has older session sections, also offer to "
        + "archive that history (it moves byte for byte to `.claude/context/archive/session-state/`; the current work "
        + "and the newest session stay) and, if the user accepts, add `archive-state` to the list (e.g. "
        + "`--cycles none,archive-state`)."

    /// The numbered steps. `sessionID`/`transcript` are filled in by the hook, which has them in its input.
    package static func steps(
        program: String,
        arguments: String,
        offer: Offer = .unlessSuppressed,
        sessionID: String? = nil,
        transcript: String? = nil
    ) -> String {
        var command = "\(program) end-session --plain --yes --notes -"
        if let sessionID, !sessionID.isEmpty { command += " --session-id \(ToolInvocation.shellQuoted(sessionID))" }
        if let transcript, !transcript.isEmpty { command += " --transcript \(ToolInvocation.shellQuoted(transcript))" }
        if !arguments.isEmpty { command += " \(arguments)" }
        let offerStep: String
        switch offer {
        case .unlessSuppressed:
            offerStep =
                "2. Unless the user's flags include `--quick` or `--cycles`, `JARVIS_DISABLE_AC09=true` is set, or "
                + "`.claude/config/autonomy-config.yaml` sets `pre_completion_offer: false`, first offer the Tier 2 cycles and "
                + "wait for the answer: \(cycles). Pass the choice as `--cycles reflection,evolution,research,maintenance` "
                + "(or `--cycles none`)." + archiveChoice
        case .required:
            offerStep =
                "2. First offer the Tier 2 cycles and wait for the answer: \(cycles). Pass the choice as "
                + "`--cycles reflection,evolution,research,maintenance` (or `--cycles none`)." + archiveChoice
        case .suppressed(let reason):
            offerStep = "2. Do not offer the Tier 2 cycles (\(reason)); pass `--quick`."
        }
        let idNote =
            sessionID == nil
            ? " Add `--session-id ID --transcript PATH` when the jarvis-tui hook gave them for this session." : ""
        return """
            1. Write down what only you know about this session, as Markdown with these sections (leave out any that do not
            apply): `## Accomplishments`, `## Key Decisions` (`- decision: rationale`), `## Blockers` (`- blocker:
            investigation status`), `## Next Step`, `## Files` (`- path: purpose`), `## Corrections` (what the user
            corrected), `## Self-Corrections` (your own mistakes you put right). Never put secrets in them.
            \(offerStep)
            3. Run the session completion from the project folder with your notes on its standard input, passing the user's
            flags through (`--quick`, `--no-push`, `--no-commit` when they asked for them):\(idNote)

            ```
            \(command) <<'NOTES'
            (your notes)
            NOTES
            ```

            4. Read the summary it prints (and `.claude/context/.checkpoint.md`) and tell the user what was completed, what
            is pending, and anything listed under warnings.
            """
    }
}
