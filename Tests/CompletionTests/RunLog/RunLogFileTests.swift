import Foundation
import Testing

@testable import Completion

/// `.claude/logs/runs/<run-id>.log` on real runs: a git project with a bare remote, a cycle that prints lines.
@Suite struct RunLogFileTests {
    static let cycleConfig = """
        session_completion:
          auto_push: true
          cycles:
            maintenance:
              command: ["sh", "-c", "echo cycle-line-one; echo token \(PlantedSecrets.gitHubInPrompt); echo cycle-line-two"]

        """

    func runLogs(_ fixture: FixtureProject) -> [URL] {
        let folder = RunLogFile.folder(fixture.project)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".log") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test func aRunLeavesEveryEventInItsLogFileWithSecretsRedacted() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        try fixture.write(".claude/config/autonomy-config.yaml", Self.cycleConfig)
        var options = RunOptions()
        options.cycles = [.maintenance]
        let events = try await fixture.complete(options: options)
        #expect(events.result?.exitStatus == .completed)
        let logs = runLogs(fixture)
        try #require(logs.count == 1, "one log per run")
        let text = try String(contentsOf: logs[0], encoding: .utf8)
        #expect(text.hasPrefix("# jarvis-tui run log: "))
        #expect(text.contains("maintenance │ cycle-line-one"))
        #expect(text.contains("maintenance │ cycle-line-two"))
        #expect(text.contains("step 5 │ pushed main to origin/main"))
        #expect(text.contains("step 7 \(StepID.cleanup.title): "))
        #expect(text.contains("finished: exit 0"))
        #expect(!text.contains(PlantedSecrets.gitHubInPrompt), "a secret a cycle printed reached the log")
        // Each line carries the time since the run began, in order.
        let stamps = text.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != " " }) }
        #expect(stamps.allSatisfy { $0.hasPrefix("+") })
        #expect(stamps == stamps.sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 })
        // The log folder is ignored: the run leaves the working tree clean.
        #expect(try fixture.git(["status", "--porcelain", "--", ".claude/logs"]).isEmpty)
    }

    @Test func aDryRunAndAnEmergencyStopWriteNoLog() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        var options = RunOptions()
        options.dryRun = true
        _ = try await fixture.complete(options: options)
        #expect(runLogs(fixture).isEmpty)
        var environment = ProcessInfo.processInfo.environment
        environment["JARVIS_EMERGENCY_STOP"] = "1"
        let stopped = try await fixture.complete(environment: environment)
        #expect(stopped.result?.exitStatus == .cancelled)
        #expect(runLogs(fixture).isEmpty)
    }

    @Test func theNewestLogsAreKeptAndOlderOnesRemoved() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let folder = RunLogFile.folder(fixture.project)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for index in 0..<(RunLogFile.kept + 5) {
            try "old\n".write(
                to: folder.appendingPathComponent(String(format: "20200101T0000%02d-old.log", index)),
                atomically: true,
                encoding: .utf8
            )
        }
        _ = try await fixture.complete()
        let logs = runLogs(fixture).map(\.lastPathComponent)
        #expect(logs.count == RunLogFile.kept)
        #expect(!logs.contains("20200101T000000-old.log"))
        #expect(logs.last.map { !$0.contains("-old") } == true, "this run's log is kept")
    }
}
