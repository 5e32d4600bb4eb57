import Foundation

@testable import Completion

/// A project laid out the way Jarvis lays it out, in a real git repository with a bare remote: the component form
/// of the config with Jarvis' own AC-09 keys, a session state with `**Next Session Pickup:**` inside
/// `### Key Decisions`, a roadmap with PR milestones, the AC-09 component state, a summary template, a telemetry
/// folder, a stale exit-mode signal left by a crashed run and a v6 JICM watcher that is really running.
final class JarvisProjectFixture {
    let repository: GitTestRepository
    let watcher: BackgroundProcess
    /// The process id in the stale exit-mode signal: a process that has exited.
    let stalePID: Int32
    var root: URL { repository.root }
    var project: Project { repository.project }

    static let config = """
        # Autonomic Component Configuration
        version: "1.0"
        global:
          autonomy_enabled: true
        components:
          AC-04-jicm:
            enabled: true
            settings:
              threshold_tokens: 130000
          AC-09-session:
            enabled: true
            settings:
              # Offer self-improvement before ending
              offer_self_improve: true
              # Preserve chat history
              preserve_history: false
              # Generate session summary
              generate_summary: true
        safety:
          cannot_disable: [audit_logging]

        """

    static let sessionState = """
        # Session State

        **Status**: 🟢 Idle
        **Current Blocker**: None

        **What Was Accomplished (2026-02-10)**:
        - Ulfhedthnar detector hook finished
        - 60/60 tests passing

        ### Key Decisions
        - Keep the watcher in bash: no new runtime on the machine
        - Signals live in .claude/context and are ignored by git

        **Next Session Pickup:**
        1. Wire the exit-mode signal into the status line
        2. Phase C: Mac Studio infrastructure

        Notes kept by hand — do not touch.\u{20}\u{20}

        """

    static let roadmap = """
        # Roadmap

        ## Phase 12: Autonomic components

        - [x] PR-12.8: Maintenance workflows
        - [ ] PR-12.9: Session completion (AC-09)
        - [ ] PR-12.10: Ulfhedthnar override
        - [ ] PR-1: Baseline (a different PR)

        Free text that mentions PR-12.9 stays as it is.

        """

    static let componentState = """
        {
          "component": "AC-09",
          "name": "session-completion",
          "version": "1.0.0",
          "status": "active",
          "last_modified": "2026-02-10T02:48:16.127Z",
          "implementation": {
            "spec_complete": true,
            "metrics_emission": true
          },
          "current_session": {
            "started": "2026-02-10T01:00:00.000Z",
            "work_completed": ["B.7"],
            "commits_made": 4,
            "tier2_cycles_run": ["reflection"]
          },
          "metrics": {
            "total_sessions": 3,
            "avg_session_duration_minutes": null,
            "clean_exits": 3,
            "forced_exits": 0
          },
          "notes": "State file synced 2026-02-08."
        }

        """

    static let template = """
        # Jarvis Session Report — {date}

        Project {project} on {branch}; mood {mood}.

        ## What's Next

        Continue with: {next_step}

        ## Key Decisions

        ## Accomplishments

        ## Warnings

        *Closed at {timestamp}*

        """

    /// Jarvis' own lessons file with a line the user wrote: kept byte for byte, new corrections go below it.
    static let corrections = "# Corrections\n\n- 2026-01-10 · Hooks are bash, never zsh\n"

    static let gitignore = """
        .claude/logs/
        .claude/metrics/
        .claude/archives/
        .claude/state/jarvis-tui/
        .claude/context/.jicm-*
        .claude/context/.checkpoint.md

        """

    init() throws {
        repository = try GitTestRepository(initialise: false)
        let files: [(String, String)] = [
            (".gitignore", Self.gitignore),
            (".claude/config/autonomy-config.yaml", Self.config),
            (".claude/context/session-state.md", Self.sessionState),
            (".claude/context/current-priorities.md", "# Current Priorities\n\n- [ ] PR-12.9: Session completion\n"),
            (".claude/context/roadmap.md", Self.roadmap),
            (ComponentStateFile.path, Self.componentState),
            (SummaryTemplate.path, Self.template),
            (".claude/context/lessons/corrections.md", Self.corrections),
            ("src/ac09.sh", "echo start\n"),
        ]
        for (path, text) in files { try repository.write(path, text) }
        try repository.git(["add", "--all"])
        try repository.git(["commit", "--quiet", "-m", "Jarvis layout"])
        try repository.git(["push", "--quiet"])
        // The session's work: a commit that completes PR-12.9, its priority ticked, and an uncommitted change.
        try repository.write("src/ac09.sh", "echo start\necho complete\n")
        try repository.git(["commit", "--quiet", "-am", "PR-12.9: wire the session completion"])
        try repository.write(
            ".claude/context/current-priorities.md",
            "# Current Priorities\n\n- [x] PR-12.9: Session completion\n"
        )
        try repository.write("src/notes.txt", "follow-up\n")
        try repository.write(".claude/logs/telemetry/events-2026-01-01.jsonl", "{\"old\":true}\n")

        // A crashed run's signal: it names a process that has exited.
        let crashed = try BackgroundProcess(["true"])
        _ = crashed.hasExited
        while !crashed.hasExited { Thread.sleep(forTimeInterval: 0.02) }
        stalePID = crashed.pid
        try repository.write(ExitModeSignal.path, "\(stalePID)\n")
        watcher = try BackgroundProcess(["bash", "-c", "exec -a jicm-watcher sleep 300"])
        try repository.write(".claude/context/.jicm-watcher.pid", "\(watcher.pid)\n")
        // A hook that copies the exit-mode signal while step 5 commits: proof that it exists during the steps.
        let hook = "#!/bin/sh\ncp .claude/context/.jicm-exit-mode.signal ../signal-during-commit 2>/dev/null\nexit 0\n"
        try repository.write(".git/hooks/pre-commit", hook)
        chmod(repository.url(".git/hooks/pre-commit").path, 0o755)
    }

    deinit { watcher.stop() }

    func text(_ relative: String) -> String? {
        repository.read(relative).map { String(decoding: $0, as: UTF8.self) }
    }
}
