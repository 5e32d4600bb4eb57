import Foundation
import Testing

@testable import Completion

/// Evolution and R&D through `claude -p`. The Claude Code CLI cannot run here (no account, no network): a
/// stand-in `claude` script on a PATH of the test's own records the arguments it was given.
@Suite("Model-driven cycles: claude -p with the prompts init ships")
struct ModelCycleTests {
    struct StandIn {
        let bin: URL
        let argumentsFile: URL
        var environment: [String: String] {
            var environment = CyclesTest.environment
            environment["PATH"] = bin.path + ":/usr/bin:/bin"
            environment["STAND_IN_ARGUMENTS"] = argumentsFile.path
            return environment
        }
        /// The arguments of the last run, one per NUL-terminated string.
        var arguments: [String] {
            let data = FileManager.default.contents(atPath: argumentsFile.path) ?? Data()
            return data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map {
                String(decoding: $0, as: UTF8.self)
            }
        }
    }

    func standIn(in test: CyclesTestProject) throws -> StandIn {
        let folder = test.root.deletingLastPathComponent().appendingPathComponent("\(test.root.lastPathComponent)-bin")
        try AtomicFile.write(
            "#!/bin/sh\nprintf '%s\\0' \"$@\" > \"$STAND_IN_ARGUMENTS\"\necho \"stand-in claude ran\"\n",
            to: folder.appendingPathComponent("claude")
        )
        chmod(folder.appendingPathComponent("claude").path, 0o755)
        return StandIn(bin: folder, argumentsFile: folder.appendingPathComponent("arguments"))
    }

    @Test("with claude on PATH, evolution and R&D are available and run it with the shipped prompt")
    func runsTheShippedPrompt() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        let standIn = try standIn(in: test)
        defer { try? FileManager.default.removeItem(at: standIn.bin) }
        // The user's own research prompt is kept by init and is the one sent.
        try test.write(".claude/commands/research.md", "# My research\n\nLook only at src/.\n")
        let report = try ProjectInitializer(project: test.project).run()
        #expect(report.created.contains(".claude/commands/evolve.md"))
        #expect(report.created.contains(".claude/commands/reflect.md"))
        #expect(report.kept.contains(".claude/commands/research.md"))

        for cycle in [CycleID.evolution, .research] {
            let availability = CycleAvailability.check(
                cycle,
                configuration: Configuration(),
                environment: standIn.environment
            )
            #expect(availability.available && availability.reason == nil)
        }
        let log = CyclesEventLog()
        let runner = CyclesTest.runner(test.project, cycles: [:], environment: standIn.environment, log: log)
        let evolution = await runner.run(.evolution)
        #expect(evolution.outcome == .done, "\(evolution.outcome)")
        #expect(log.outputLines.contains("stand-in claude ran"))
        let arguments = standIn.arguments
        #expect(arguments.first == "-p")
        #expect(arguments.count > 1 && arguments[1].hasPrefix("# Self-Evolution"), "\(arguments)")
        #expect(arguments.count > 1 && !arguments[1].contains("allowed-tools"))  // the front matter is not prompt
        #expect(Array(arguments.suffix(2)).first == "--allowedTools")

        #expect(await runner.run(.research).outcome == .done)
        #expect(standIn.arguments == ["-p", "# My research\n\nLook only at src/."])
    }

    @Test("without claude on PATH, evolution and R&D are unavailable with the reason and what enables them")
    func unavailableWithoutTheCLI() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        var environment = CyclesTest.environment
        environment["PATH"] = "/usr/bin:/bin"
        try #require(
            ExecutableLocator.find("claude", path: environment["PATH"]) == nil,
            "claude is installed in /usr/bin"
        )
        for cycle in [CycleID.evolution, .research] {
            let availability = CycleAvailability.check(cycle, configuration: Configuration(), environment: environment)
            #expect(!availability.available)
            #expect(availability.reason?.contains("the `claude` CLI (Claude Code) is not on PATH") == true)
            #expect(availability.reason?.contains("session_completion.cycles.\(cycle.rawValue).command") == true)
        }
        let log = CyclesEventLog()
        let run = await CyclesTest.runner(test.project, cycles: [:], environment: environment, log: log).run(.research)
        #expect(run.outcome.name == "skipped")
        #expect(log.outputLines.isEmpty)
        // A configured command says otherwise: it runs without Claude Code.
        let configured = CyclesTest.runner(
            test.project,
            cycles: [.research: CyclesTest.bash("echo own")],
            environment: environment,
            log: log
        )
        #expect(await configured.run(.research).outcome == .done)
    }
}
