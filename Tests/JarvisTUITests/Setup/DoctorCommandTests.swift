import Completion
import Foundation
import Testing

/// `jarvis-tui doctor` through the real binary on a project set up as a user would: git with a bare remote and an
/// upstream, `init` with the tool on PATH, a real memory server (`memory-test-server`) in `.mcp.json`, a Claude
/// Code transcript folder.
@Suite("jarvis-tui doctor")
struct DoctorCommandTests {
    typealias Sandbox = SetupJourneyTests.Sandbox

    /// A project where every check can pass; returns the environment that finds the tool and the transcripts.
    func goodProject(_ box: Sandbox, binary: URL) throws -> [String: String] {
        let bin = box.folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: bin.appendingPathComponent("jarvis-tui"),
            withDestinationURL: binary
        )
        let claudeConfig = box.folder.appendingPathComponent("claude-config")
        let env = box.environment(
            path: "\(bin.path):\(SetupJourneyTests.systemPath)",
            extra: ["CLAUDE_CONFIG_DIR": claudeConfig.path]
        )
        let remote = box.folder.appendingPathComponent("remote.git")
        try box.run(["git", "init", "-q", "--bare", remote.path], env: env)
        try box.run(["git", "init", "-q", "-b", "main"], env: env)
        #expect(try box.run(["jarvis-tui", "init"], env: env).status == 0)
        try box.run(["git", "add", "-A"], env: env)
        try box.run(["git", "commit", "-q", "-m", "init"], env: env)
        try box.run(["git", "remote", "add", "origin", remote.path], env: env)
        try box.run(["git", "push", "-q", "-u", "origin", "main"], env: env)
        let server = binary.deletingLastPathComponent().appendingPathComponent("memory-test-server").path
        try writeServer(box, command: server)
        let transcripts = claudeConfig.appendingPathComponent("projects")
            .appendingPathComponent(TranscriptLocator.folderName(for: box.root.resolvingSymlinksInPath().path))
        try FileManager.default.createDirectory(at: transcripts, withIntermediateDirectories: true)
        try Data("{}\n".utf8).write(to: transcripts.appendingPathComponent("s1.jsonl"))
        return env
    }

    func writeServer(_ box: Sandbox, command: String) throws {
        let store = box.folder.appendingPathComponent("store/memory.jsonl").path
        let json: [String: Any] = [
            "mcpServers": ["memory": ["command": command, "args": [String](), "env": ["MEMORY_FILE_PATH": store]]]
        ]
        try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]).write(
            to: box.root.appendingPathComponent(".mcp.json")
        )
        // Approved as Claude Code records a user's approval (a project's server is never started otherwise).
        try ProjectServerApprovalRecord.record("memory", project: Project(root: box.root))
    }

    @Test("a good project passes every check (exit 0), listing the memory server's tools")
    func goodProjectPasses() throws {
        let binary = try #require(HookCommandTests.binary, "build jarvis-tui first")
        let box = try Sandbox()
        let env = try goodProject(box, binary: binary)
        let result = try box.run(["jarvis-tui", "doctor"], env: env)
        #expect(result.status == 0, "\(result.output)\(result.errorOutput)")
        #expect(result.output.contains("All checks passed."))
        #expect(result.output.contains("create_entities"))
        #expect(result.output.contains("upstream: main → origin/main"))
        // The session-end hook ran, but a doctor run is not an ended session.
        #expect(
            !FileManager.default.fileExists(
                atPath: box.root.appendingPathComponent(".claude/state/jarvis-tui/sessions.jsonl").path
            )
        )
    }

    @Test("a broken memory server command fails doctor (exit 1) and is named with the fix")
    func brokenServerFails() throws {
        let binary = try #require(HookCommandTests.binary, "build jarvis-tui first")
        let box = try Sandbox()
        let env = try goodProject(box, binary: binary)
        try writeServer(box, command: "/nonexistent/memory-server")
        let result = try box.run(["jarvis-tui", "doctor"], env: env)
        #expect(result.status == 1)
        let line = result.output.split(separator: "\n").first { $0.contains("memory server") }
        #expect(line?.contains("✗") == true && line?.contains("/nonexistent/memory-server") == true, "\(result.output)")
        #expect(result.output.contains("fix: fix mcpServers.memory in .mcp.json"))
    }

    @Test("missing hooks, no upstream and the tool off PATH are each named with their fix")
    func brokenSetupNamed() throws {
        let binary = try #require(HookCommandTests.binary, "build jarvis-tui first")
        let box = try Sandbox()
        let env = box.environment()
        try box.run(["git", "init", "-q", "-b", "main"], env: env)
        try FileManager.default.createDirectory(
            at: box.root.appendingPathComponent(".claude"),
            withIntermediateDirectories: true
        )
        let result = try box.run([binary.path, "doctor"], env: env)
        #expect(result.status == 1)
        #expect(result.output.contains("✗ binary: jarvis-tui is not on PATH"))
        #expect(result.output.contains("✗ hook user-prompt-submit: no UserPromptSubmit hook"))
        #expect(result.output.contains("✗ upstream: no remote"))
        #expect(result.output.contains("fix: git remote add origin URL && git push -u origin main"))
    }
}
