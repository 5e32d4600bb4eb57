import Completion
import Foundation
import Testing

/// A real run on a 5 000-file project with a bare remote is killed at a random moment (SIGKILL to jarvis-tui and
/// everything it started, at once, as a power cut or a closed terminal does), then run again. Twenty times, each
/// a new session on the same project: after each re-run there is exactly one new session commit, pushed; no
/// half-written file; no message file left; every byte the user wrote is where they left it. The seed is printed
/// and `JARVIS_KILL_SEED` replays a failure.
@Suite("Kill at a random moment")
struct RandomKillTests {
    static let rounds = 20
    static let trackedFiles = 5_000

    @Test func twentyRandomKillsOnA5000FileProject() async throws {
        let seed =
            ProcessInfo.processInfo.environment["JARVIS_KILL_SEED"].flatMap(UInt64.init)
            ?? UInt64.random(in: 1...UInt64(UInt32.max))
        print("random kills: seed \(seed) (replay with JARVIS_KILL_SEED=\(seed))")
        var random = SeededGenerator(seed: seed)
        let fixture = try KillRoundProject.make(files: Self.trackedFiles)
        defer { fixture.remove() }

        // A first session run to its end: how long a whole run takes here, the range the kills are drawn from.
        var round = KillRound(fixture: fixture, number: 0, random: &random)
        try round.prepare()
        let started = DispatchTime.now().uptimeNanoseconds
        let calibration = try JarvisBinary.run(round.arguments, in: fixture.root)
        let runSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        #expect(calibration.status == 0, "\(calibration.output.suffix(600))\(calibration.errorOutput)")
        let calibrationProblems = try round.problems()
        #expect(calibrationProblems.isEmpty, "calibration run: \(calibrationProblems)")

        for number in 1...Self.rounds {
            var round = KillRound(fixture: fixture, number: number, random: &random)
            try round.prepare()
            let delay = Double.random(in: 0...(runSeconds * 1.2), using: &random)
            let process = try KilledRun.start(
                in: fixture.root,
                pauseAt: "none",
                pauseFile: fixture.folder.appendingPathComponent("unused"),
                arguments: round.arguments
            )
            try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
            ProcessTree.killAll(from: process.processIdentifier)
            process.waitUntilExit()

            let rerun = try JarvisBinary.run(round.arguments, in: fixture.root)
            let context = "seed \(seed), round \(number), killed after \(String(format: "%.3f", delay)) s"
            #expect(rerun.status == 0, "\(context): \(rerun.output.suffix(600))\(rerun.errorOutput)")
            let problems = try round.problems()
            #expect(problems.isEmpty, "\(context): \(problems)")
            if !problems.isEmpty { break }
        }
    }
}
