import Completion
import Foundation

/// Step 2 against one plain client call to the same server, both measured here: the step (read `.mcp.json`,
/// spawn, initialize, list tools, look up the session, create entities and relations, add observations, reap)
/// and the baseline (spawn, initialize, list tools, one `create_entities`, reap). The server is
/// `mcp-server-memory` when on PATH, else the `memory-test-server` built next to this executable
/// (`swift build -c release --product memory-test-server`), else the debug build's.
enum MemoryBenchmark {
    static let runs = 15

    static func run() throws -> [BenchmarkRow] {
        let debugBuild = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("debug/memory-test-server").path
        guard
            let server = DemoMemoryServer.locate()
                ?? (FileManager.default.isExecutableFile(atPath: debugBuild) ? debugBuild : nil)
        else {
            throw BenchmarkFailure(
                "no memory server: build it with `swift build -c release --product memory-test-server` or put mcp-server-memory on PATH"
            )
        }
        var rows: [BenchmarkRow] = []
        for entities in [0, 5_000] {
            rows.append(try measure(server: server, storeEntities: entities))
        }
        return rows
    }

    /// The step and the baseline against one server whose store starts with `storeEntities` entities.
    static func measure(server: String, storeEntities: Int) throws -> BenchmarkRow {
        let folder = FixtureFolders.make("jarvis-bench-memory")
        defer { FixtureFolders.remove(folder) }
        let project = Project(root: folder.appendingPathComponent("app"))
        try FileManager.default.createDirectory(at: project.contextFolder, withIntermediateDirectories: true)
        let store = folder.appendingPathComponent("memory.jsonl")
        if storeEntities > 0 { try MemoryStoreFixture.write(entities: storeEntities, to: store) }
        let config: [String: Any] = [
            "mcpServers": ["memory": ["command": server, "env": ["MEMORY_FILE_PATH": store.path]]]
        ]
        try JSONSerialization.data(withJSONObject: config).write(to: project.mcpConfigFile)
        try ProjectServerApprovalRecord.record("memory", project: project)
        let launch = MemoryServerLaunch(
            name: "memory",
            command: server,
            environment: ["MEMORY_FILE_PATH": store.path],
            directory: project.root
        )

        var counter = 0
        resetPeakMemory()
        let baseline = try medianSeconds(runs: runs) {
            counter += 1
            let name = "Baseline_\(counter)"
            try runBlocking {
                let client = try await MemoryClient.connect(launch)
                do {
                    _ = try await client.createEntities([
                        MemoryEntity(name: name, entityType: "session", observations: ["x"])
                    ])
                } catch {
                    await client.close(); throw error
                }
                await client.close()
            }
        }
        let baselinePeak = peakMemoryMB()
        var failures: [String] = []
        resetPeakMemory()
        let step = try medianSeconds(runs: runs) {
            counter += 1
            var record = SessionRecord(
                sessionID: "bench-\(counter)",
                endedAt: Date(),
                day: "2026-11-25",
                ordinal: counter,
                contextWindow: 200_000
            )
            record.accomplishments = ["Finish PR-12.9", "Add login form validation"]
            record.decisions = ["Keep sessions server-side"]
            record.nextStep = "Write integration tests for PR-13"
            let finished = record
            let outcome = try runBlocking { await MemoryPersistenceStep.runAlone(record: finished, project: project).0 }
            if outcome != .done { failures.append("\(outcome)") }
        }
        let stepPeak = peakMemoryMB()
        if let first = failures.first { throw BenchmarkFailure("the memory step did not complete: \(first)") }
        let described = storeEntities == 0 ? "an empty store" : "a store of \(storeEntities) entities"
        return BenchmarkRow(
            name: "memory step: store one session in \(described) (\(runs) runs)",
            value: step * 1000,
            unit: "ms",
            baselineName: "one client call (spawn, initialize, create_entities, reap)",
            baseline: baseline * 1000,
            target: "report only",
            peakMB: stepPeak,
            baselinePeakMB: baselinePeak
        )
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs async work from the synchronous benchmark table (the main thread is not one of the pool's threads).
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    try ThreadWork<Result<T, any Error>>.blockingAwait {
        do { return .success(try await body()) } catch { return .failure(error) }
    }.get()
}
