import Foundation
import Testing

@testable import Completion

/// Step 2's talk with the memory server goes on while steps 3–5 run: on the demo project (a real git repository
/// with a bare remote, the real `memory-test-server` over stdio, made slow), the session commit is made and
/// pushed before step 2 finishes, the committed summary says step 2 was still running, and the final outcome beside
/// it says how step 2 ended.
@Suite("Step 2 beside the commit")
struct MemoryOverlapTests {
    @Test("a slow memory server does not hold up the session commit; step 2 finishes after the push")
    func aSlowServerDoesNotHoldUpTheCommit() async throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("memory-overlap-\(UUID())")
        defer { try? FileManager.default.removeItem(at: parent) }
        let demo = try DemoProject.create(in: parent)
        // Each tool call waits a second: the talk (six calls) outlasts the commit and push of the demo project.
        try slowDown(demo.project.mcpConfigFile, milliseconds: 1_000)
        var environment = ProcessInfo.processInfo.environment.merging(MemoryTestServerBinary.unhurried) { $1 }
        environment["GIT_CEILING_DIRECTORIES"] = parent.path
        let plan = CompletionPlan(
            project: demo.project,
            resolved: try ConfigurationResolver.resolve(
                project: demo.project,
                commandLine: .init(),
                environment: environment
            ),
            options: RunOptions(),
            environment: environment
        )
        var events: [CompletionEvent] = []
        for await event in SessionCompletion.run(plan) { events.append(event) }

        func index(_ matches: (CompletionEvent) -> Bool) -> Int? { events.firstIndex(where: matches) }
        let memoryDone = try #require(index { if case .stepFinished(.memory, .done, _) = $0 { true } else { false } })
        let gitDone = try #require(index { if case .stepFinished(.git, _, _) = $0 { true } else { false } })
        let stepThree = try #require(index { if case .stepStarted(.contextFiles) = $0 { true } else { false } })
        #expect(stepThree < memoryDone, "step 3 waited for the memory server")
        #expect(gitDone < memoryDone, "the commit and push waited for the memory server")

        let git = GitRepository(root: demo.project.root, environment: environment)
        #expect(git.output(["log", "-1", "--format=%s"])?.hasPrefix("Session:") == true)
        #expect(git.output(["rev-parse", "HEAD"]) == git.output(["rev-parse", "@{upstream}"]), "not pushed")
        let summaryPath = try #require(git.output(["diff", "--name-only", "HEAD~1", "HEAD", "--", ".claude/reports"]))
        let committed = try #require(git.output(["show", "HEAD:\(summaryPath)"]))
        #expect(committed.contains("| 2. Memory persistence | still running when this summary was written | — |"))
        let outcome = try #require(
            FinalOutcome.read(
                summaryPath: demo.project.root.appendingPathComponent(summaryPath).path,
                project: demo.project
            )
        )
        #expect(outcome.contains("| 2. Memory persistence | done |"), "\(outcome)")
        // Only the demo's `.env`, which the guard holds back, is left: everything the run wrote is committed or ignored.
        #expect(git.output(["status", "--porcelain"]) == "?? .env", "the run left the working tree dirty")
    }

    /// Sets `MEMORY_TEST_FAILURE=slow:N` on the demo's `memory` server in `.mcp.json`.
    private func slowDown(_ file: URL, milliseconds: Int) throws {
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var servers = try #require(json["mcpServers"] as? [String: Any], "the demo project has no memory server")
        var memory = try #require(servers["memory"] as? [String: Any])
        var environment = memory["env"] as? [String: String] ?? [:]
        environment["MEMORY_TEST_FAILURE"] = "slow:\(milliseconds)"
        memory["env"] = environment
        servers["memory"] = memory
        json["mcpServers"] = servers
        try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted]).write(to: file)
    }
}
