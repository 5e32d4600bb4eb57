import Foundation
import Testing

@testable import Completion

@Suite("Memory queue file and session plan")
struct MemoryQueueAndPlanTests {
    @Test func queueLinesRoundTripAndHostileLinesAreReportedNotDropped() throws {
        let folder = try MemoryTestProject()
        let queue = MemoryQueue(project: folder.project)
        #expect(queue.read().entries.isEmpty)
        let batch = SessionMemoryPlan.batch(for: folder.record(), project: folder.project)
        let good = try MemoryQueue.line(for: batch)
        var data = Data(good.utf8) + Data([0x0a])
        data += Data("not json\n".utf8)
        data +=
            Data(
                #"{"version": 99, "session": "S", "sessionID": "x", "entities": [], "relations": [], "observations": []}"#
                    .utf8
            ) + Data([0x0a])
        data +=
            Data(
                #"{"version": 1, "session": "", "sessionID": "x", "entities": [], "relations": [], "observations": []}"#
                    .utf8
            ) + Data([0x0a])
        data +=
            Data("{\"version\": 1, \"session\": \"S\", \"sessionID\": \"".utf8)
            + Data(repeating: 0x41, count: MemoryQueue.maximumLineLength) + Data("\"}\n".utf8)
        data += Data([0xc3, 0x28, 0x0a])  // invalid UTF-8
        data += Data(good.utf8).prefix(40)  // truncated last line, no newline
        try data.write(to: folder.project.memoryQueueFile)

        let (entries, warnings) = queue.read()
        #expect(entries.count == 7)
        #expect(entries.first?.batch == batch)
        #expect(entries.dropFirst().allSatisfy { $0.batch == nil })
        #expect(
            warnings == [
                ".claude/context/memory-queue.jsonl lines 2, 3, 4, 5, 6, 7 are not queued memory writes: kept as they are; fix or delete them by hand"
            ]
        )
        #expect(entries[6].raw == String(decoding: Data(good.utf8).prefix(40), as: UTF8.self))
    }

    @Test func anOversizedQueueIsLeftAlone() throws {
        let folder = try MemoryTestProject()
        _ = FileManager.default.createFile(atPath: folder.project.memoryQueueFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: folder.project.memoryQueueFile)
        try handle.truncate(atOffset: UInt64(MemoryQueue.maximumFileSize + 1))
        try handle.close()
        let (entries, warnings) = MemoryQueue(project: folder.project).read()
        #expect(entries.isEmpty)
        #expect(warnings.first?.contains("too large to be a memory queue") == true)
    }

    @Test func prNamesAreFoundInTheWaysPeopleWriteThem() {
        #expect(
            SessionMemoryPlan.prNames(in: ["Finish PR-12.9", "Review PR #42 and PR 7.", "(PR-3)"]) == [
                "PR-12.9", "PR-42", "PR-7", "PR-3",
            ]
        )
        #expect(
            SessionMemoryPlan.prNames(in: ["SPR-3 sprint", "PRD draft", "PR- alone", "PRs", "APR-2026", "PR-1x"]) == []
        )
        #expect(SessionMemoryPlan.prNames(in: ["PR-5 then PR-5 again"]) == ["PR-5"])
        #expect(SessionMemoryPlan.prNames(in: [String(repeating: "PR-", count: 10_000)]) == [])
    }

    @Test func theBatchCreatesRelatedEntitiesBeforeTheSessionAndRelatesThem() throws {
        let folder = try MemoryTestProject()
        var record = folder.record(ordinal: 3, accomplishments: ["Close PR-8"])
        record.pendingTodos = ["Start PR-9"]
        let batch = SessionMemoryPlan.batch(for: record, project: folder.project)
        #expect(batch.session == "Session_2026-11-25-3")
        #expect(batch.entities.map(\.name) == [folder.project.name, "PR-8", "PR-9", "Session_2026-11-25-3"])
        #expect(batch.entities.last?.entityType == "session")
        #expect(
            batch.relations.contains(
                MemoryRelation(from: "Session_2026-11-25-3", to: "PR-8", relationType: "completed")
            )
        )
        #expect(
            batch.relations.contains(MemoryRelation(from: "Session_2026-11-25-3", to: "PR-9", relationType: "modified"))
        )
        #expect(
            !batch.relations.contains { $0.relationType == "modified" && $0.to == folder.project.name },
            "no files changed, no commits"
        )
        // Every relation and observation names an entity of the batch: nothing depends on what the store holds.
        let names = Set(batch.entities.map(\.name))
        #expect(batch.relations.allSatisfy { names.contains($0.from) && names.contains($0.to) })
        #expect(batch.observations.allSatisfy { names.contains($0.entityName) })

        let renamed = batch.renamingSession(to: "Session_2026-11-24")
        #expect(renamed.entities.last?.name == "Session_2026-11-24")
        #expect(!renamed.relations.contains { $0.from == "Session_2026-11-25-3" })
    }
}
