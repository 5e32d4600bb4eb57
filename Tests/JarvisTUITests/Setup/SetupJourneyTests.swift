import Completion
import Foundation
import Testing

/// From a fresh repository to a working Claude Code setup, through the real `jarvis-tui` binary: `init` with the
/// binary off PATH, the hook commands run the way Claude Code runs them (`sh -c`, hook JSON on stdin), the shared
/// form on a machine without the tool, and `doctor` on a good and a broken project.
@Suite("init, hooks that resolve, doctor: the setup journey")
struct SetupJourneyTests {
    static let systemPath = "/usr/bin:/bin"

    final class Sandbox {
        let folder: URL
        let root: URL
        let home: URL
        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "setup-\(UUID().uuidString.prefix(8))"
            )
            root = folder.appendingPathComponent("app")
            home = folder.appendingPathComponent("home")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: folder) }

        func environment(path: String = SetupJourneyTests.systemPath, extra: [String: String] = [:]) -> [String: String]
        {
            var env = [
                "PATH": path, "HOME": home.path, "LANG": "C.UTF-8", "GIT_CONFIG_NOSYSTEM": "1",
                "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
            ]
            env.merge(extra) { $1 }
            return env
        }

        @discardableResult
        func run(
            _ argv: [String],
            env: [String: String],
            stdin: String? = nil,
            in dir: URL? = nil
        ) throws -> ProcessResult {
            signal(SIGPIPE, SIG_IGN)
            return try ProcessRunner.run(
                argv,
                in: dir ?? root,
                environment: env,
                input: stdin.map { Data($0.utf8) },
                timeout: .seconds(60)
            )
        }

        func hookCommands(in file: String) throws -> [String: String] {
            let data = try #require(FileManager.default.contents(atPath: root.appendingPathComponent(file).path))
            var result: [String: String] = [:]
            for event in HookEvent.allCases {
                guard case .array(let groups)? = try OrderedJSON.parse(data)["hooks"]?[event.claudeName],
                    case .array(let entries)? = groups.last?["hooks"],
                    let command = entries.first?["command"]?.stringValue
                else { continue }
                result[event.rawValue] = command
            }
            return result
        }
    }

    static func payload(_ fields: [String: String]) -> String {
        "{"
            + fields.sorted { $0.key < $1.key }.map { "\(OrderedJSON.quote($0.key)): \(OrderedJSON.quote($0.value))" }
            .joined(separator: ", ") + "}"
    }

    static func input(_ event: HookEvent, cwd: URL, prompt: String? = nil) -> String {
        var fields = [
            "session_id": "sess-42", "transcript_path": "/tmp/claude projects/sess-42.jsonl", "cwd": cwd.path,
            "hook_event_name": event.claudeName,
        ]
        if let prompt { fields["prompt"] = prompt }
        if event == .sessionStart { fields["source"] = "startup" }
        if event == .sessionEnd { fields["reason"] = "other" }
        return payload(fields)
    }

    @Test("init with jarvis-tui off PATH: every hook runs from sh -c; the end reply names the session and transcript")
    func hooksResolveOffPath() throws {
        let binary = try #require(HookCommandTests.binary, "build jarvis-tui first")
        let box = try Sandbox()
        let env = box.environment()
        try box.run(["git", "init", "-q"], env: env)
        let initRun = try box.run([binary.path, "init"], env: env)
        #expect(initRun.status == 0, "\(initRun.errorOutput)")
        #expect(initRun.output.contains("is not on PATH") && initRun.output.contains("doctor"))
        #expect(!FileManager.default.fileExists(atPath: box.root.appendingPathComponent(".claude/settings.json").path))
        let ignore = String(
            decoding: FileManager.default.contents(atPath: box.root.appendingPathComponent(".gitignore").path)
                ?? Data(),
            as: UTF8.self
        )
        #expect(ignore.contains(".claude/settings.local.json"))
        let status = try box.run(["git", "status", "--porcelain", "--", ".claude/settings.local.json"], env: env)
        #expect(status.output.isEmpty, "the personal settings must be ignored by git")

        let commands = try box.hookCommands(in: ".claude/settings.local.json")
        #expect(commands.count == 3)
        for (event, command) in commands {
            #expect(command.hasPrefix(binary.resolvingSymlinksInPath().path), "\(event): \(command)")
            let hook = try #require(HookEvent(rawValue: event))
            let result = try box.run(
                ["/bin/sh", "-c", command],
                env: env,
                stdin: Self.input(hook, cwd: box.root, prompt: "hello there")
            )
            #expect(result.status == 0, "\(event): \(result.errorOutput)")
        }
        let end = try box.run(
            ["/bin/sh", "-c", try #require(commands["user-prompt-submit"])],
            env: env,
            stdin: Self.input(.userPromptSubmit, cwd: box.root, prompt: "/end-session")
        )
        let context = try #require(
            try OrderedJSON.parse(end.stdout)["hookSpecificOutput"]?["additionalContext"]?.stringValue
        )
        #expect(context.contains("--session-id sess-42"))
        #expect(context.contains("--transcript '/tmp/claude projects/sess-42.jsonl'"))
        #expect(context.contains("offer the Tier 2 cycles") && context.contains("--notes -"))
        // The offer's archive choice is told to the agent in the same words by the hook and the slash command.
        let archiveChoice = "over 200 lines and has older session sections, also offer to archive that history"
        #expect(context.contains(archiveChoice) && context.contains("`--cycles none,archive-state`"))
        #expect(
            context.range(of: "## Key Decisions")!.lowerBound < context.range(of: "offer the Tier 2 cycles")!.lowerBound
        )
        #expect(context.contains("\(binary.resolvingSymlinksInPath().path) end-session --plain --yes"))
        let slash = String(
            decoding: FileManager.default.contents(
                atPath: box.root.appendingPathComponent(".claude/commands/end-session.md").path
            ) ?? Data(),
            as: UTF8.self
        )
        #expect(
            slash.contains("\(binary.resolvingSymlinksInPath().path) end-session --plain --yes --notes - $ARGUMENTS")
        )
        #expect(slash.contains("offer the Tier 2 cycles"))
        #expect(slash.contains(archiveChoice) && slash.contains("`--cycles none,archive-state`"))
    }

    @Test(
        "init --shared: the hooks in settings.json stay silent where the tool is missing, and run where it is installed"
    )
    func sharedHooks() throws {
        let binary = try #require(HookCommandTests.binary, "build jarvis-tui first")
        let box = try Sandbox()
        let env = box.environment()
        let initRun = try box.run([binary.path, "init", "--shared"], env: env)
        #expect(initRun.status == 0, "\(initRun.errorOutput)")
        #expect(
            !FileManager.default.fileExists(atPath: box.root.appendingPathComponent(".claude/settings.local.json").path)
        )
        let commands = try box.hookCommands(in: ".claude/settings.json")
        #expect(commands.count == 3)
        for (event, command) in commands {
            #expect(!command.contains(box.folder.path), "a shared hook must not name this machine's paths: \(command)")
            let hook = try #require(HookEvent(rawValue: event))
            let result = try box.run(
                ["/bin/sh", "-c", command],
                env: env,
                stdin: Self.input(hook, cwd: box.root, prompt: "/end-session")
            )
            #expect(
                result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty,
                "\(event): \(result.status) \(result.errorOutput)"
            )
        }
        // Installed where scripts/install puts it by default: the same hooks now answer.
        let bin = box.home.appendingPathComponent(".local/bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: bin.appendingPathComponent("jarvis-tui"),
            withDestinationURL: binary
        )
        let end = try box.run(
            ["/bin/sh", "-c", try #require(commands["user-prompt-submit"])],
            env: env,
            stdin: Self.input(.userPromptSubmit, cwd: box.root, prompt: "/end-session")
        )
        #expect(end.status == 0 && end.output.contains("--session-id sess-42"))
    }

    @Test("init twice, personal then shared: no hook is added to a second file")
    func noDuplicateHooks() throws {
        let binary = try #require(HookCommandTests.binary, "build jarvis-tui first")
        let box = try Sandbox()
        let env = box.environment()
        try box.run([binary.path, "init"], env: env)
        let second = try box.run([binary.path, "init", "--shared"], env: env)
        #expect(second.status == 0)
        #expect(!FileManager.default.fileExists(atPath: box.root.appendingPathComponent(".claude/settings.json").path))
    }
}
