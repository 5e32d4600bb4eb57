import Foundation
import Testing
@testable import Completion

/// The whole completion with a memory server configured: the metric counts what the server really created.
@Suite("Memory in the full completion")
struct MemoryEngineTests {
    @Test func theMetricCountsTheEntitiesCreatedInTheStore() async throws {
        let folder = try MemoryTestProject(sessionState: "# Session State\n\n**Next Step**: Ship PR-4\n\n## Accomplishments\n\n- Merged PR-3\n")
        try folder.configureServer()
        let plan = CompletionPlan(project: folder.project,
                                  resolved: ResolvedConfiguration(configuration: Configuration(), warnings: [], emergencyStop: false, offerSuppressedBy: nil),
                                  options: RunOptions(), environment: ProcessInfo.processInfo.environment.merging(["GIT_CEILING_DIRECTORIES": folder.folder.path]) { $1 })
        var memoryOutcome: Outcome? = nil
        for await event in SessionCompletion.run(plan) {
            if case .stepFinished(.memory, let outcome, _) = event { memoryOutcome = outcome }
        }
        #expect(memoryOutcome == .done)
        let graph = try folder.storedGraph()
        #expect(graph.entity(named: "PR-3") != nil)
        let metrics = String(decoding: FileManager.default.contents(atPath: folder.project.metricsFile.path) ?? Data(), as: UTF8.self)
        let line = try #require(metrics.split(separator: "\n").first { $0.contains("\"memory_entities_created\"") })
        let value = try #require((try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["value"] as? Int)
        #expect(value == graph.entities.count)
        #expect(value == 4)  // project, PR-3, PR-4, session
    }
}
