import Foundation
import Testing

@testable import Completion

/// A secret in anything the session left behind — the transcript (prompt, answer, tool input and output, the
/// last TodoWrite), the user's state file, a commit subject, the agent's notes — must not reach anything the tool
/// writes, commits, pushes, stores in memory or prints. The real binary in `--plain` and `--json` mode, a real git
/// repository with a bare remote, the real `memory-test-server` over stdio, the real `hook session-start`.
@Suite("Redaction at the boundary, end to end")
struct RedactionBoundaryTests {
    @Test("plain run: no planted secret in any file, the commit, the remote, the memory store, the output or the hook")
    func plainRunLeaksNothing() throws {
        let fixture = try PlantedProject.make(secretInCommitSubject: true)
        defer { fixture.base.remove() }
        let run = try fixture.run(["--plain"])
        #expect(run.status == 0, "\(run.output.suffix(1500))\(run.errorOutput)")
        #expect(PlantedSecrets.leaks(in: run.stdout + run.stderr).isEmpty, "output: \(run.output)")
        #expect(run.output.contains("[2/7] Memory persistence: done"), "\(run.output)")
        try fixture.expectNothingLeaked()

        // The commit whose subject holds a token stays local; the warning names it without the token.
        #expect(fixture.remoteHead == fixture.pushedBefore, "a commit with a secret in its message was pushed")
        #expect(run.output.contains("has a GitHub token in its message"), "\(run.output)")

        // The next session's start hands over the checkpoint, without the secrets.
        let hook = try fixture.sessionStartHook()
        #expect(hook.status == 0 && hook.output.contains("Session handoff"), "\(hook.output)\(hook.errorOutput)")
        #expect(PlantedSecrets.leaks(in: hook.stdout + hook.stderr).isEmpty, "\(hook.output)")
    }

    @Test("JSON run: the session's commits are pushed, and neither the remote nor the events hold a planted secret")
    func jsonRunPushesNothingSecret() throws {
        let fixture = try PlantedProject.make(secretInCommitSubject: false)
        defer { fixture.base.remove() }
        let run = try fixture.run(["--json"])
        #expect(run.status == 0, "\(run.output.suffix(1500))\(run.errorOutput)")
        #expect(PlantedSecrets.leaks(in: run.stdout + run.stderr).isEmpty, "output: \(run.output)")
        let head = try fixture.base.git(["rev-parse", "HEAD"])
        #expect(fixture.remoteHead == head, "not pushed: \(run.output.suffix(2000))")
        try fixture.expectNothingLeaked()
    }

    @Test("the redaction is idempotent and sees a token that an invisible control character splits")
    func redactionDetails() {
        let text = "key \(PlantedSecrets.gitHubInPrompt) and \(PlantedSecrets.awsInAnswer)"
        let once = SecretRedaction.redact(text)
        #expect(once == "key [REDACTED:github-token] and [REDACTED:aws-access-key]")
        #expect(SecretRedaction.redact(once) == once)
        // A marker never looks like a secret itself, whatever the rule (passwords in URLs and assignments too).
        for sample in [
            "url = \(PlantedSecrets.postgresURL)", "TELEGRAM_BOT_TOKEN=\(PlantedSecrets.telegramInNextStep)",
            "key: \(PlantedSecrets.sendGridInTodo)", PlantedSecrets.privateKey,
        ] {
            let redacted = SecretRedaction.redact(sample)
            #expect(redacted != sample && PlantedSecrets.leaks(in: redacted).isEmpty, "\(redacted)")
            #expect(SecretRedaction.redact(redacted) == redacted, "\(redacted)")
        }
        // A terminal shows `ghp_…` whole when a BEL, a bidi mark or a zero-width character sits inside it, and so
        // does the plain output.
        let token = PlantedSecrets.gitHubInPrompt
        for mark in ["\u{07}", "\u{200E}", "\u{200B}", "\u{200D}\u{2060}", "\u{FEFF}", "\u{AD}"] {
            let split = String(token.prefix(10)) + mark + String(token.dropFirst(10))
            #expect(SecretRedaction.redact("token \(split)") == "token [REDACTED:github-token]")
        }
        // Where a zero-width character shapes the text (an emoji sequence, a Persian word) it stays.
        let shaped = "family 👨\u{200D}👩\u{200D}👧, می\u{200C}خواهم, a\u{200B}é"
        #expect(SecretRedaction.redact(shaped) == shaped)
    }
}

/// `FixtureProject` with secrets planted in the transcript, the todos, the session-state file, the agent's notes
/// (outside the project) and (optionally) the subject of a commit made during the session; a memory server approved
/// in `.claude/settings.json`; Claude's config folder and HOME in the fixture, so nothing of the machine's own is
/// read.
struct PlantedProject {
    let base: FixtureProject
    let pushedBefore: String
    var root: URL { base.root }
    var transcript: URL { base.folder.appendingPathComponent("transcript.jsonl") }
    var notes: URL { base.folder.appendingPathComponent("notes.md") }
    var store: URL { base.folder.appendingPathComponent("store/memory.jsonl") }
    var environment: [String: String] {
        MemoryTestServerBinary.unhurried.merging([
            "CLAUDE_CONFIG_DIR": base.folder.appendingPathComponent("claude-config").path,
            "HOME": base.folder.appendingPathComponent("home").path,
        ]) { $1 }
    }
    var remoteHead: String { (try? base.git(["rev-parse", "main"], in: base.remote)) ?? "" }

    static func make(secretInCommitSubject: Bool) throws -> PlantedProject {
        let base = try FixtureProject.make()
        let fixture = PlantedProject(base: base, pushedBefore: try base.git(["rev-parse", "main"], in: base.remote))
        for folder in ["claude-config", "home"] {
            let url = base.folder.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        try TranscriptFixtures.write(PlantedSecrets.transcript(cwd: base.root.path), to: fixture.transcript)
        try Data(PlantedSecrets.notes.utf8).write(to: fixture.notes)
        try base.write(".claude/context/session-state.md", PlantedSecrets.sessionState)
        if secretInCommitSubject {
            try base.write("src/ci.py", "TOKEN = os.environ['CI_TOKEN']\n")
            try base.git(["add", "src/ci.py"])
            try base.git(["commit", "--quiet", "-m", "Use \(PlantedSecrets.gitHubInSubject) for CI"])
        }
        let server: [String: Any] = [
            "command": MemoryTestServerBinary.path, "args": [String](),
            "env": ["MEMORY_FILE_PATH": fixture.store.path],
        ]
        let mcp = try JSONSerialization.data(
            withJSONObject: ["mcpServers": ["memory": server]],
            options: [.prettyPrinted, .sortedKeys]
        )
        try base.write(".mcp.json", String(decoding: mcp, as: UTF8.self))
        // Claude Code's record of the user approving the project's servers.
        try base.write(
            ".claude/settings.json",
            "{\n  \"enableAllProjectMcpServers\": true,\n  \"enabledMcpjsonServers\": [\"memory\"]\n}\n"
        )
        return fixture
    }

    func run(_ mode: [String]) throws -> ProcessResult {
        try JarvisBinary.run(
            mode + [
                "--yes", "--cycles", "none", "--push", "--transcript", transcript.path,
                "--notes", notes.path,
            ],
            in: root,
            environment: environment
        )
    }

    func sessionStartHook() throws -> ProcessResult {
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let input =
            "{\"session_id\":\"next-session\",\"cwd\":\(SampleTranscript.jsonString(root.path)),"
            + "\"hook_event_name\":\"SessionStart\",\"source\":\"startup\"}"
        return try ProcessRunner.run(
            [JarvisBinary.url.path, "hook", "session-start"],
            in: root,
            environment: env,
            input: Data(input.utf8),
            timeout: .seconds(60)
        )
    }

    /// Every file under the project, the session commit (message and tree), the remote and the memory store.
    func expectNothingLeaked() throws {
        let transcriptBytes = try Data(contentsOf: transcript)
        let userState = Data(PlantedSecrets.sessionState.utf8)
        var checked = 0
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            let relative = String(url.path.dropFirst(root.path.count + 1))
            if relative == ".git" { walker?.skipDescendants(); continue }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                let data = FileManager.default.contents(atPath: url.path)
            else { continue }
            // The user's own files, byte for byte: the compressed copy of the transcript, and the rollback backup
            // of their session-state.md.
            if relative.hasSuffix(".jsonl.zst"), (try? ZstdStream.decompress(data)) == transcriptBytes { continue }
            if data == userState { continue }
            checked += 1
            if relative == ".claude/context/session-state.md" {
                // Step 1 keeps the user's blocker line as written, and copies none of their secrets anywhere else.
                let text = String(decoding: data, as: UTF8.self)
                #expect(text.contains(PlantedSecrets.blockerLine + "\n"), "\(text)")
                let rest = text.replacingOccurrences(of: PlantedSecrets.blockerLine, with: "")
                #expect(PlantedSecrets.leaks(in: rest).isEmpty, "session-state.md: \(text)")
                #expect(
                    text.contains("- [ ] Rotate the SendGrid key [REDACTED:sendgrid-key] in the mailer"),
                    "the todo itself is kept: \(text)"
                )
                continue
            }
            #expect(PlantedSecrets.leaks(in: data).isEmpty, "\(relative): \(String(decoding: data, as: UTF8.self))")
        }
        #expect(checked >= 12, "only \(checked) files checked")

        let summaries = try FileManager.default.contentsOfDirectory(atPath: base.project.summariesFolder.path)
        let summary = try #require(summaries.first.flatMap { base.read(".claude/reports/sessions/\($0)") })
        #expect(summary.contains("[REDACTED:"), "\(summary)")
        #expect(summary.contains("Moved the Twilio API key"), "the completed todo is an accomplishment: \(summary)")
        #expect(summary.contains("Keep the GitLab token [REDACTED:gitlab-token] in the vault"), "the notes: \(summary)")

        // The session commit: its message and every file in its tree. The tool's own files hold no secret, so the
        // guard lets them in; only the user's session-state.md (their blocker line) and secret files stay out.
        #expect(try base.git(["log", "-1", "--format=%s"]).hasPrefix("Session: "))
        let committed = try base.git(["show", "--name-only", "--format=", "HEAD"]).split(separator: "\n")
        let summaryPath = ".claude/reports/sessions/" + (summaries.first ?? "")
        for path in [".claude/context/current-priorities.md", summaryPath, "src/bom.py"] {
            #expect(committed.contains(Substring(path)), "\(path) not committed: \(committed)")
        }
        let dirty = try base.git(["status", "--porcelain", "--untracked-files=all"]).split(separator: "\n")
            .compactMap { $0.split(separator: " ", maxSplits: 1).last.map(String.init) }.sorted()
        #expect(dirty == [".claude/context/session-state.md", ".env", "certs/server.pem"], "\(dirty)")
        #expect(PlantedSecrets.leaks(in: try base.git(["log", "-1", "--format=%B"])).isEmpty)
        let patterns = PlantedSecrets.needles.flatMap { ["-e", $0] }
        let tree = try ProcessRunner.run(["git", "grep", "-I", "-F", "-l"] + patterns + ["HEAD", "--"], in: root)
        #expect(tree.status == 1 && tree.output.isEmpty, "the session commit holds a planted secret: \(tree.output)")

        // The remote: every commit it has, messages and patches, apart from the user's own commit that we
        // refused to push (it is not there).
        let remote = try ProcessRunner.run(
            ["git", "--git-dir", base.remote.path, "log", "--all", "-p", "--format=%B"],
            in: base.folder
        )
        #expect(remote.succeeded && PlantedSecrets.leaks(in: remote.stdout).isEmpty, "remote: \(remote.output)")

        let memory = try Data(contentsOf: store)
        #expect(String(decoding: memory, as: UTF8.self).contains("Session_"), "nothing was stored")
        #expect(PlantedSecrets.leaks(in: memory).isEmpty, "memory store: \(String(decoding: memory, as: UTF8.self))")
    }
}
