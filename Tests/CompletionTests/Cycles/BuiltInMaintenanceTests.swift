import Foundation
import Testing

@testable import Completion

@Suite("Built-in maintenance (AC-08)")
struct BuiltInMaintenanceTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21

    private func metricLine(daysAgo: Double, metric: String = "sessions_completed") -> String {
        MetricLine(
            timestamp: Timestamp.iso(now.addingTimeInterval(-daysAgo * 86_400)),
            metric: metric,
            value: .number(1),
            unit: "count"
        ).json
    }

    private func runMaintenance(_ test: CyclesTestProject, log: CyclesEventLog = CyclesEventLog()) async -> CycleRun {
        let fixed = now
        return await CyclesTest.runner(test.project, cycles: [:], now: { fixed }, log: log).run(.maintenance)
    }

    @Test("prunes metrics past 90 days and aggregates past a year, keeping lines it cannot read")
    func retention() async throws {
        let test = try CyclesTestProject(git: true)
        defer { test.remove() }
        let lines = [
            metricLine(daysAgo: 200), metricLine(daysAgo: 91), "not json at all", metricLine(daysAgo: 89),
            metricLine(daysAgo: 1),
        ]
        try test.write(".claude/metrics/AC-09-sessions.jsonl", lines.joined(separator: "\n") + "\n")
        let old = SessionGatherer.dayStamp(now.addingTimeInterval(-400 * 86_400))
        let recent = SessionGatherer.dayStamp(now.addingTimeInterval(-300 * 86_400))
        try test.write(".claude/metrics/aggregates/daily/\(old).json", "{}\n")
        try test.write(".claude/metrics/aggregates/daily/\(recent).json", "{}\n")

        let run = await runMaintenance(test)
        #expect(run.outcome == .done)
        let kept = try String(contentsOf: test.project.metricsFile, encoding: .utf8).split(separator: "\n").map(
            String.init
        )
        #expect(kept == [lines[2], lines[3], lines[4]])
        #expect(
            !FileManager.default.fileExists(
                atPath: test.project.dailyAggregatesFolder.appendingPathComponent("\(old).json").path
            )
        )
        #expect(
            FileManager.default.fileExists(
                atPath: test.project.dailyAggregatesFolder.appendingPathComponent("\(recent).json").path
            )
        )
        #expect(run.findings.contains("Maintenance: metrics: pruned 2 line(s) older than 90 days, 3 kept"))
        #expect(run.findings.contains("Maintenance: daily aggregates: removed 1 older than a year, 1 kept"))
    }

    @Test("rotates a completion log over the limit; reports stale transient files; validates the config")
    func logTransientsConfig() async throws {
        let test = try CyclesTestProject(git: true, config: "session_completion:\n  auto_push: false\n  colour: blue\n")
        defer { test.remove() }
        try test.write(
            ".claude/logs/session-completion.log",
            String(repeating: "2026-01-01T00:00:00Z INFO line\n", count: 40_000)
        )
        try test.write(".claude/logs/session-completion.log.1", "older\n")
        try test.write(".claude/state/temp/old-scratch.json", "{}")
        try test.write(".claude/state/temp/fresh.json", "{}")
        try FileManager.default.setAttributes(
            [.modificationDate: now.addingTimeInterval(-30 * 86_400)],
            ofItemAtPath: test.root.appendingPathComponent(".claude/state/temp/old-scratch.json").path
        )
        try FileManager.default.setAttributes(
            [.modificationDate: now],
            ofItemAtPath: test.root.appendingPathComponent(".claude/state/temp/fresh.json").path
        )
        try test.write(".claude/context/.session-state.md.123.456.tmp", "half")

        let log = CyclesEventLog()
        let run = await runMaintenance(test, log: log)
        #expect(run.outcome == .done)
        let logs = test.project.logsFolder.path
        #expect(!FileManager.default.fileExists(atPath: logs + "/session-completion.log"))
        #expect(try String(contentsOfFile: logs + "/session-completion.log.2", encoding: .utf8) == "older\n")
        #expect(
            (try FileManager.default.attributesOfItem(atPath: logs + "/session-completion.log.1")[.size] as? NSNumber)?
                .intValue ?? 0 > 1_000_000
        )

        let transients = try #require(run.findings.first { $0.contains("transient files") })
        #expect(transients.contains(".claude/state/temp/old-scratch.json"))
        #expect(transients.contains(".claude/context/.session-state.md.123.456.tmp"))
        #expect(!transients.contains("fresh.json"))
        #expect(
            FileManager.default.fileExists(
                atPath: test.root.appendingPathComponent(".claude/state/temp/old-scratch.json").path
            )
        )  // reported, not removed

        #expect(
            run.findings.contains {
                $0.contains("config:") && $0.contains("autonomy-config.yaml:3")
                    && $0.contains("session_completion.colour")
            }
        )
        // Everything found is also shown live.
        #expect(log.outputLines.count == run.findings.count)
    }

    @Test("reports repository size and health, and a damaged repository as a problem")
    func repository() async throws {
        let test = try CyclesTestProject(git: true)
        defer { test.remove() }
        let healthy = await runMaintenance(test)
        #expect(
            healthy.findings.contains { $0.hasPrefix("Maintenance: repository size:") && $0.contains("loose objects") }
        )
        #expect(
            healthy.findings.contains(
                "Maintenance: repository health: `git fsck --connectivity-only` found no problems"
            )
        )

        // Remove the tree object of HEAD: the repository is now broken.
        let tree = try test.run(["git", "rev-parse", "HEAD^{tree}"]).output.trimmingCharacters(
            in: .whitespacesAndNewlines
        )
        let object = test.root.appendingPathComponent(".git/objects/\(tree.prefix(2))/\(tree.dropFirst(2))")
        try FileManager.default.removeItem(at: object)
        let damaged = await runMaintenance(test)
        #expect(damaged.findings.contains { $0.contains("repository health: PROBLEM") })
    }

    @Test("outside a git repository and without a config it still runs and says what it could not check")
    func bareFolder() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        let run = await runMaintenance(test)
        #expect(run.outcome == .done)
        #expect(run.findings.contains { $0.contains("is not a git repository") })
        #expect(run.findings.contains { $0.contains("does not exist; defaults apply") })
    }

    @Test("a malformed config is a finding with file, line and column")
    func malformedConfig() async throws {
        let test = try CyclesTestProject(config: "session_completion:\n  auto_push: [unclosed\n")
        defer { test.remove() }
        let run = await runMaintenance(test)
        #expect(run.findings.contains { $0.contains("config: PROBLEM") && $0.contains("autonomy-config.yaml:") })
    }
}

@Suite("Cycles in the engine: findings in the summary, metrics that count what happened")
struct CyclesInEngineTests {
    private func plan(
        _ test: CyclesTestProject,
        cycles: [CycleID],
        offerShown: Bool,
        configuration: Configuration = Configuration(),
        emergencyStop: Bool = false,
        control: RunControl = RunControl()
    ) -> CompletionPlan {
        var options = RunOptions()
        options.cycles = cycles
        options.offerShown = offerShown
        options.push = .never
        let resolved = ResolvedConfiguration(
            configuration: configuration,
            warnings: [],
            emergencyStop: emergencyStop,
            offerSuppressedBy: nil
        )
        return CompletionPlan(
            project: test.project,
            resolved: resolved,
            options: options,
            environment: CyclesTest.environment,
            control: control
        )
    }

    static func run(
        _ plan: CompletionPlan,
        responder: Responder = SafeDefaultResponder()
    ) async -> (events: [CompletionEvent], result: RunResult?) {
        var events: [CompletionEvent] = []
        var result: RunResult?
        for await event in SessionCompletion.run(plan, responder: responder) {
            events.append(event)
            if case .finished(let r) = event { result = r }
        }
        return (events, result)
    }

    private func metric(_ name: String, in test: CyclesTestProject) throws -> Double? {
        let text = try String(contentsOf: test.project.metricsFile, encoding: .utf8)
        for line in text.split(separator: "\n") {
            let parsed = try JSONDecoder().decode(MetricLine.self, from: Data(line.utf8))
            if parsed.metric == name { return parsed.value.numeric }
        }
        return nil
    }

    @Test("maintenance findings land in the session summary; tier2_cycles_run and pre_completion_offers count the run")
    func findingsAndMetrics() async throws {
        let test = try CyclesTestProject(git: true)
        defer { test.remove() }
        var configuration = Configuration()
        configuration.cycles[.reflection] = CyclesTest.bash("echo reflecting")
        configuration.cycles[.evolution] = CyclesTest.bash("exit 4")
        let (events, result) = await Self.run(
            plan(
                test,
                cycles: [.reflection, .evolution, .research, .maintenance],
                offerShown: true,
                configuration: configuration
            )
        )
        let finished = try #require(result)
        #expect(finished.cycles.map(\.outcome.name) == ["done", "failed", "skipped", "done"])
        #expect(finished.exitStatus == .completed)  // a failed cycle does not stop the protocol
        let summary = try #require(
            events.compactMap { if case .summaryReady(let s) = $0 { return s } else { return nil } }.last
        )
        #expect(
            summary.markdown.contains(
                "- Maintenance: repository health: `git fsck --connectivity-only` found no problems"
            )
        )
        // Ran: reflection (done), evolution (failed); research was unavailable (not run); maintenance (done).
        #expect(try metric("tier2_cycles_run", in: test) == 3)
        #expect(try metric("pre_completion_offers", in: test) == 1)
    }

    @Test("no offer shown and no cycles: both metrics are zero")
    func noOffer() async throws {
        let test = try CyclesTestProject(git: true)
        defer { test.remove() }
        _ = await Self.run(plan(test, cycles: [], offerShown: false))
        #expect(try metric("tier2_cycles_run", in: test) == 0)
        #expect(try metric("pre_completion_offers", in: test) == 0)
    }
}

@Suite("Built-in maintenance can be skipped while git runs")
struct BuiltInMaintenanceSkipTests {
    @Test("a skip during a slow `git fsck` ends it (whole group) and reports what was found so far")
    func skipDuringFsck() async throws {
        let test = try CyclesTestProject(git: true)
        defer { test.remove() }
        // A huge repository cannot exist here: a `git` wrapper first on PATH makes fsck slow and passes
        // everything else to the real git.
        let realGit = try #require(ExecutableLocator.find("git"))
        let bin = test.root.appendingPathComponent("fake-bin")
        let marker = test.root.appendingPathComponent("fsck-started").path
        // The pid is written under another name and renamed: the skip comes as soon as the marker exists, and
        // could otherwise end the shell between creating the file and writing to it.
        try test.write(
            "fake-bin/git",
            "#!/bin/bash\nif [ \"$1\" = fsck ]; then echo $$ > \(marker).part; mv \(marker).part \(marker); sleep 60; fi\nexec \(realGit) \"$@\"\n"
        )
        chmod(bin.appendingPathComponent("git").path, 0o755)
        var environment = CyclesTest.environment
        environment["PATH"] = bin.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")

        let control = RunControl()
        let skipper = Thread {
            let deadline = ContinuousClock.now + .seconds(30)
            while !FileManager.default.fileExists(atPath: marker), ContinuousClock.now < deadline { usleep(10_000) }
            control.requestCycleSkip()
        }
        skipper.start()
        let log = CyclesEventLog()
        let run = await CyclesTest.runner(
            test.project,
            cycles: [:],
            control: control,
            environment: environment,
            log: log
        ).run(.maintenance)
        #expect(run.outcome.name == "skipped")
        #expect(run.outcome.reason?.contains("skipped by the user") == true)
        #expect(run.findings.contains { $0.contains("repository size:") })
        #expect(run.findings.contains("Maintenance: repository health: not checked (skipped by the user)"))
        #expect(!run.findings.contains { $0.contains("config:") })  // nothing ran after the skip
        let pid = try #require(
            pid_t(try String(contentsOfFile: marker, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
        )
        #expect(CyclesTest.liveMembers(of: pid).isEmpty)
    }
}
