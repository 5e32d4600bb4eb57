/// The files `init` writes. Every configuration key is documented where it stands.
enum Templates {
    static let ignoreHeader = "# jarvis-tui: written after the session commit or local to this machine"

    static let config = """
        # jarvis-tui / AC-09 Session Completion settings.
        # Also read: components.AC-09-session.{enabled, settings.*} (the same keys under settings:), and Jarvis'
        # names offer_self_improve (= pre_completion_offer), preserve_history (= archive_conversation),
        # generate_summary (= create_summary).
        # Precedence: JARVIS_EMERGENCY_STOP > JARVIS_DISABLE_AC09 > command line > this file > defaults.
        session_completion:
          enabled: true                 # false: `jarvis-tui end-session` does nothing (exit 1)
          pre_completion_offer: true    # offer the Tier 2 cycles before the protocol (--quick / --cycles skip it)
          auto_commit: true             # step 5 commits the session's changes (--no-commit turns it off)
          auto_push: true               # gate G-06: push the session commit; false = ask (safe default: no)
          create_summary: true          # write .claude/reports/sessions/session-YYYY-MM-DD.md
          archive_conversation: true    # step 4: keep a copy and a digest of the transcript
          memory_persistence: true      # step 2: write the session to the Memory MCP server
          memory_server: memory         # the mcpServers entry in .mcp.json to use
          cleanup_transients: true      # step 7: remove .claude/state/temp/*, .claude/cache/*, the soft-restart checkpoint
          stop_watcher: true            # step 7: stop the auto-clear watcher named by its PID file
          # theme: default              # default, dark, light, high-contrast, mono (NO_COLOR selects mono)
          # review_pause: auto          # after the steps, wait for Enter before the review: auto, always, never
          context_window: 200000        # tokens, for the Statistics section
          departure_phrases: []         # extra phrases ("signing off") that ask to confirm ending the session
          destructive_lock_files: []    # files whose presence means a destructive operation is running: wait
                                        # (also .claude/context/.jicm-exit-mode.signal, while its process runs)
          destructive_wait_seconds: 120 # then ask whether to go on (safe default: stop, nothing written)
          # summary_retention_days: 90  # maintenance reports summaries older than this (unset: all kept)
          archive_logs: false           # step 7: gzip finished logs (rotated *.log.N, old telemetry) to archives/logs/
          log_retention_days: 30        # with archive_logs: telemetry files older than this are archived
          alert_seconds: 120            # a longer run is a warning, marked on its completion_time metric line
          mcp_keywords: {}              # extra words per .mcp.json server for step 6, e.g. { github: [release] }
          cycles:                       # Tier 2 cycles: argv lists (no shell), run in the project folder
            # reflection: { command: ["claude", "-p", "/reflect"], timeout_seconds: 600 }
            # evolution:  { command: ["claude", "-p", "/evolve"], timeout_seconds: 600 }
            # research:   { command: ["claude", "-p", "/research"], timeout_seconds: 600 }
            # maintenance: { command: ["claude", "-p", "/maintain"], timeout_seconds: 600 }
            # Without a command, reflection runs built in (the transcript's corrections, retried failures and
            # repeated errors; a reflection command then runs as a deeper pass) and so does maintenance (retention,
            # MCP servers, .claude/ health, the repository, this file); evolution and research run
            # `claude -p` with .claude/commands/evolve.md / research.md when Claude Code is on PATH.
          git:
            stage: all                  # all: every change the guard allows; paths: only the paths below
            paths: []                   # with stage: paths
            exclude: []                 # extra globs never staged
            allow: []                   # globs the secret guard lets through (false positives)
            max_file_size_mb: 10        # larger files are held back
            repositories: []            # more repositories to commit (paths relative to the project)
            lock_wait_seconds: 10       # how long to wait for another git's index.lock
            timeout_seconds: 600        # time limit of the commit with its hooks
            push_timeout_seconds: 120   # time limit of the push; then "push pending: timed out"

        """

    static let sessionState = """
        # Session State

        **Status**: Active
        **Current Work**: 
        **Next Step**: 

        ## Blockers

        - None

        ## Key Decisions

        ## Pending Todos

        """

    static let priorities = """
        # Current Priorities

        ## In Progress

        ## Up Next

        """

    /// `/end-session`: the same story the hook tells the agent (offer, run, report), with the program `init`
    /// resolved so it runs where `jarvis-tui` is not on PATH.
    static func endSessionCommand(_ invocation: ToolInvocation) -> String {
        let program = invocation.shared ? ToolInvocation.name : invocation.shellProgram
        return """
            ---
            description: End this session cleanly (Tier 2 offer, seven-step completion, session summary)
            argument-hint: "[--quick] [--no-push] [--no-commit] [--cycles LIST]"
            allowed-tools: Bash(\(program):*)
            ---

            The user wants to end this session. Arguments given: `$ARGUMENTS`

            \(AgentStory.steps(program: program, arguments: "$ARGUMENTS"))

            `--quick` skips the Tier 2 offer, `--no-push` keeps the commit local, `--no-commit` writes the files without
            committing; `--json` instead of `--plain` prints one JSON object per event. Exit status 1 means nothing was
            written (cancelled, another run of this project, emergency stop, or a destructive operation still running);
            2 a usage or configuration error; 3 the summary could not be saved.

            """
    }
}
