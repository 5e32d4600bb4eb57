import Foundation

/// The prompts `init` ships as `.claude/commands/{reflect,evolve,research}.md`: what the model-driven Tier 2
/// cycles ask Claude Code (`claude -p`) to do. A project's own file of that name is never overwritten and is
/// the one sent.
enum CyclePrompts {
    static func fileName(_ cycle: CycleID) -> String? {
        ModelCycle.commandName(cycle).map { "\($0).md" }
    }

    /// The prompt files `init` writes where none exists.
    static func files(in project: Project) -> [(URL, String)] {
        CycleID.allCases.compactMap { cycle in
            guard let name = fileName(cycle), let text = text(for: cycle) else { return nil }
            return (project.commandsFolder.appendingPathComponent(name), text)
        }
    }

    static func text(for cycle: CycleID) -> String? {
        switch cycle {
        case .reflection: reflect
        case .evolution: evolve
        case .research: research
        case .maintenance: nil
        }
    }

    static let reflect = """
        ---
        description: Self-Reflection (AC-05) — review this session's learnings
        allowed-tools: Read, Grep, Glob, Edit, Write
        ---

        # Self-Reflection

        Review the session that is ending, without changing any code.

        1. Read `.claude/context/session-state.md`, the newest file in `.claude/reports/reflections/` (jarvis-tui's
           built-in reflection: the user's corrections, failed tool calls that were retried, repeated errors) and
           `.claude/context/lessons/corrections.md` and `self-corrections.md`.
        2. Find the patterns behind them: what was misunderstood, which assumption was wrong, which check was missing.
        3. Append at most five short, concrete lessons ("Do X before Y", "Never Z in this project") to
           `.claude/context/lessons/self-corrections.md`, each on one line starting with `- `; skip any already there.
        4. Print a summary of at most ten lines: what went wrong, what was learned, what to do differently.

        """

    static let evolve = """
        ---
        description: Self-Evolution (AC-06) — implement one queued improvement
        allowed-tools: Read, Grep, Glob, Edit, Write, Bash(git status:*), Bash(git diff:*)
        ---

        # Self-Evolution

        Implement one small, queued improvement to how this project is worked on.

        1. Look for queued improvements: `.claude/context/evolution-queue.md`, unchecked items under "Up Next" in
           `.claude/context/current-priorities.md`, and the lessons in `.claude/context/lessons/`.
        2. Pick the one that is smallest and safest; if none is clearly safe, change nothing and say why.
        3. Make the change (documentation, a check, a pattern file, a script), keeping every unrelated line as it is.
           Do not commit: the session completion commits the session's changes.
        4. Print what you changed and why, in at most ten lines, and mark the item done where it was queued.

        """

    static let research = """
        ---
        description: R&D Cycle (AC-07) — research new tools and patterns for this project
        allowed-tools: Read, Grep, Glob, WebSearch, WebFetch, Write
        ---

        # R&D Cycle

        Research one open question of this project, without changing its code.

        1. Find the open leads: blockers in `.claude/context/session-state.md`, TODO and FIXME comments, the
           research agenda in `.claude/context/research-agenda.md` if there is one.
        2. Pick the lead that most blocks the next session and research it: tools, libraries, patterns, trade-offs.
        3. Write the findings to `.claude/reports/research/research-<today's date>.md`: the question, the options
           with their sources, and a recommendation.
        4. Print the recommendation in at most ten lines.

        """
}
