import Foundation
import Testing

@testable import Completion

/// Step 2 against real memory servers of other shapes: `memory-test-server` advertising other argument names
/// (`MEMORY_TEST_NAMES`), item schemas behind `$ref`, or lacking a tool, and checking every call against what it
/// advertises as a strict third-party server does.
@Suite("Memory persistence step: servers of every shape")
struct MemoryServerShapesTests {
    static let shapes: [(String, [String: String])] = [
        ("the reference names", [:]),
        ("from_ and to_", ["MEMORY_TEST_NAMES": "relation.from=from_,relation.to=to_"]),
        (
            "source, target, type and observations, under $defs",
            [
                "MEMORY_TEST_NAMES":
                    "relation.from=source,relation.to=target,relation.relationType=type,entity.entityType=type,"
                    + "observation.contents=observations,create_relations.relations=edges",
                "MEMORY_TEST_SCHEMA_STYLE": "defs",
            ]
        ),
    ]

    @Test(arguments: 0..<3)
    func theSessionAndItsRelationsReachTheStore(shape: Int) async throws {
        let (label, environment) = Self.shapes[shape]
        let folder = try MemoryTestProject()
        try folder.configureServer(environment: environment)
        var record = folder.record(accomplishments: ["Finish PR-12.9 review fixes"])
        record.filesModified = [FileChange(path: "src/auth.py", change: .modified)]
        let (outcome, filled, _) = await folder.runStep(record)
        #expect(outcome == .done, "\(label): \(outcome)")
        let graph = try folder.storedGraph()
        let session = try #require(graph.entity(named: "Session_2026-11-25"), "\(label)")
        #expect(session.entityType == "session" && session.observations.contains("Session ID: session-test-1"))
        let project = folder.project.name
        #expect(
            Set(graph.relations).isSuperset(of: [
                MemoryRelation(from: "Session_2026-11-25", to: project, relationType: "part_of"),
                MemoryRelation(from: "Session_2026-11-25", to: "PR-12.9", relationType: "completed"),
            ]),
            "\(label)"
        )
        #expect(filled.memoryEntitiesCreated == 3, "\(label)")
        #expect(folder.queueLines.isEmpty, "\(label)")

        // A second run reads the store back under the server's names: nothing twice, the same entity reused.
        let (again, second, _) = await folder.runStep(folder.record(accomplishments: ["Write the docs"]))
        #expect(again == .done, "\(label): \(again)")
        #expect(second.memoryEntitiesCreated == 0, "\(label)")
        let after = try folder.storedGraph()
        #expect(after.entities.filter { $0.entityType == "session" }.count == 1, "\(label)")
        #expect(
            after.entity(named: "Session_2026-11-25")?.observations.contains("Accomplished: Write the docs") == true
        )
    }

    @Test func withoutCreateRelationsTheEntitiesAndObservationsGoAndTheRestIsNamed() async throws {
        let folder = try MemoryTestProject()
        try folder.configureServer(failure: "without:create_relations")
        let (outcome, record, _) = await folder.runStep(folder.record(accomplishments: ["Close PR-5"]))
        #expect(outcome.name == "degraded")
        #expect(
            outcome.reason?.contains(
                "Session_2026-11-25 stored, but the server offers no create_relations: 3 relations"
            )
                == true,
            "\(outcome)"
        )
        #expect(record.memoryEntitiesCreated == 3)
        #expect(folder.queueLines.isEmpty, "nothing the server cannot take is queued")
        let graph = try folder.storedGraph()
        #expect(graph.entity(named: "Session_2026-11-25")?.observations.contains("Accomplished: Close PR-5") == true)
        #expect(graph.entity(named: "PR-5")?.observations.contains("Completed in Session_2026-11-25") == true)
        #expect(graph.relations.isEmpty)
        // The next run has nothing to flush and stores again without queueing.
        let (again, _, events) = await folder.runStep(folder.record(sessionID: "s-2", ordinal: 2))
        #expect(again.name == "degraded")
        #expect(!events.contains { if case .stepProgress(_, let text) = $0 { text.hasPrefix("Flush") } else { false } })
        #expect(folder.queueLines.isEmpty)
    }

    @Test func onlyWritesThatFailedForAPassingReasonAreQueuedAndTheQueueDrains() async throws {
        let folder = try MemoryTestProject()
        // A time-out: the writes may go through later, so they are queued.
        try folder.configureServer(failure: "hang-on:create_entities")
        let (first, _, _) = await folder.runStep(
            folder.record(sessionID: "s-1"),
            limits: MemoryTimeLimits(connect: .seconds(30), call: .seconds(3))
        )
        #expect(first.name == "degraded")
        #expect(folder.queueLines.count == 1)

        // The server is back, speaking from_/to_: the queue is flushed into it and left empty.
        try folder.configureServer(environment: ["MEMORY_TEST_NAMES": "relation.from=from_,relation.to=to_"])
        let (second, _, _) = await folder.runStep(folder.record(sessionID: "s-2", ordinal: 2))
        #expect(second == .done, "\(second)")
        #expect(folder.queueLines.isEmpty)
        let graph = try folder.storedGraph()
        #expect(graph.entities.filter { $0.entityType == "session" }.count == 2)
        #expect(graph.relations.contains { $0.from == "Session_2026-11-25" && $0.relationType == "part_of" })

        // A server that refuses the session entity: reported, and not queued (it would be refused again).
        try folder.configureServer(failure: "error-on:create_entities")
        let (third, _, _) = await folder.runStep(folder.record(sessionID: "s-3", ordinal: 3))
        #expect(third.name == "degraded")
        #expect(third.reason?.contains("not stored, nor queued") == true, "\(third)")
        #expect(folder.queueLines.isEmpty)
    }

    @Test func aQueuedBatchTheServerRefusesLeavesTheQueue() async throws {
        // Queued by an earlier version that queued refusals too: it would come back on every run.
        let folder = try MemoryTestProject()
        let old = SessionMemoryPlan.batch(for: folder.record(sessionID: "old"), project: folder.project)
        try AtomicFile.write(try MemoryQueue.line(for: old) + "\n", to: folder.project.memoryQueueFile)
        try folder.configureServer(failure: "error-on:create_entities,invalid-as-result")
        let (outcome, _, _) = await folder.runStep(folder.record(sessionID: "new", ordinal: 2))
        #expect(outcome.name == "degraded")
        #expect(
            outcome.reason?.contains("memory-queue.jsonl line 1 (Session_2026-11-25) was refused and left the queue")
                == true
        )
        #expect(folder.queueLines.isEmpty)
    }
}
