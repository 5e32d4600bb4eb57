import Foundation
import Testing

@testable import Completion

@Suite("Built-in maintenance: MCP servers and the whole .claude/ folder")
struct MaintenanceClaudeFolderTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// A HOME of the test's own, so the machine's Claude Code settings never decide which server is approved.
    func environment(_ test: CyclesTestProject) -> [String: String] {
        var environment = CyclesTest.environment
        environment["HOME"] = test.root.appendingPathComponent("home").path
        environment.removeValue(forKey: "CLAUDE_CONFIG_DIR")
        return environment
    }

    func maintain(
        _ test: CyclesTestProject,
        retention: Int? = nil,
        log: CyclesEventLog = CyclesEventLog()
    ) async
        -> CycleRun
    {
        var configuration = Configuration()
        configuration.summaryRetentionDays = retention
        let fixed = now
        return await CycleRunner(
            project: test.project,
            configuration: configuration,
            environment: environment(test),
            control: RunControl(),
            now: { fixed },
            grace: .seconds(1),
            emit: log.emit
        ).run(.maintenance)
    }

    @Test("one working and one broken MCP server: ✓ for one, ✗ with the reason for the other; unapproved never start")
    func mcpServers() async throws {
        // The broken server dies while its request is written; the tool ignores SIGPIPE, and so must its tests.
        signal(SIGPIPE, SIG_IGN)
        let test = try CyclesTestProject()
        defer { test.remove() }
        let marker = test.root.appendingPathComponent("unapproved-started")
        let servers: [String: Any] = [
            "memory": [
                "command": MemoryTestServerBinary.path, "args": [String](),
                "env": ["MEMORY_FILE_PATH": test.root.appendingPathComponent("store.jsonl").path],
            ],
            // Reads the initialize request, then exits: a server that dies on start.
            "broken": ["command": "sh", "args": ["-c", "read request; echo 'no such module' >&2; exit 3"]],
            "stranger": ["command": "sh", "args": ["-c", "touch '\(marker.path)'"]],
        ]
        try JSONSerialization.data(withJSONObject: ["mcpServers": servers]).write(to: test.project.mcpConfigFile)
        try ProjectServerApprovalRecord.record("memory", project: test.project)
        try ProjectServerApprovalRecord.record("broken", project: test.project)

        let log = CyclesEventLog()
        let run = await maintain(test, log: log)
        #expect(run.outcome == .done, "\(run.outcome)")
        let working = try #require(run.findings.first { $0.contains("MCP server `memory`") })
        #expect(working.hasPrefix("Maintenance: ✓ MCP server `memory`: "), "\(working)")
        #expect(working.contains("tool(s) listed in"))
        let broken = try #require(run.findings.first { $0.contains("MCP server `broken`") })
        #expect(broken.hasPrefix("Maintenance: ✗ MCP server `broken`: the server exited"), "\(broken)")
        let stranger = try #require(run.findings.first { $0.contains("MCP server `stranger`") })
        #expect(stranger.contains("✗") && stranger.contains("not approved"), "\(stranger)")
        #expect(!FileManager.default.fileExists(atPath: marker.path))
        #expect(log.outputLines.contains { $0.hasPrefix("✓ MCP server `memory`") })
    }

    @Test("broken links, oversized files, a stale checkpoint and queue, old summaries, a long session-state")
    func claudeFolder() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        let claude = test.project.claude.path
        try test.write(".claude/logs/huge.log", "")
        truncate(claude + "/logs/huge.log", off_t(BuiltInMaintenance.oversizedBytes + 1))
        try test.write(".claude/context/.checkpoint.md", "# checkpoint\n")
        #expect(symlink("/no/such/target", claude + "/context/gone.md") == 0)
        try FileManager.default.setAttributes(
            [.modificationDate: now.addingTimeInterval(-30 * 86_400)],
            ofItemAtPath: claude + "/context/.checkpoint.md"
        )
        var batch = MemoryBatch(
            session: "Session_2026-08-01",
            sessionID: "s-old",
            entities: [],
            relations: [],
            observations: []
        )
        batch.queuedAt = Timestamp.iso(now.addingTimeInterval(-20 * 86_400))
        try test.write(".claude/context/memory-queue.jsonl", try MemoryQueue.line(for: batch) + "\n")
        try test.write(".claude/reports/sessions/session-2026-01-02.md", "# old\n")
        try test.write(
            ".claude/reports/sessions/\(ReflectionReport.name(Timestamp.day(now), 1).replacingOccurrences(of: "reflection", with: "session"))",
            "# new\n"
        )
        try test.write(".claude/context/session-state.md", String(repeating: "- line\n", count: 250))
        let before = test.snapshot()

        let run = await maintain(test, retention: 30)
        let text = run.findings.joined(separator: "\n")
        #expect(text.contains("1 broken symlink(s): .claude/context/gone.md → /no/such/target"), "\(text)")
        #expect(text.contains("1 file(s) over 10.0 MiB: .claude/logs/huge.log"))
        #expect(text.contains("checkpoint: .claude/context/.checkpoint.md is 30 days old (stale)"))
        #expect(
            text.contains("memory queue: 1 write(s) waiting in .claude/context/memory-queue.jsonl, 1 older than 7 days")
        )
        #expect(text.contains("session summaries: 1 of 2 older than 30 days (summary_retention_days); report only"))
        #expect(text.contains("session-state.md has 250 lines, over 200"))
        #expect(test.snapshot() == before)  // reported, nothing removed

        let kept = await maintain(test)
        #expect(
            kept.findings.contains(
                "Maintenance: session summaries: 2 kept (summary_retention_days is not set: all are kept)"
            )
        )
    }
}
