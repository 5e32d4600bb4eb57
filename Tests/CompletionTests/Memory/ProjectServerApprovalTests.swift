import Foundation
import Testing

@testable import Completion

/// A project cloned from a repository whose `.mcp.json` declares a `memory` server that is not a server at all but
/// `sh -c 'touch MARKER'`: whether MARKER exists says whether step 2 started the command. The user's HOME is a
/// folder of the test's own (never the real ~).
final class ClonedProject: @unchecked Sendable {
    let base: MemoryTestProject
    var project: Project { base.project }
    var marker: URL { base.folder.appendingPathComponent("MARKER") }
    var started: Bool { FileManager.default.fileExists(atPath: marker.path) }

    /// `committed` files (project-relative path → text) are committed upstream next to `.mcp.json`.
    init(committed: [String: String] = [:]) throws {
        base = try MemoryTestProject()
        let upstream = base.folder.appendingPathComponent("upstream")
        let server: [String: Any] = ["command": "sh", "args": ["-c", "touch '\(marker.path)'"]]
        var files = committed
        files[".mcp.json"] = String(
            decoding: try JSONSerialization.data(withJSONObject: ["mcpServers": ["memory": server]]),
            as: UTF8.self
        )
        files[".claude/context/session-state.md"] = "# Session State\n"
        for (path, text) in files { try AtomicFile.write(text, to: upstream.appendingPathComponent(path)) }
        try git(["init", "--quiet", "--initial-branch=main"], in: upstream)
        try git(["add", "--all"], in: upstream)
        try git(["commit", "--quiet", "-m", "Project with an MCP server"], in: upstream)
        try FileManager.default.removeItem(at: project.root)
        try git(["clone", "--quiet", upstream.path, project.root.path], in: base.folder)
    }

    func git(_ arguments: [String], in directory: URL) throws {
        var environment = base.environment
        for (key, value) in [
            "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com",
        ] { environment[key] = value }
        let result = try ProcessRunner.run(["git"] + arguments, in: directory, environment: environment)
        guard result.succeeded else {
            throw GitError(command: "git " + arguments.joined(separator: " "), output: result.errorOutput)
        }
    }

    func write(_ text: String, to url: URL) throws { try AtomicFile.write(text, to: url) }
    var userSettings: URL { base.home.appendingPathComponent(".claude/settings.json") }
    var userConfiguration: URL { base.home.appendingPathComponent(".claude.json") }

    func runStep(responder: Responder = SafeDefaultResponder()) async -> Outcome {
        await base.runStep(
            base.record(),
            limits: MemoryTimeLimits(connect: .seconds(5), call: .seconds(5)),
            responder: responder
        ).0
    }
}

/// Answers every question with yes and remembers the questions (a person at the full-screen gate).
final class AnsweringResponder: Responder, @unchecked Sendable {
    let answer: Bool
    private let lock = NSLock()
    private var asked: [Question] = []
    init(_ answer: Bool) { self.answer = answer }
    var questions: [Question] { lock.withLock { asked } }
    func answer(_ question: Question) async -> Bool {
        lock.withLock { asked.append(question) }
        return answer
    }
}

@Suite("Approval of the project's MCP servers")
struct ProjectServerApprovalTests {
    @Test func anUnapprovedServerOfAClonedProjectIsNeverStarted() async throws {
        let clone = try ClonedProject()
        let outcome = await clone.runStep()
        #expect(outcome.name == "skipped")
        #expect(outcome.reason?.hasPrefix("not approved") == true)
        #expect(outcome.reason?.contains("`jarvis-tui approve-mcp memory`") == true)
        try await Task.sleep(for: .milliseconds(300))
        #expect(!clone.started)
    }

    @Test(arguments: ["user", "project", "local", "enable-all"])
    func anApprovedServerIsStarted(source: String) async throws {
        let clone = try ClonedProject()
        switch source {
        case "user": try clone.write(#"{"enabledMcpjsonServers": ["memory"]}"#, to: clone.userSettings)
        case "project": try clone.write(#"{"enabledMcpjsonServers": ["memory"]}"#, to: clone.project.settingsFile)
        case "local":
            try clone.write(#"{"enabledMcpjsonServers": ["other", "memory"]}"#, to: clone.project.localSettingsFile)
        default: try clone.write(#"{"enableAllProjectMcpServers": true}"#, to: clone.project.localSettingsFile)
        }
        let outcome = await clone.runStep()
        // `touch` is no MCP server: the step could not talk to it and queued the writes, but it did start it.
        #expect(outcome.name == "degraded")
        #expect(await eventually { clone.started })
    }

    @Test func theUsersSettingsFolderFollowsClaudeConfigDir() async throws {
        let clone = try ClonedProject()
        let configDir = clone.base.folder.appendingPathComponent("claude-config")
        try clone.write(
            #"{"enabledMcpjsonServers": ["memory"]}"#,
            to: configDir.appendingPathComponent("settings.json")
        )
        var environment = clone.base.environment
        environment["CLAUDE_CONFIG_DIR"] = configDir.path
        guard
            case .stdio = MemoryServerConfiguration.lookup(
                project: clone.project,
                serverName: "memory",
                environment: environment
            )
        else {
            Issue.record("the approval in $CLAUDE_CONFIG_DIR/settings.json was not read")
            return
        }
        guard
            case .notApproved = MemoryServerConfiguration.lookup(
                project: clone.project,
                serverName: "memory",
                environment: clone.base.environment
            )
        else {
            Issue.record("approved without any approval")
            return
        }
    }

    @Test func theDisabledListWinsOverEveryApproval() async throws {
        let clone = try ClonedProject()
        try clone.write(
            #"{"enableAllProjectMcpServers": true, "enabledMcpjsonServers": ["memory"]}"#,
            to: clone.project.localSettingsFile
        )
        try clone.write(#"{"disabledMcpjsonServers": ["memory"]}"#, to: clone.userSettings)
        let person = AnsweringResponder(true)
        let outcome = await clone.runStep(responder: person)
        #expect(outcome.name == "skipped")
        #expect(outcome.reason?.contains("disabledMcpjsonServers") == true)
        #expect(person.questions.isEmpty, "a server the user's settings refuse is not offered at the gate")
        try await Task.sleep(for: .milliseconds(300))
        #expect(!clone.started)
    }

    @Test func aRepositoryCannotApproveItsOwnServer() async throws {
        let clone = try ClonedProject(committed: [
            ".claude/settings.json": #"{"enableAllProjectMcpServers": true}"#,
            ".claude/settings.local.json": #"{"enabledMcpjsonServers": ["memory"]}"#,
        ])
        let outcome = await clone.runStep()
        #expect(outcome.reason?.hasPrefix("not approved") == true)
        #expect(outcome.reason?.contains("committed to the repository") == true)
        try await Task.sleep(for: .milliseconds(300))
        #expect(!clone.started)

        // Once the user trusted the folder in Claude Code (which showed its own MCP warning), they count.
        let trusted: [String: Any] = ["projects": [clone.project.root.path: ["hasTrustDialogAccepted": true]]]
        try AtomicFile.write(try JSONSerialization.data(withJSONObject: trusted), to: clone.userConfiguration)
        #expect(await clone.runStep().name == "degraded")
        #expect(await eventually { clone.started })
    }

    @Test(arguments: [false, true])
    func aServerFromTheUsersOwnConfigurationNeedsNoApproval(forThisProjectOnly: Bool) async throws {
        let clone = try ClonedProject()
        let own = clone.base.folder.appendingPathComponent("OWN")
        let server: [String: Any] = ["command": "sh", "args": ["-c", "touch '\(own.path)'"]]
        let configuration: [String: Any] =
            forThisProjectOnly
            ? ["projects": [clone.project.root.path: ["mcpServers": ["memory": server]]]]
            : ["mcpServers": ["memory": server]]
        try AtomicFile.write(try JSONSerialization.data(withJSONObject: configuration), to: clone.userConfiguration)
        let outcome = await clone.runStep()
        #expect(outcome.name == "degraded")
        #expect(await eventually { FileManager.default.fileExists(atPath: own.path) })
        #expect(!clone.started, "the unapproved project server ran instead of the user's own")
    }

    @Test func aYesAtTheGateStartsTheServerAndIsRememberedAsClaudeCodeDoes() async throws {
        let clone = try ClonedProject()
        try clone.write(
            "{\n  \"permissions\": {\"allow\": [\"Bash(ls:*)\"]},\n  \"model\": \"opus\"\n}\n",
            to: clone.project.localSettingsFile
        )
        let refusing = AnsweringResponder(false)
        #expect(await clone.runStep(responder: refusing).reason?.hasPrefix("not approved") == true)
        #expect(refusing.questions.map(\.kind) == [.projectServer])
        #expect(refusing.questions.first?.safeDefault == false)
        #expect(refusing.questions.first?.detail.contains("touch") == true)
        #expect(!clone.started)

        #expect(await clone.runStep(responder: AnsweringResponder(true)).name == "degraded")
        #expect(await eventually { clone.started })
        let settings = String(decoding: try Data(contentsOf: clone.project.localSettingsFile), as: UTF8.self)
        #expect(
            settings == """
                {
                  "permissions": {
                    "allow": [
                      "Bash(ls:*)"
                    ]
                  },
                  "model": "opus",
                  "enabledMcpjsonServers": [
                    "memory"
                  ]
                }

                """
        )
        // Remembered: the next run starts it without asking.
        let next = AnsweringResponder(false)
        _ = await clone.runStep(responder: next)
        #expect(next.questions.isEmpty)
    }

    @Test func theSafeDefaultAndADryRunNeverStartIt() async throws {
        let clone = try ClonedProject()
        #expect(
            await clone.base.runStep(clone.base.record(), dryRun: true, responder: AnsweringResponder(true)).0.name
                == "skipped"
        )
        #expect(await clone.runStep().name == "skipped")
        try await Task.sleep(for: .milliseconds(300))
        #expect(!clone.started)
        #expect(!FileManager.default.fileExists(atPath: clone.project.localSettingsFile.path))
    }

    @Test func aMalformedLocalSettingsFileIsReportedAndLeftAlone() throws {
        let broken = Data("{\"model\": \"opus\",\n".utf8)
        #expect(throws: ProjectServerApprovalRecord.Failure.self) {
            _ = try ProjectServerApprovalRecord.merged(
                existing: broken,
                name: "memory",
                shown: ".claude/settings.local.json"
            )
        }
        let again = try ProjectServerApprovalRecord.merged(
            existing: Data(#"{"enabledMcpjsonServers": ["memory"]}"#.utf8),
            name: "memory",
            shown: "x"
        )
        #expect(again == nil)
    }
}

/// The whole binary on a cloned project, as a user runs it: nothing approves the server, so the run never starts
/// it and says how to approve it; after `jarvis-tui approve-mcp memory` the next run starts it.
@Suite("Approval of the project's MCP servers, end to end")
struct ProjectServerApprovalCommandTests {
    @Test func aRunSkipsTheUnapprovedServerAndApproveMcpLetsTheNextRunStartIt() throws {
        let clone = try ClonedProject()
        let home = [
            "HOME": clone.base.home.path, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com", "CLAUDE_CONFIG_DIR": "",
        ]
        let first = try JarvisBinary.run(
            ["--plain", "--yes", "--cycles", "none"],
            in: clone.project.root,
            environment: home
        )
        #expect(first.output.contains("not approved"), "\(first.output)\(first.errorOutput)")
        #expect(first.output.contains("jarvis-tui approve-mcp memory"))
        #expect(!clone.started)

        let approve = try JarvisBinary.run(["approve-mcp", "memory"], in: clone.project.root, environment: home)
        #expect(approve.status == 0, "\(approve.errorOutput)")
        #expect(approve.output.contains("Approved `memory`"))
        _ = try JarvisBinary.run(["--plain", "--yes", "--cycles", "none"], in: clone.project.root, environment: home)
        #expect(clone.started)
    }
}
