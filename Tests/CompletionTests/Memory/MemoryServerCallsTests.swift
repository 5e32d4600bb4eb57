import Foundation
import Testing

@testable import Completion

/// Each tool call makes a server like the reference one read its whole store again, so step 2 asks no more often
/// than it needs: against the real test server, which writes down every call it gets.
@Suite("Memory step, calls made to the server")
struct MemoryServerCallsTests {
    private func calls(_ log: URL) -> [String] {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test("a day's first session: one search for the session, one look at the batch's names, then the writes")
    func firstSessionOfTheDay() async throws {
        let folder = try MemoryTestProject()
        let log = folder.project.root.appendingPathComponent("calls.log")
        try folder.configureServer(environment: ["MEMORY_TEST_CALL_LOG": log.path])
        let (outcome, _, _) = await folder.runStep(folder.record())
        #expect(outcome == .done)
        let made = calls(log)
        #expect(made.filter { $0 == "search_nodes" }.count == 1, "\(made)")
        #expect(made.filter { $0 == "open_nodes" }.count == 1, "\(made)")
        #expect(Array(made.prefix(3)) == ["search_nodes", "open_nodes", "create_entities"], "\(made)")
        #expect(!made.contains("read_graph"))
    }

    @Test("a second session under a name another session holds: it is stored under the next free name")
    func nameHeldByAnotherSession() async throws {
        let folder = try MemoryTestProject()
        let log = folder.project.root.appendingPathComponent("calls.log")
        try folder.configureServer(environment: ["MEMORY_TEST_CALL_LOG": log.path])
        _ = await folder.runStep(folder.record(sessionID: "morning"))
        try? FileManager.default.removeItem(at: log)
        let (outcome, record, _) = await folder.runStep(folder.record(sessionID: "evening"))
        #expect(outcome == .done)
        let sessions = try folder.storedGraph().entities.filter { $0.entityType == "session" }
        #expect(sessions.map(\.name).sorted() == ["Session_2026-11-25", "Session_2026-11-25-2"])
        #expect(record.memoryEntityNames.contains("Session_2026-11-25-2"))
        #expect(!calls(log).contains("read_graph"))
    }
}
