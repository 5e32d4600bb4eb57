import Foundation
import Testing

@testable import Completion

/// `end-session --notes` through the real binary on a real repository with a bare remote and a real memory server:
/// what the agent wrote reaches the summary, session-state, the checkpoint and the memory store, once.
@Suite("end-session --notes, end to end")
struct AgentNotesEndToEndTests {
    static let notes = """
        ## Key Decisions
        - Stream the parser: finance files reach 2 GB
        ## Blockers
        - Finance sample files: asked Dana on Monday, no answer yet
        ## Next Step
        Handle quoted newlines in CSV cells
        ## Files
        - src/bom.py: strips the byte-order mark
        ## Corrections
        - Use UTC for timestamps, not local time
        """

    func project() throws -> (FixtureProject, URL) {
        let fixture = try FixtureProject.make()
        let store = fixture.folder.appendingPathComponent("store/memory.jsonl")
        let server: [String: Any] = [
            "command": MemoryTestServerBinary.path, "args": [String](), "env": ["MEMORY_FILE_PATH": store.path],
        ]
        try JSONSerialization.data(withJSONObject: ["mcpServers": ["memory": server]]).write(
            to: fixture.project.mcpConfigFile
        )
        // Approved the way Claude Code records the user's answer to its prompt.
        try fixture.write(".claude/settings.local.json", #"{"enabledMcpjsonServers": ["memory"]}"#)
        try fixture.write("notes.md", Self.notes)
        try fixture.write(".gitignore", "*.pyc\nnotes.md\n.mcp.json\n")
        return (fixture, store)
    }

    func count(_ needle: String, in text: String?) -> Int { (text ?? "").components(separatedBy: needle).count - 1 }

    @Test(
        "decisions, blockers with status, the next step and file purposes reach every output; a second run adds nothing twice"
    )
    func notesEverywhere() throws {
        let (fixture, store) = try project()
        defer { fixture.remove() }
        let arguments = ["--plain", "--yes", "--cycles", "none", "--notes", "notes.md"]
        let first = try JarvisBinary.run(arguments, in: fixture.root, environment: MemoryTestServerBinary.unhurried)
        #expect(first.status == 0, "\(first.output)\(first.errorOutput)")
        let summaryName = try #require(
            try FileManager.default.contentsOfDirectory(
                atPath: fixture.root.appendingPathComponent(".claude/reports/sessions").path
            )
            .first { $0.hasSuffix(".md") }
        )
        let summary = fixture.read(".claude/reports/sessions/\(summaryName)")
        #expect(summary?.contains("- Stream the parser: finance files reach 2 GB") == true)
        #expect(summary?.contains("- Finance sample files: asked Dana on Monday, no answer yet") == true)
        #expect(summary?.contains("**Continue with**: Handle quoted newlines in CSV cells") == true)
        #expect(summary?.contains("| File | Change Type | Purpose |") == true)
        #expect(summary?.contains("| `src/bom.py` | added | strips the byte-order mark |") == true, "\(summary ?? "")")
        #expect(summary?.contains("## Corrections") == true)
        let state = fixture.read(".claude/context/session-state.md")
        #expect(state?.contains("**Next Step**: Handle quoted newlines in CSV cells") == true)
        #expect(state?.contains("- Stream the parser: finance files reach 2 GB") == true)
        #expect(state?.contains("`src/bom.py` (added): strips the byte-order mark") == true)
        #expect(state?.contains("My own note, keep me: the importer runs nightly.") == true)
        let checkpoint = fixture.read(".claude/context/.checkpoint.md")
        #expect(checkpoint?.contains("**Continue with**: Handle quoted newlines in CSV cells") == true)
        #expect(checkpoint?.contains("- Finance sample files: asked Dana on Monday, no answer yet") == true)
        #expect(checkpoint?.contains("- `src/bom.py`: strips the byte-order mark") == true)
        let memory = FileManager.default.contents(atPath: store.path).map { String(decoding: $0, as: UTF8.self) }
        #expect(
            count("Decision: Stream the parser: finance files reach 2 GB", in: memory) == 1,
            "\(memory ?? "no store")"
        )
        #expect(count("Blocker: Finance sample files: asked Dana on Monday", in: memory) == 1)
        #expect(count("File src/bom.py: strips the byte-order mark", in: memory) == 1)

        let second = try JarvisBinary.run(arguments, in: fixture.root, environment: MemoryTestServerBinary.unhurried)
        #expect(second.status == 0, "\(second.output)\(second.errorOutput)")
        let stateAgain = fixture.read(".claude/context/session-state.md")
        #expect(count("Stream the parser: finance files reach 2 GB", in: stateAgain) == 1, "\(stateAgain ?? "")")
        let memoryAgain = FileManager.default.contents(atPath: store.path).map { String(decoding: $0, as: UTF8.self) }
        #expect(
            count("Decision: Stream the parser: finance files reach 2 GB", in: memoryAgain) == 1,
            "\(memoryAgain ?? "")"
        )
    }

    @Test("invalid notes: exit 2 naming the line, nothing written")
    func invalidNotes() throws {
        let (fixture, _) = try project()
        defer { fixture.remove() }
        try fixture.write("notes.md", "## Accomplishments\n- a\n## Todo\n- b\n")
        let before = snapshotTree(fixture.root)
        let head = try fixture.git(["rev-parse", "HEAD"])
        let result = try JarvisBinary.run(
            ["--plain", "--yes", "--cycles", "none", "--notes", "notes.md"],
            in: fixture.root
        )
        #expect(result.status == 2)
        #expect(result.errorOutput.contains("notes.md:3: unknown section “Todo”"), "\(result.errorOutput)")
        #expect(result.errorOutput.contains("Nothing was written"))
        #expect(snapshotTree(fixture.root) == before)
        #expect(try fixture.git(["rev-parse", "HEAD"]) == head)
        let missing = try JarvisBinary.run(["--plain", "--yes", "--notes", "no-such-notes.md"], in: fixture.root)
        #expect(missing.status == 2 && missing.errorOutput.contains("no-such-notes.md"))
    }

    @Test("notes from standard input (--notes -), as the slash command passes them")
    func notesFromStdin() throws {
        let (fixture, _) = try project()
        defer { fixture.remove() }
        var env = ProcessInfo.processInfo.environment
        env["GIT_TERMINAL_PROMPT"] = "0"
        let result = try ProcessRunner.run(
            [JarvisBinary.url.path, "--plain", "--yes", "--cycles", "none", "--notes", "-"],
            in: fixture.root,
            environment: env,
            input: Data(Self.notes.utf8),
            timeout: .seconds(120)
        )
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(fixture.read(".claude/context/.checkpoint.md")?.contains("Handle quoted newlines in CSV cells") == true)
    }
}
