import Foundation

/// `jarvis-tui demo`: a throw-away sample project in a temp folder — a git repository with a local bare remote,
/// realistic `.claude/` state, commits since the last session and uncommitted work (including a secret the guard
/// must hold back) — for the main job to run on.
package struct DemoProject: Sendable {
    package let folder: URL
    package var project: Project { Project(root: folder.appendingPathComponent("acme-app")) }
    package var remote: URL { folder.appendingPathComponent("remote.git") }
    /// The folder of the demo's stand-in `claude` (`DemoStandIns`), put first on PATH for the demo run only.
    package var standInClaudeFolder: URL { folder.appendingPathComponent(DemoStandIns.claudeFolderName) }
    /// The session's Claude Code transcript, laid out as under `~/.claude/projects/` (the demo passes it explicitly).
    package var transcriptPath: URL {
        folder.appendingPathComponent("claude-config/projects", isDirectory: true)
            .appendingPathComponent(TranscriptLocator.folderName(for: project.root.path), isDirectory: true)
            .appendingPathComponent("\(Self.demoSessionID).jsonl")
    }
    static let demoSessionID = "4f6d2c1e-8a3b-4c5d-9e7f-0a1b2c3d4e5f"

    package static func create(in parent: URL = FileManager.default.temporaryDirectory) throws -> DemoProject {
        let folder = parent.appendingPathComponent("jarvis-demo-\(UUID().uuidString.prefix(8).lowercased())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let demo = DemoProject(folder: folder)
        try demo.build()
        return demo
    }

    private func build() throws {
        let root = project.root
        try git(["init", "--quiet", "--bare", "--initial-branch=main", remote.path], in: folder)
        try git(["init", "--quiet", "--initial-branch=main", root.path], in: folder)
        for (key, value) in [
            ("user.name", "Demo User"), ("user.email", "demo@example.com"), ("commit.gpgsign", "false"),
        ] {
            try git(["config", key, value], in: root)
        }
        try git(["remote", "add", "origin", remote.path], in: root)

        try write("README.md", "# Acme App\n\nA small sample project for the jarvis-tui demo.\n")
        try write("src/auth.py", "def login(user, password):\n    return check(user, password)\n")
        try write("src/api.py", "def get_items():\n    return []\n")
        try write(".gitignore", "__pycache__/\n.claude/settings.local.json\n")
        _ = try ProjectInitializer(project: project).run()
        try write(".claude/context/session-state.md", Self.sessionState)
        try write(".claude/context/current-priorities.md", Self.priorities)
        if let mcp = DemoMemoryServer.configuration(storeIn: folder) {
            try write(".mcp.json", mcp)
            // Approved the way a user approves it in Claude Code, in the file git ignores: a project's MCP server
            // is never started without such an approval.
            _ = try ProjectServerApprovalRecord.record("memory", project: project)
        }
        try git(["add", "--all"], in: root)
        try git(["commit", "--quiet", "-m", "Session: project setup"], in: root)
        try git(["push", "--quiet", "-u", "origin", "main"], in: root)

        // Work done during the session being ended: two commits and uncommitted changes.
        try write(
            "src/auth.py",
            "def login(user, password):\n    if not user or not password:\n        raise ValueError(\"missing credentials\")\n    return check(user, password)\n"
        )
        try git(["commit", "--quiet", "-am", "Add login form validation"], in: root)
        try write("src/api.py", "def get_items(limit=50):\n    return fetch(limit=limit)\n")
        try git(["commit", "--quiet", "-am", "Paginate the items endpoint"], in: root)
        try write(
            "src/tokens.py",
            "def refresh(token):\n    # fixed: refresh under a lock to avoid the double-refresh race\n    with LOCK:\n        return renew(token)\n"
        )
        try write(
            "docs/adr-007-sessions.md",
            "# ADR 007: Server-side sessions\n\nWe keep sessions server-side; tokens stay short-lived.\n"
        )
        try write(".env", "DATABASE_URL=postgres://demo:not-a-real-password@localhost/acme\n")
        try write(
            ".claude/context/current-priorities.md",
            Self.priorities.replacingOccurrences(
                of: "- [ ] Add login form validation",
                with: "- [x] Add login form validation"
            )
        )
        // Transient files that step 7 cleans up.
        try write(".claude/state/temp/scratch.json", "{\"draft\": true}\n")
        try write(".claude/cache/index.bin", "cache\n")
        try write(".claude/context/.soft-restart-checkpoint.md", "# Soft restart checkpoint\n")
        // The conversation of the session: five exchanges over the last two hours, ending with a TodoWrite.
        var transcript = SampleTranscript(
            sessionID: Self.demoSessionID,
            cwd: root.path,
            start: Date().addingTimeInterval(-7_200)
        )
        transcript.bulk = 400
        transcript.turnSpacing = 1_500
        try transcript.write(to: transcriptPath, targetBytes: .max, turnsLimit: 5)
        try DemoStandIns.appendLessonTurns(
            to: transcriptPath,
            sessionID: Self.demoSessionID,
            cwd: root.path,
            at: Date().addingTimeInterval(-600)
        )
        try DemoStandIns.writeClaude(in: standInClaudeFolder)
    }

    private func write(_ relative: String, _ text: String) throws {
        try AtomicFile.write(text, to: project.root.appendingPathComponent(relative))
    }

    private func git(_ arguments: [String], in directory: URL) throws {
        var env = ProcessInfo.processInfo.environment
        env["GIT_TERMINAL_PROMPT"] = "0"
        let result = try ProcessRunner.run(["git"] + arguments, in: directory, environment: env)
        guard result.succeeded else {
            throw GitError(command: "git " + arguments.joined(separator: " "), output: result.errorOutput)
        }
    }

    static let sessionState = """
        # Session State

        **Status**: Active
        **Current Work**: Hardening authentication before the beta
        **Next Step**: Write integration tests for the token refresh fix

        Notes to self: the staging database is reset every night at 02:00.

        ## Blockers

        - Waiting for the design team's error-message copy

        ## Key Decisions

        - Keep sessions server-side (see docs/adr-007-sessions.md)
        - Paginate list endpoints with a default limit of 50

        ## Pending Todos

        - [ ] Write integration tests for the token refresh fix
        - [ ] Ask design for the error copy

        """

    static let priorities = """
        # Current Priorities

        Owner: demo team. Review every Monday.

        ## In Progress

        - [ ] Add login form validation
        - [ ] Write integration tests for the token refresh fix

        ## Up Next

        - [ ] Rate-limit the login endpoint

        """
}
