import Foundation
import TestSupport

@testable import Completion

/// The `memory-test-server` executable SwiftPM builds next to the test bundle (`swift build --build-tests`
/// builds every product). A real MCP server process over stdio, not a stand-in.
enum MemoryTestServerBinary {
    static let path: String = {
        guard let built = BuiltBinary.ifBuilt("memory-test-server") else {
            return "memory-test-server-not-built (run `swift build --build-tests` first)"
        }
        return built.path
    }()

    /// For tests that count what a run stored, not how fast the server answered: on 2 busy cores the server can
    /// take longer than the 10 s start limit to answer `initialize`, and the writes would be queued instead.
    static let unhurried = ["JARVIS_MEMORY_TIMEOUT_MS": "60000"]
}

/// A throw-away project folder with `.claude/`, a `.mcp.json` naming the test server, and the server's store
/// outside the project.
final class MemoryTestProject: @unchecked Sendable {
    let folder: URL
    let project: Project
    let store: URL

    init(sessionState: String? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "memory-test-\(UUID().uuidString.prefix(8))"
        )
        project = Project(root: folder.appendingPathComponent("app"))
        store = folder.appendingPathComponent("store/memory.jsonl")
        try FileManager.default.createDirectory(at: project.contextFolder, withIntermediateDirectories: true)
        if let sessionState { try AtomicFile.write(sessionState, to: project.sessionStateFile) }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// A HOME of the test's own (no `~/.claude.json`, no `~/.claude/settings.json` unless a test writes one), so
    /// that the machine's real configuration never decides a test.
    var home: URL { folder.appendingPathComponent("home") }
    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment.removeValue(forKey: "CLAUDE_CONFIG_DIR")
        return environment
    }

    /// Points `.mcp.json`'s `memory` server at the test server (or at `command`), with failure modes, approved in
    /// `.claude/settings.local.json` as Claude Code records a user's approval (`approve: false` leaves it pending).
    func configureServer(
        failure: String? = nil,
        command: String? = nil,
        type: String? = nil,
        name: String = "memory",
        approve: Bool = true,
        environment extra: [String: String] = [:]
    ) throws {
        if approve { try ProjectServerApprovalRecord.record(name, project: project) }
        var env = ["MEMORY_FILE_PATH": store.path].merging(extra) { _, new in new }
        if let failure { env["MEMORY_TEST_FAILURE"] = failure }
        var server: [String: Any] = ["command": command ?? MemoryTestServerBinary.path, "args": [String](), "env": env]
        if let type { server["type"] = type }
        let data = try JSONSerialization.data(
            withJSONObject: ["mcpServers": [name: server]],
            options: [.prettyPrinted, .sortedKeys]
        )
        try data.write(to: project.mcpConfigFile)
    }

    func record(
        sessionID: String = "session-test-1",
        ordinal: Int = 1,
        accomplishments: [String] = ["Add login form validation"]
    ) -> SessionRecord {
        var record = SessionRecord(
            sessionID: sessionID,
            endedAt: Date(),
            day: "2026-11-25",
            ordinal: ordinal,
            contextWindow: 200_000
        )
        record.accomplishments = accomplishments
        record.decisions = ["Keep sessions server-side"]
        record.blockers = ["Waiting for copy"]
        record.nextStep = "Write integration tests"
        record.branch = "main"
        return record
    }

    /// Runs step 2 alone on `record`, as the engine does, and returns its outcome and the record it filled.
    func runStep(
        _ record: SessionRecord,
        configuration: Configuration = Configuration(),
        limits: MemoryTimeLimits = .forTests,
        dryRun: Bool = false,
        responder: Responder = SafeDefaultResponder()
    ) async -> (Outcome, SessionRecord, [CompletionEvent]) {
        var options = RunOptions()
        options.dryRun = dryRun
        let plan = CompletionPlan(
            project: project,
            resolved: ResolvedConfiguration(
                configuration: configuration,
                warnings: [],
                emergencyStop: false,
                offerSuppressedBy: nil
            ),
            options: options,
            environment: environment
        )
        let events = EventLog()
        let context = StepContext(
            plan: plan,
            record: record,
            responder: responder,
            writer: ProjectWriter(project: project, dryRun: dryRun),
            emit: { events.add($0) }
        )
        context.currentStep = .memory
        let outcome = await MemoryPersistenceStep(limits: limits).run(in: context)
        return (outcome, context.record, events.all)
    }

    var queueLines: [String] {
        guard let data = FileManager.default.contents(atPath: project.memoryQueueFile.path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The server's store, read independently of the client: the reference JSONL format.
    func storedGraph() throws -> MemoryGraph {
        guard let data = FileManager.default.contents(atPath: store.path) else { return MemoryGraph() }
        var graph = MemoryGraph()
        for line in data.split(separator: UInt8(ascii: "\n")) {
            let object = try JSONSerialization.jsonObject(with: Data(line)) as! [String: Any]
            if object["type"] as? String == "entity" {
                graph.entities.append(try JSONDecoder().decode(MemoryEntity.self, from: Data(line)))
            } else {
                graph.relations.append(try JSONDecoder().decode(MemoryRelation.self, from: Data(line)))
            }
        }
        return graph
    }

    func launch(failure: String? = nil) -> MemoryServerLaunch {
        var env = ["MEMORY_FILE_PATH": store.path]
        if let failure { env["MEMORY_TEST_FAILURE"] = failure }
        return MemoryServerLaunch(
            name: "memory",
            command: MemoryTestServerBinary.path,
            environment: env,
            directory: project.root
        )
    }
}

final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [CompletionEvent] = []
    func add(_ event: CompletionEvent) { lock.lock(); events.append(event); lock.unlock() }
    var all: [CompletionEvent] { lock.lock(); defer { lock.unlock() }; return events }
}

/// True while a process with this id exists (a zombie counts: it has not been reaped).
func processExists(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno != ESRCH
}

/// Waits up to `seconds` for `condition`.
func eventually(seconds: Double = 5, _ condition: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}

extension MemoryTimeLimits {
    /// For tests that are not about time limits: the whole suite runs in parallel on 2 cores, where a server that
    /// is merely slow to be scheduled must not look hung. Tests about hangs pass their own short limits.
    static let forTests = MemoryTimeLimits(connect: .seconds(30), call: .seconds(20))
}
