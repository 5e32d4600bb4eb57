import Completion
import Foundation
import TestSupport
import Testing

/// The real `jarvis-tui` binary (built beside the test bundle), fed hook JSON on stdin as Claude Code does.
@Suite("jarvis-tui hook / init, end to end through the binary")
struct HookCommandTests {
    static var binary: URL? { BuiltBinary.ifBuilt("jarvis-tui") }

    private func project() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hook-cli-\(UUID().uuidString.prefix(8))"
        )
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent(".claude"),
            withIntermediateDirectories: true
        )
        return root
    }

    private func run(_ arguments: [String], stdin: String? = nil, in folder: URL? = nil) throws -> ProcessResult {
        let binary = try #require(Self.binary, "build jarvis-tui first (swift build --build-tests builds it)")
        // A child that exits before reading its stdin must not take the test process down with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        return try ProcessRunner.run(
            [binary.path] + arguments,
            in: folder,
            input: stdin.map { Data($0.utf8) },
            timeout: .seconds(30)
        )
    }

    private func payload(_ fields: [String: String]) -> String {
        "{"
            + fields.sorted { $0.key < $1.key }.map { "\(OrderedJSON.quote($0.key)): \(OrderedJSON.quote($0.value))" }
            .joined(separator: ", ") + "}"
    }

    @Test("user-prompt-submit: end request, departure phrase, ordinary prompt")
    func userPromptSubmit() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        func ask(_ prompt: String) throws -> ProcessResult {
            try run(
                ["hook", "user-prompt-submit"],
                stdin: payload([
                    "session_id": "abc", "transcript_path": "/tmp/abc.jsonl", "cwd": root.path,
                    "hook_event_name": "UserPromptSubmit", "prompt": prompt,
                ])
            )
        }
        let end = try ask("/end-session --quick")
        #expect(end.status == 0)
        let context = try OrderedJSON.parse(end.stdout)["hookSpecificOutput"]
        #expect(context?["hookEventName"] == .string("UserPromptSubmit"))
        #expect(context?["additionalContext"]?.stringValue?.contains("jarvis-tui end-session --plain --yes") == true)
        let bye = try ask("goodbye!")
        #expect(bye.status == 0 && bye.output.contains("Ask the user to confirm"))
        let work = try ask("how do I implement a goodbye screen?")
        #expect(work.status == 0 && work.stdout.isEmpty && work.stderr.isEmpty)
    }

    @Test("session-end then session-start: the ended session is recorded and pointed out")
    func sessionEndThenStart() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let end = try run(
            ["hook", "session-end"],
            stdin: payload([
                "session_id": "s-9", "transcript_path": "/tmp/s-9.jsonl", "cwd": root.path,
                "hook_event_name": "SessionEnd", "reason": "logout",
            ])
        )
        #expect(end.status == 0 && end.stdout.isEmpty)
        let start = try run(
            ["hook", "session-start"],
            stdin: payload([
                "session_id": "s-10", "cwd": root.path, "hook_event_name": "SessionStart", "source": "startup",
            ])
        )
        #expect(start.status == 0)
        #expect(
            try OrderedJSON.parse(start.stdout)["hookSpecificOutput"]?["additionalContext"]?.stringValue?.contains(
                "--session-id s-9"
            ) == true
        )
    }

    @Test("bad input and an unknown event: a message, never a blocking exit 2 from the hook itself")
    func badInput() throws {
        let malformed = try run(["hook", "user-prompt-submit"], stdin: "{\"prompt\": ")
        #expect(malformed.status == 1 && malformed.errorOutput.contains("not valid JSON"))
        let unknown = try run(["hook", "pre-tool-use"], stdin: "{}")
        #expect(unknown.status == 2 && unknown.errorOutput.contains("unknown event"))
    }

    @Test(
        "init twice is init once; a malformed settings.json exits 2 and is left as it was (also when the hooks go to settings.local.json)"
    )
    func initCommand() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let settings = root.appendingPathComponent(".claude/settings.json")
        try Data("{\n  \"model\": \"opus\"\n}\n".utf8).write(to: settings)
        #expect(try run(["init", "--project", root.path]).status == 0)
        let once = try Data(contentsOf: settings)
        let second = try run(["init", "--project", root.path])
        #expect(second.status == 0 && second.output.contains("kept     .claude/settings.local.json"))
        #expect(try Data(contentsOf: settings) == once)

        try Data("{\n  \"model\": \"opus\",,\n}\n".utf8).write(to: settings)
        let broken = try run(["init", "--project", root.path])
        #expect(broken.status == 2)
        #expect(broken.errorOutput.contains("settings.json:2:19"))
        #expect(try String(contentsOf: settings, encoding: .utf8) == "{\n  \"model\": \"opus\",,\n}\n")
    }
}
