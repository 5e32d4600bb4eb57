import Completion
import Foundation
import Testing

/// The whole flow on real git repositories with a bare remote, as `jarvis-tui end-session --plain --yes --cycles none` runs it.
@Suite("End to end (real git)")
struct EndToEndTests {
    @Test func completesAUserMadeProject() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let events = try await fixture.complete()
        let result = try #require(events.result)
        #expect(result.exitStatus == .completed)

        // The summary exists with every section.
        let summaryPath = try #require(result.summaryPath)
        let summary = try String(contentsOfFile: summaryPath, encoding: .utf8)
        for heading in [
            "# Session Summary — ", "## Accomplishments", "## Key Decisions", "## Files Modified", "## Blockers",
            "## Next Session", "## Statistics", "## Completion Steps", "## Warnings", "*Session ended: ",
        ] {
            #expect(summary.contains(heading), "summary lacks \(heading)")
        }
        #expect(summary.contains("Parse CSV headers"))
        #expect(summary.contains("Use streaming parsing for large files"))
        #expect(summary.contains("Waiting on sample files from finance"))

        // The checkpoint has its front matter and sections.
        let checkpoint = try #require(fixture.read(".claude/context/.checkpoint.md"))
        #expect(checkpoint.hasPrefix("---\ncreated: "))
        #expect(checkpoint.contains("\nsession: "))
        #expect(checkpoint.contains("\nstatus: completed\n---\n"))
        for section in [
            "## Next Session Instructions", "**Continue with**: Handle CSV files with a BOM",
            "**Context files to read**", "**MCPs suggested**", "## Session Summary",
        ] {
            #expect(checkpoint.contains(section), "checkpoint lacks \(section)")
        }

        // HEAD is the session commit and it contains the summary; the push reached the remote.
        let message = try fixture.git(["log", "-1", "--format=%B"])
        #expect(message.hasPrefix("Session: "))
        #expect(message.contains("Parse CSV headers"))
        let committedFiles = try fixture.git(["show", "--name-only", "--format=", "HEAD"]).split(separator: "\n").map(
            String.init
        )
        #expect(committedFiles.contains(fixture.project.relativePath(of: URL(fileURLWithPath: summaryPath))))
        #expect(committedFiles.contains("src/bom.py"))
        #expect(!committedFiles.contains(".env"))
        #expect(!committedFiles.contains("certs/server.pem"))
        #expect(
            try fixture.git(["rev-parse", "HEAD"]) == (try fixture.git(["rev-parse", "HEAD"], in: fixture.remote))
        )

        // Nothing but the held-back files remains in git status.
        let status = try fixture.git(["status", "--porcelain", "--untracked-files=all"]).split(separator: "\n").map(
            String.init
        ).sorted()
        #expect(status == ["?? .env", "?? certs/server.pem"])

        // Transient files are gone, the checkpoint is kept.
        #expect(!fixture.exists(".claude/state/temp/scratch.txt"))
        #expect(!fixture.exists(".claude/cache/blob"))
        #expect(!fixture.exists(".claude/context/.soft-restart-checkpoint.md"))
        #expect(fixture.exists(".claude/context/.checkpoint.md"))

        // The user's own lines are byte-for-byte still there.
        let state = try #require(fixture.read(".claude/context/session-state.md"))
        for line in FixtureProject.sessionState.components(separatedBy: "\n") where !line.hasPrefix("**") {
            #expect(state.components(separatedBy: "\n").contains(line), "lost user line: \(line)")
        }
        #expect(state.contains("**Next Step**: Handle CSV files with a BOM"))
        let priorities = try #require(fixture.read(".claude/context/current-priorities.md"))
        for line in FixtureProject.priorities.components(separatedBy: "\n") {
            #expect(priorities.components(separatedBy: "\n").contains(line), "lost user line: \(line)")
        }
        #expect(priorities.contains("Parse CSV headers"))

        // Metrics lines parse and follow the emission format; the stats line and the daily aggregate exist.
        let metrics = try #require(fixture.read(".claude/metrics/AC-09-sessions.jsonl"))
        let lines = metrics.split(separator: "\n")
        #expect(lines.count == 11)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["timestamp", "component", "metric", "value", "unit"])
        }
        #expect(metrics.contains(#""metric": "commits_created", "value": 1"#))
        #expect(metrics.contains(#""metric": "pushes_completed", "value": 1"#))
        let stats = try #require(fixture.read(".claude/logs/session-stats.jsonl"))
        let statsObject = try #require(
            try JSONSerialization.jsonObject(with: Data(stats.split(separator: "\n").last!.utf8)) as? [String: Any]
        )
        #expect(
            Set(statsObject.keys) == [
                "date", "duration_minutes", "tokens_used", "commits", "files_modified", "tier2_cycles_run",
                "handoff_quality",
            ]
        )
        #expect(statsObject["commits"] as? Int == 2)
        let aggregates = try FileManager.default.contentsOfDirectory(atPath: fixture.project.dailyAggregatesFolder.path)
        #expect(aggregates.count == 1)

        // Steps 2 and 4 are honest about not being implemented here.
        if case .skipped = events.outcome(.memory) {
        } else {
            Issue.record("memory step should be skipped, was \(String(describing: events.outcome(.memory)))")
        }
        #expect(events.outcome(.stateCapture) == .done)
        #expect(events.outcome(.git) == .done)
    }

    @Test func twoRunsTheSameDayGiveNumberedSummaries() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let first = try #require(try await fixture.complete().result?.summaryPath)
        try fixture.write("src/more.py", "x = 1\n")
        let second = try #require(try await fixture.complete().result?.summaryPath)
        let day = SessionGathererDay.today
        #expect(first.hasSuffix("session-\(day).md"))
        #expect(second.hasSuffix("session-\(day)-2.md"))
        let message = try fixture.git(["log", "-1", "--format=%B"])
        #expect(message.contains("src/more.py"))
        // The second session's baseline is the first session commit: the earlier work is not claimed again.
        let summary = try String(contentsOfFile: second, encoding: .utf8)
        #expect(!summary.contains("- Parse CSV headers"))
    }

    @Test func dryRunWritesNothing() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let before = snapshotTree(fixture.folder)
        var options = RunOptions()
        options.dryRun = true
        let events = try await fixture.complete(options: options)
        #expect(events.result?.exitStatus == .completed)
        let after = snapshotTree(fixture.folder)
        #expect(before.keys.sorted() == after.keys.sorted())
        #expect(before == after)
        let progress = events.compactMap { event -> String? in
            if case .stepProgress(_, let text) = event { return text } else { return nil }
        }
        #expect(progress.contains { $0.hasPrefix("would stage") })
    }

    @Test func noCommitLeavesTheRepositoryAlone() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let head = try fixture.git(["rev-parse", "HEAD"])
        let resolved = try ConfigurationResolver.resolve(
            project: fixture.project,
            commandLine: CommandLineOverrides(preCompletionOffer: false, autoCommit: false),
            environment: [:]
        )
        let plan = CompletionPlan(project: fixture.project, resolved: resolved, options: RunOptions())
        var events: [CompletionEvent] = []
        for await event in SessionCompletion.run(plan) { events.append(event) }
        #expect(try fixture.git(["rev-parse", "HEAD"]) == head)
        if case .skipped = events.outcome(.git) {} else { Issue.record("git step should be skipped") }
        #expect(fixture.exists(".claude/context/.checkpoint.md"))
    }

    @Test func autoPushOffAsksAndTheSafeDefaultKeepsTheCommitLocal() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        try fixture.write(".claude/config/autonomy-config.yaml", "session_completion:\n  auto_push: false\n")
        let events = try await fixture.complete()
        let asked = events.contains {
            if case .questionAsked(let q) = $0 { q.kind == .push && q.safeDefault == false } else { false }
        }
        #expect(asked)
        #expect(
            try fixture.git(["rev-parse", "HEAD"]) != (try fixture.git(["rev-parse", "main"], in: fixture.remote))
        )
        let summary = try String(contentsOfFile: try #require(events.result?.summaryPath), encoding: .utf8)
        #expect(summary.contains("Session"))
    }

    @Test func emergencyStopWritesNothing() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let before = snapshotTree(fixture.folder)
        let events = try await fixture.complete(
            environment: ProcessInfo.processInfo.environment.merging(["JARVIS_EMERGENCY_STOP": "true"]) { $1 }
        )
        #expect(events.result?.exitStatus == .cancelled)
        #expect(snapshotTree(fixture.folder) == before)
    }
}

enum SessionGathererDay {
    static var today: String { Timestamp.day(Date()) }
}
