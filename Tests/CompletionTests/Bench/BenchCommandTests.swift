import Foundation
import Testing

@testable import Completion

/// The `jarvis-bench` binary built with the tests (every product is built by `swift build --build-tests`).
enum BenchBinary {
    static var path: String { JarvisBinary.url.deletingLastPathComponent().appendingPathComponent("jarvis-bench").path }
}

@Suite("jarvis-bench command")
struct BenchCommandTests {
    @Test func withoutASubcommandItPrintsItsUsageAndStartsNothing() throws {
        let started = ContinuousClock.now
        let result = try ProcessRunner.run([BenchBinary.path], timeout: .seconds(60))
        #expect(result.status == 2)
        #expect(result.errorOutput.contains("usage: jarvis-bench all | NAME"))
        #expect(result.errorOutput.contains("transcript"))
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    /// A transcript benchmark with a large generated file, interrupted while it writes it: the fixture folder in
    /// $TMPDIR is gone once the process has died of the signal.
    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedRunRemovesItsFixtures(signal: Int32) async throws {
        let tmp = FileManager.default.temporaryDirectory
            .appendingPathComponent("bench-interrupt-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = tmp.path
        environment["JARVIS_BENCH_TRANSCRIPT_MB"] = "2000"
        let bench = try BackgroundProcess([BenchBinary.path, "transcript"], environment: environment)
        defer { bench.stop() }
        let fixtureAppeared = await eventually(seconds: 30) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []
            return names.contains { $0.hasPrefix("jarvis-bench-transcript") }
        }
        #expect(fixtureAppeared)
        try await Task.sleep(for: .milliseconds(300))
        #expect(!bench.hasExited, "the benchmark ended before it could be interrupted")
        kill(bench.pid, signal)
        #expect(await bench.exits(within: .seconds(60)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty)
    }
}
