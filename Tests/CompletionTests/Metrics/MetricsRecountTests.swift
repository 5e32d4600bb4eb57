import Foundation
import Testing

@testable import Completion

/// Every emitted metric recomputed from the repositories and the run's outcome, independently of the tool.
@Suite("Metrics recomputed from the repository")
struct MetricsRecountTests {
    /// The sum of each metric over every line of the metrics file.
    static func sums(_ repository: GitTestRepository) throws -> [String: Double] {
        let text = String(
            decoding: try #require(repository.read(".claude/metrics/AC-09-sessions.jsonl")),
            as: UTF8.self
        )
        var sums: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let parsed = try JSONDecoder().decode(MetricLine.self, from: Data(line.utf8))
            sums[parsed.metric, default: 0] += parsed.value.numeric
        }
        return sums
    }

    static func commits(_ repository: GitTestRepository, since start: String) throws -> Int {
        Int(try repository.git(["rev-list", "--count", "\(start)..HEAD"])) ?? -1
    }

    static func pushed(_ repository: GitTestRepository, since start: String) -> Int {
        repository.remoteHead == repository.head && repository.head != start ? 1 : 0
    }

    /// Each run's `completion_time`, in the order the runs wrote them.
    static func completionTimes(_ repository: GitTestRepository) throws -> [Double] {
        let text = String(
            decoding: try #require(repository.read(".claude/metrics/AC-09-sessions.jsonl")),
            as: UTF8.self
        )
        return try text.split(separator: "\n").map { try JSONDecoder().decode(MetricLine.self, from: Data($0.utf8)) }
            .filter { $0.metric == "completion_time" }.map(\.value.numeric)
    }

    /// Each run's completion time lies between its last step and its closing line in the run's own log. The log's
    /// offsets are whole milliseconds and the metric is rounded to one: a margin of two milliseconds.
    static func expectCompletionTimes(_ repository: GitTestRepository, logs: [RunLogTimes]) throws {
        let times = try completionTimes(repository)
        #expect(!logs.isEmpty && times.count == logs.count, "\(times.count) times, \(logs.count) run logs")
        for (time, log) in zip(times, logs) {
            #expect(time >= log.lastStep - 0.002, "completion_time \(time) s, the last step ended at \(log.lastStep) s")
            #expect(time <= log.finished + 0.002, "completion_time \(time) s, the run finished at \(log.finished) s")
        }
    }

    static func summaries(_ repository: GitTestRepository) -> Int {
        let folder = repository.url(".claude/reports/sessions").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".md") }
            .count
    }

    @Test("a single repository")
    func singleRepository() async throws {
        let repository = try GitTestRepository()
        let start = repository.head
        try repository.write("feature.txt", "new\n")
        let before = ProjectSnapshot(repository.root)
        let run = await JarvisTestRun.complete(JarvisTestRun.plan(repository))
        let result = try #require(run.result)
        let after = ProjectSnapshot(repository.root)
        let sums = try Self.sums(repository)
        #expect(sums["sessions_completed"] == (result.exitStatus == .completed ? 1 : 0))
        #expect(sums["pre_completion_offers"] == 0)
        #expect(sums["tier2_cycles_run"] == Double(result.cycles.filter { $0.outcome.name != "skipped" }.count))
        #expect(sums["commits_created"] == Double(try Self.commits(repository, since: start)))
        #expect(sums["pushes_completed"] == Double(Self.pushed(repository, since: start)))
        #expect(sums["summaries_generated"] == Double(Self.summaries(repository)))
        #expect(sums["handoff_quality_score"] == Double(result.handoffQuality))
        #expect(sums["commit_success"] == 1)
        // The state files, the priorities, the summary, the checkpoint, Jarvis' component state.
        #expect(sums["files_updated"] == Double(before.updated(in: after).count))
        #expect(before.updated(in: after).count >= 5, "\(before.updated(in: after).sorted())")
        try Self.expectCompletionTimes(repository, logs: RunLogTimes.runs(before: before, after: after))
        #expect(sums["sessions_completed"] == 1 && sums["commits_created"] == 1 && sums["pushes_completed"] == 1)
    }

    @Test("memory entities: the metric is the number of entities the run added to the server's store")
    func memoryEntities() async throws {
        let repository = try GitTestRepository()
        let store = repository.folder.url.appendingPathComponent("store/memory.jsonl")
        let home = repository.folder.url.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let server: [String: Any] = [
            "command": MemoryTestServerBinary.path, "args": [String](), "env": ["MEMORY_FILE_PATH": store.path],
        ]
        try repository.write(
            ".mcp.json",
            try JSONSerialization.data(withJSONObject: ["mcpServers": ["memory": server]])
        )
        // The user's approval, where Claude Code records it (an untracked file).
        try repository.write(".claude/settings.local.json", "{\"enabledMcpjsonServers\": [\"memory\"]}\n")
        try repository.write("feature.txt", "new\n")
        // The machine's own Claude configuration stays out of it.
        var environment = repository.environment
        environment["HOME"] = home.path
        environment["CLAUDE_CONFIG_DIR"] = nil
        environment.merge(MemoryTestServerBinary.unhurried) { $1 }
        let configuration = repository.configuration { $0.memoryPersistence = true }
        let plan = JarvisTestRun.plan(repository, configuration: configuration, environment: environment)
        let run = await JarvisTestRun.complete(plan)
        #expect(run.result?.exitStatus == .completed)
        let stored = String(decoding: (try? Data(contentsOf: store)) ?? Data(), as: UTF8.self)
        let entities = stored.split(separator: "\n").filter { $0.contains("\"type\":\"entity\"") }.count
        let memory = run.result?.steps.first { $0.step == .memory }?.outcome
        #expect(entities > 0, "nothing was stored: \(memory.map { "\($0)" } ?? "no step 2")")
        #expect(try Self.sums(repository)["memory_entities_created"] == Double(entities))
    }

    @Test("two repositories: each commit and each push counts")
    func twoRepositories() async throws {
        let repository = try GitTestRepository()
        let lib = try GitTestRepository(name: "lib", in: repository.folder, initialise: false)
        let starts = [repository.head, lib.head]
        try repository.write("app.txt", "app\n")
        try lib.write("lib.txt", "lib\n")
        let configuration = repository.configuration { $0.git.repositories = ["../lib"] }
        let before = ProjectSnapshot(repository.root)
        let run = await JarvisTestRun.complete(JarvisTestRun.plan(repository, configuration: configuration))
        #expect(run.result?.exitStatus == .completed)
        let after = ProjectSnapshot(repository.root)
        let sums = try Self.sums(repository)
        // The second repository's files are committed, not rewritten: only the project's files count.
        #expect(sums["files_updated"] == Double(before.updated(in: after).count))
        try Self.expectCompletionTimes(repository, logs: RunLogTimes.runs(before: before, after: after))
        let commits = try Self.commits(repository, since: starts[0]) + Self.commits(lib, since: starts[1])
        let pushes = Self.pushed(repository, since: starts[0]) + Self.pushed(lib, since: starts[1])
        #expect(commits == 2 && pushes == 2)
        #expect(sums["commits_created"] == Double(commits))
        #expect(sums["pushes_completed"] == Double(pushes))
        #expect(sums["sessions_completed"] == 1)
    }

    @Test("a run stopped after its commit and the run that resumes it count the session once")
    func stoppedThenResumed() async throws {
        let repository = try GitTestRepository()
        let start = repository.head
        try repository.write("feature.txt", "new\n")
        // Stopped while step 5 asks whether to push (the answer is yes): steps 6 and 7 are left for the next run.
        let control = RunControl()
        let configuration = repository.configuration { $0.autoPush = false }
        let plan = JarvisTestRun.plan(repository, configuration: configuration, control: control)
        let before = ProjectSnapshot(repository.root)
        let first = await JarvisTestRun.complete(plan, responder: StopWhenAsked(control: control))
        #expect(first.result?.exitStatus == .interrupted)
        #expect(first.finished(.git))
        #expect(first.result?.steps.first { $0.step == .handoff }?.outcome == .skipped("stopped by the user"))

        let between = ProjectSnapshot(repository.root)
        let second = await JarvisTestRun.complete(JarvisTestRun.plan(repository))
        #expect(second.result?.exitStatus == .completed)
        let after = ProjectSnapshot(repository.root)
        // Each run counts what it changed; the resumed run does not count again what the stopped one wrote.
        let updated = before.updated(in: between).count + between.updated(in: after).count
        #expect(try Self.sums(repository)["files_updated"] == Double(updated))
        let logs = RunLogTimes.runs(before: before, after: between) + RunLogTimes.runs(before: between, after: after)
        try Self.expectCompletionTimes(repository, logs: logs)
        let runs = [first, second].compactMap(\.result)
        let sums = try Self.sums(repository)
        #expect(sums["sessions_completed"] == Double(runs.filter { $0.exitStatus == .completed }.count))
        #expect(sums["commits_created"] == Double(try Self.commits(repository, since: start)))
        #expect(sums["pushes_completed"] == Double(Self.pushed(repository, since: start)))
        #expect(sums["summaries_generated"] == Double(Self.summaries(repository)))
        #expect(sums["sessions_completed"] == 1 && sums["commits_created"] == 1 && sums["summaries_generated"] == 1)
    }

    @Test("a run past alert_seconds warns and marks its completion_time line")
    func alertThreshold() {
        #expect(CompletionTimeAlert.check(.seconds(3), limit: 120) == nil)
        let warning = CompletionTimeAlert.check(.seconds(121), limit: 120)
        #expect(warning?.contains("past the alert threshold of 120 s") == true)
        var figures = MetricsRecorder.Figures(
            offerShown: false,
            cyclesRun: 0,
            commitsCreated: 0,
            pushesCompleted: 0,
            memoryEntitiesCreated: 0,
            summaryWritten: false,
            handoffQuality: 0,
            completionSeconds: 121,
            filesUpdated: 0,
            commitSucceeded: false
        )
        figures.pastAlert = true
        let lines = MetricsRecorder.lines(figures, at: Date())
        #expect(
            lines.first { $0.metric == "completion_time" }?.json.hasSuffix(#""unit": "seconds", "alert": true}"#)
                == true
        )
        #expect(lines.filter { $0.alert != nil }.count == 1)
    }
}

/// Answers yes, and asks the run to stop after the step that asked.
struct StopWhenAsked: Responder {
    let control: RunControl
    func answer(_ question: Question) async -> Bool {
        control.requestStop()
        return true
    }
}
