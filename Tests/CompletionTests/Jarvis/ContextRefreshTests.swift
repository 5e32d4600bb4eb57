import Foundation
import Testing

@testable import Completion

/// Step 3's refresh (patterns, configs, roadmap), step 6's MCP suggestions and step 7's log archive, on real runs.
@Suite("Steps 3, 6 and 7: refresh, MCP suggestions, log archive")
struct ContextRefreshTests {
    static func text(_ repository: GitTestRepository, _ path: String) -> String {
        String(decoding: repository.read(path) ?? Data(), as: UTF8.self)
    }

    @Test("PR ids: PR-1 is not PR-12, and a trailing dot is punctuation")
    func prIDs() {
        #expect(RoadmapMilestones.ids(in: "Done: PR-12.9. Also pr-3 and xPR-4, PR-12") == ["PR-12.9", "PR-3", "PR-12"])
        #expect(RoadmapMilestones.ids(in: "PR- and PR-x") == [])
    }

    @Test("ticking keeps every other byte: CRLF, a Latin-1 line, indented items, unrelated PRs")
    func tickKeepsBytes() {
        let latin1 = Data([0x63, 0x61, 0x66, 0xE9])  // "café" in Latin-1: not UTF-8
        func roadmap(_ first: String, _ last: String) -> Data {
            Data("# Roadmap\r\n- [\(first)] PR-12.9: done today\r\n  * [ ] PR-12: phase\r\n- [\(last)] ".utf8) + latin1
                + Data(" PR-7\r\n".utf8)
        }
        let (ticked, items) = RoadmapMilestones.tick(roadmap(" ", " "), completed: ["PR-12.9", "PR-7"])
        #expect(items.count == 2)
        #expect(ticked == roadmap("x", "x"))
    }

    @Test("an item is ticked by its own id, not by a milestone it mentions")
    func tickByOwnID() {
        let roadmap = Data("- [ ] PR-12.10: follow-up to PR-12.9\n- [ ] Session completion (PR-12.9)\n".utf8)
        let (ticked, items) = RoadmapMilestones.tick(roadmap, completed: ["PR-12.9"])
        #expect(items == ["Session completion (PR-12.9)"])
        #expect(ticked == Data("- [ ] PR-12.10: follow-up to PR-12.9\n- [x] Session completion (PR-12.9)\n".utf8))
    }

    @Test("changed patterns and configs are listed to re-read; a broken config is a warning naming file and line")
    func rereadAndBrokenConfig() async throws {
        let repository = try GitTestRepository()
        try repository.write(".claude/context/patterns/session-completion-pattern.md", "# Pattern\n\nNew rule.\n")
        try repository.write(".claude/config/jicm-config.yaml", "threshold: 55\nmodes: [a, b\n")
        let run = await JarvisTestRun.complete(JarvisTestRun.plan(repository))
        #expect(run.result?.exitStatus == .completed)
        let warning = try #require(run.warnings.first { $0.contains(".claude/config/jicm-config.yaml") })
        #expect(
            warning.contains("not valid YAML at line 2") || warning.contains("not valid YAML at line 3"),
            "\(warning)"
        )
        let checkpoint = Self.text(repository, ".claude/context/.checkpoint.md")
        #expect(checkpoint.contains("**Re-read next session** (changed this session):"))
        #expect(checkpoint.contains("- `.claude/context/patterns/session-completion-pattern.md`"))
        #expect(checkpoint.contains("- `.claude/config/jicm-config.yaml`"))
        // A project without Jarvis' telemetry folder gets none: the events go only where Jarvis keeps them.
        #expect(!FileManager.default.fileExists(atPath: repository.url(".claude/logs/telemetry").path))
    }

    @Test("MCP suggestions come from .mcp.json and the tier list, each with its reason")
    func mcpSuggestions() async throws {
        let repository = try GitTestRepository()
        let servers = ["memory", "github", "context7", "playwright", "deploy"].map {
            "\"\($0)\": {\"command\": \"true\"}"
        }
        try repository.write(".mcp.json", "{\"mcpServers\": {\(servers.joined(separator: ", "))}}\n")
        try repository.write(".claude/config/mcp-tiers.yaml", "tier1: [filesystem]\ntier2: [github, context7]\n")
        let state =
            "# Session State\n\n**Next Step**: Open the pull request for the importer\n\n## Pending Todos\n\n"
            + "- [ ] Read the library docs\n- [ ] Ship to staging\n"
        try repository.write(".claude/context/session-state.md", state)
        let configuration = repository.configuration { $0.mcpKeywords = ["deploy": ["staging"]] }
        let run = await JarvisTestRun.complete(JarvisTestRun.plan(repository, configuration: configuration))
        #expect(run.result?.exitStatus == .completed)
        let checkpoint = Self.text(repository, ".claude/context/.checkpoint.md")
        #expect(checkpoint.contains("- `memory`: always: cross-session recall"))
        #expect(checkpoint.contains("- `github`: “pull request” in the next step, Tier 2"))
        #expect(checkpoint.contains("- `context7`: “docs” in a pending todo, Tier 2"))
        #expect(checkpoint.contains("- `deploy`: “staging” in a pending todo"))
        #expect(checkpoint.contains("- `filesystem`: Tier 1: always on"))
        #expect(!checkpoint.contains("`playwright`"))
        let summary = try #require(
            run.events.compactMap { if case .summaryReady(let d) = $0 { d.markdown } else { nil } }.last
        )
        #expect(summary.contains("- **MCPs suggested**: memory (always: cross-session recall); "))
        #expect(summary.contains("github (“pull request” in the next step, Tier 2)"))
    }

    @Test("archive_logs moves rotated logs and old telemetry to archives/logs, compressed, and keeps today's")
    func archiveLogs() async throws {
        let repository = try GitTestRepository()
        let rotated = Data("2026-01-01 WARN something\n".utf8)
        let old = Data("{\"component\":\"AC-09\"}\n".utf8)
        let today = "events-\(Timestamp.iso(Date()).prefix(10)).jsonl"
        try repository.write(".claude/logs/session-completion.log.2", rotated)
        try repository.write(".claude/logs/telemetry/events-2020-01-01.jsonl", old)
        try repository.write(".claude/logs/telemetry/\(today)", "{}\n")
        let configuration = repository.configuration { $0.archiveLogs = true }
        let run = await JarvisTestRun.complete(JarvisTestRun.plan(repository, configuration: configuration))
        #expect(run.result?.steps.first { $0.step == .cleanup }?.outcome == .done)
        let folder = repository.url(".claude/archives/logs")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let log = try #require(names.first { $0.hasPrefix("session-completion.log.2.") && $0.hasSuffix(".gz") })
        let archived = try Data(contentsOf: folder.appendingPathComponent(log))
        #expect(try GzipStream.decompress(archived) == rotated)
        let telemetry = try Data(contentsOf: folder.appendingPathComponent("telemetry-events-2020-01-01.jsonl.gz"))
        #expect(try GzipStream.decompress(telemetry) == old)
        #expect(repository.read(".claude/logs/session-completion.log.2") == nil)
        #expect(repository.read(".claude/logs/telemetry/events-2020-01-01.jsonl") == nil)
        #expect(repository.read(".claude/logs/telemetry/\(today)") != nil)
        #expect(repository.statusLines.isEmpty, "\(repository.statusLines)")
    }

    @Test("a run past alert_seconds warns and marks its completion_time metric line")
    func slowRunAlert() async throws {
        let repository = try GitTestRepository()
        let configuration = repository.configuration {
            $0.alertSeconds = 1
            $0.cycles[.maintenance] = CycleCommand(argv: ["sleep", "1.5"])
        }
        var options = RunOptions()
        options.cycles = [.maintenance]
        let run = await JarvisTestRun.complete(
            JarvisTestRun.plan(repository, configuration: configuration, options: options)
        )
        #expect(run.result?.exitStatus == .completed)
        #expect(run.warnings.contains { $0.contains("past the alert threshold of 1 s (alert_seconds)") })
        #expect(run.result?.warnings.contains { $0.contains("past the alert threshold") } == true)
        let metrics = Self.text(repository, ".claude/metrics/AC-09-sessions.jsonl")
        let line = try #require(metrics.split(separator: "\n").first { $0.contains("\"completion_time\"") })
        #expect(line.hasSuffix("\"unit\": \"seconds\", \"alert\": true}"))
    }
}
