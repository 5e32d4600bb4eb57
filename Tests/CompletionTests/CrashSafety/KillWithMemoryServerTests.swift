import Foundation
import Testing

@testable import Completion

/// Kill-and-resume inside steps 2, 4 and 5 of a run that has something to lose there: a real memory server
/// (`memory-test-server`) with its store, a transcript to archive, and a bare remote to push to. Each case stops a
/// real `jarvis-tui` at a named point, kills it with SIGKILL and runs it again; the second run must finish the
/// session once — one summary, one session commit, pushed, nothing half-written — and the memory store must hold
/// every entity, relation and observation once.
@Suite("Kill and resume with a memory server")
struct KillWithMemoryServerTests {
    struct Case: CustomStringConvertible, Sendable {
        let point: String
        /// An earlier session's writes wait in the memory queue, so the run flushes them first.
        var queued = false
        var description: String { queued ? "\(point) (queue flushed)" : point }
    }

    static let cases = [
        Case(point: "memory:after-entities"), Case(point: "memory:after-relations"), Case(point: "after:memory"),
        Case(point: "memory:after-entities", queued: true), Case(point: "memory:after-flush", queued: true),
        Case(point: "write:memory-queue.jsonl", queued: true),
        Case(point: "chat-history:mid-copy"), Case(point: "chat-history:after-copy"), Case(point: "after:chat-history"),
        Case(point: "after-commit"), Case(point: "before-push"), Case(point: "after:git"),
    ]

    @Test(arguments: cases)
    func killedThenRerunStoresEverythingOnce(_ test: Case) async throws {
        let fixture = try MemoryKillFixture.make(queued: test.queued)
        defer { fixture.base.remove() }
        let point = test.description
        let pauseFile = fixture.base.folder.appendingPathComponent("paused")
        let process = try KilledRun.start(
            in: fixture.root,
            pauseAt: test.point,
            pauseFile: pauseFile,
            arguments: fixture.arguments
        )
        let paused = await KilledRun.waitForFile(pauseFile, process: process, seconds: 90)
        let server = fixture.serverPID
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(paused, "the run never reached \(point) (exit \(process.terminationStatus))")
        if test.point.hasPrefix("memory:"), let server {
            let gone = await eventually(seconds: 15) { !MemoryKillFixture.isRunning(server) }
            #expect(gone, "\(point): the memory server \(server) outlived the killed run")
        }

        // The agent goes on writing its transcript until the re-run: the session's figures are not the ones the
        // killed run saw, and must not reach the store as a second set.
        let transcriptAtKill = try Data(contentsOf: fixture.transcript)
        try fixture.appendTurn()
        let rerun = try JarvisBinary.run(fixture.arguments, in: fixture.root)
        #expect(rerun.status == 0, "\(point): \(rerun.output.suffix(800))\(rerun.errorOutput)")
        #expect(rerun.output.contains("[2/7] Memory persistence: done"), "\(point): \(rerun.output.suffix(1500))")
        #expect(rerun.output.contains("[4/7] Chat history preservation: done"), "\(point)")

        let base = fixture.base
        let summaries = try FileManager.default.contentsOfDirectory(atPath: base.project.summariesFolder.path).filter {
            $0.hasSuffix(".md")
        }
        #expect(summaries == ["session-\(SessionGathererDay.today).md"], "\(point): \(summaries)")
        let sessionCommits = try base.git(["log", "--format=%s", "--extended-regexp", "--grep=^Session: "]).split(
            separator: "\n"
        )
        #expect(sessionCommits.count == 1, "\(point): \(sessionCommits)")
        #expect(
            try base.git(["rev-parse", "HEAD"]) == (try base.git(["rev-parse", "main"], in: base.remote)),
            "\(point): not pushed"
        )
        #expect(
            !FileManager.default.fileExists(
                atPath: base.project.toolStateFolder.appendingPathComponent("pending-push.json").path
            ),
            "\(point): a push is still pending"
        )
        // A temporary file the killed run left is swept, not taken for one of the session's changes.
        let summary = try #require(base.read(".claude/reports/sessions/session-\(SessionGathererDay.today).md"))
        #expect(!summary.contains(".tmp"), "\(point): \(summary)")
        #expect(!(try base.git(["log", "-1", "--format=%B"])).contains(".tmp"), "\(point)")
        let status = try base.git(["status", "--porcelain", "--untracked-files=all"]).split(separator: "\n").map(
            String.init
        ).sorted()
        #expect(status == ["?? .env", "?? certs/server.pem"], "\(point): \(status)")
        #expect(
            KilledRun.leftoverTempFiles(fixture.root).isEmpty,
            "\(point): \(KilledRun.leftoverTempFiles(fixture.root))"
        )
        #expect(
            MemoryKillFixture.leftoverTempFiles(fixture.store.deletingLastPathComponent()).isEmpty,
            "\(point): the server's own temp file"
        )
        let state = try #require(base.read(".claude/context/session-state.md"))
        for line in FixtureProject.sessionState.components(separatedBy: "\n") where !line.hasPrefix("**") {
            #expect(state.components(separatedBy: "\n").contains(line), "\(point): lost user line \(line)")
        }
        let archives = try FileManager.default.contentsOfDirectory(atPath: base.project.archivesFolder.path).sorted()
        #expect(
            archives.count == 2 && archives.contains { $0.hasSuffix(".jsonl.zst") }
                && archives.contains { $0.hasSuffix(".md") },
            "\(point): \(archives)"
        )
        let copy = try #require(archives.first { $0.hasSuffix(".jsonl.zst") })
        // The archive is finished while step 5 commits and pushes: only a run killed after step 4 finished (after
        // the commit) leaves it as its own; otherwise the re-run makes it from the transcript as it is now.
        let archivedBeforeTheKill = test.point == "after:chat-history"
        #expect(
            try ZstdStream.decompress(Data(contentsOf: base.project.archivesFolder.appendingPathComponent(copy)))
                == (archivedBeforeTheKill ? transcriptAtKill : try Data(contentsOf: fixture.transcript)),
            "\(point): the archived copy is not the transcript"
        )

        let graph = try fixture.storedGraph()
        for problem in MemoryKillFixture.duplicates(in: graph) { Issue.record("\(point): \(problem)") }
        let sessions = graph.entities.filter { $0.entityType == SessionMemoryPlan.sessionType }
        #expect(sessions.count == (test.queued ? 2 : 1), "\(point): \(sessions.map(\.name))")
        #expect(
            sessions.contains {
                $0.observations.contains(MemoryBatch.sessionIDObservation(TranscriptFixtures.session))
            },
            "\(point)"
        )
        if test.queued {
            #expect(
                sessions.contains {
                    $0.observations.contains(MemoryBatch.sessionIDObservation(MemoryKillFixture.earlierSession))
                },
                "\(point): the queued session was not flushed"
            )
        }
        #expect((base.read(".claude/context/memory-queue.jsonl") ?? "").isEmpty, "\(point): writes are still queued")
    }
}

/// A `FixtureProject` with a memory server in `.mcp.json` (its store and pid file outside the project), the
/// session's transcript, and the state file's edits already committed during the session (so step 1's rewrite of
/// it shows up as a change the re-run sees).
struct MemoryKillFixture {
    static let earlierSession = "session-earlier-1"

    let base: FixtureProject
    var root: URL { base.root }
    var store: URL { base.folder.appendingPathComponent("store/memory.jsonl") }
    var pidFile: URL { base.folder.appendingPathComponent("server.pid") }
    var transcript: URL { base.folder.appendingPathComponent("transcript.jsonl") }
    var arguments: [String] { ["--plain", "--yes", "--cycles", "none", "--transcript", transcript.path] }

    static func make(queued: Bool) throws -> MemoryKillFixture {
        let fixture = MemoryKillFixture(base: try FixtureProject.make())
        try TranscriptFixtures.write(TranscriptFixtures.realistic(cwd: fixture.root.path), to: fixture.transcript)
        try fixture.base.git(["add", ".claude/context/session-state.md"])
        try fixture.base.git(["commit", "--quiet", "-m", "Note the importer decisions"])
        let server: [String: Any] = [
            "command": MemoryTestServerBinary.path, "args": [String](),
            "env": ["MEMORY_FILE_PATH": fixture.store.path, "MEMORY_TEST_PID_FILE": fixture.pidFile.path],
        ]
        let mcp = try JSONSerialization.data(
            withJSONObject: ["mcpServers": ["memory": server]],
            options: [.prettyPrinted, .sortedKeys]
        )
        try fixture.base.write(".mcp.json", String(decoding: mcp, as: UTF8.self))
        // Approved as Claude Code records a user's approval, in the file git ignores.
        try ProjectServerApprovalRecord.record("memory", project: fixture.base.project)
        try fixture.base.write(".git/info/exclude", ".claude/settings.local.json\n")
        if queued {
            // What an earlier session left when its server was unreachable, as step 2 queues it.
            var record = SessionRecord(
                sessionID: earlierSession,
                endedAt: Date(),
                day: "2026-01-05",
                ordinal: 1,
                contextWindow: 200_000
            )
            record.accomplishments = ["Merged PR-2"]
            record.nextStep = "Review PR-2 feedback"
            var batch = SessionMemoryPlan.batch(for: record, project: fixture.base.project)
            batch.queuedAt = "2026-01-05T18:00:00Z"
            batch.reason = "memory server not reachable"
            try fixture.base.write(".claude/context/memory-queue.jsonl", try MemoryQueue.line(for: batch) + "\n")
        }
        return fixture
    }

    /// One more assistant response in the transcript (new tokens).
    func appendTurn() throws {
        let line = TranscriptFixtures.assistant(
            root.path,
            "2025-11-20T09:10:00.000Z",
            id: "msg_01E",
            request: "req_01E",
            usage: (3, 80, 0, 14_000),
            block: "{\"type\":\"text\",\"text\":\"Re-running the completion.\"}"
        )
        let handle = try FileHandle(forWritingTo: transcript)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((line + "\n").utf8))
    }

    /// The pid of the server the run started (it writes it at start), once it has.
    var serverPID: pid_t? {
        (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap {
            pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    func storedGraph() throws -> MemoryGraph {
        guard let data = FileManager.default.contents(atPath: store.path) else { return MemoryGraph() }
        var graph = MemoryGraph()
        for line in data.split(separator: UInt8(ascii: "\n")) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            if object["type"] as? String == "entity" {
                graph.entities.append(try JSONDecoder().decode(MemoryEntity.self, from: Data(line)))
            } else {
                graph.relations.append(try JSONDecoder().decode(MemoryRelation.self, from: Data(line)))
            }
        }
        return graph
    }

    /// Observations a session entity carries once (`Statistics: …` twice means the session was stored twice
    /// with different figures).
    static let singleObservations = [
        "Session ID: ", "Project: ", "Date: ", "Branch: ", "Next step: ", "Statistics: ", "Files modified: ",
    ]

    /// Everything stored more than once: entity names, relations, identical observations, a session's one-off
    /// observations, and a project's line for the same session.
    static func duplicates(in graph: MemoryGraph) -> [String] {
        var problems: [String] = []
        func repeated(_ items: [String]) -> [String] {
            Dictionary(grouping: items, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        }
        for name in repeated(graph.entities.map(\.name)) { problems.append("entity \(name) stored twice") }
        for relation in repeated(graph.relations.map { "\($0.from) -\($0.relationType)-> \($0.to)" }) {
            problems.append("relation \(relation) stored twice")
        }
        for entity in graph.entities {
            for observation in repeated(entity.observations) {
                problems.append("\(entity.name): observation “\(observation)” stored twice")
            }
            if entity.entityType == SessionMemoryPlan.sessionType {
                for prefix in singleObservations where entity.observations.filter({ $0.hasPrefix(prefix) }).count > 1 {
                    problems.append("\(entity.name): \(entity.observations.filter { $0.hasPrefix(prefix) })")
                }
            }
            if entity.entityType == SessionMemoryPlan.projectType {
                let perSession = entity.observations.filter { $0.hasPrefix("Session_") }.map {
                    String($0.prefix { $0 != ":" })
                }
                for session in repeated(perSession) { problems.append("\(entity.name): two lines for \(session)") }
            }
        }
        return problems
    }

    /// Alive and not a zombie waiting for a parent (a killed run's server is re-parented, and a container's init
    /// may never reap it).
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
    }

    static func leftoverTempFiles(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".tmp") }
    }
}
