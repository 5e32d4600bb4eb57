import Foundation
import Testing

@testable import Completion

@Suite("Suppression: emergency stop, JARVIS_DISABLE_AC09, active destructive operations")
struct SuppressionTests {
    private func plan(
        _ test: CyclesTestProject,
        configuration: Configuration = Configuration(),
        emergencyStop: Bool = false,
        cycles: [CycleID] = [],
        control: RunControl = RunControl()
    ) -> CompletionPlan {
        var options = RunOptions()
        options.cycles = cycles
        options.push = .never
        let resolved = ResolvedConfiguration(
            configuration: configuration,
            warnings: [],
            emergencyStop: emergencyStop,
            offerSuppressedBy: nil
        )
        return CompletionPlan(
            project: test.project,
            resolved: resolved,
            options: options,
            environment: CyclesTest.environment,
            control: control
        )
    }

    @Test("JARVIS_EMERGENCY_STOP stops before any write, even with cycles selected")
    func emergencyStop() async throws {
        let test = try CyclesTestProject(git: true)
        defer { test.remove() }
        var configuration = Configuration()
        configuration.cycles[.reflection] = CyclesTest.bash("echo ran > reflection-ran.txt")
        let resolved = try ConfigurationResolver.resolve(
            project: test.project,
            commandLine: CommandLineOverrides(),
            environment: ["JARVIS_EMERGENCY_STOP": "true"]
        )
        #expect(resolved.emergencyStop)
        let before = test.snapshot()
        let (events, result) = await CyclesInEngineTests.run(
            plan(test, configuration: configuration, emergencyStop: true, cycles: [.reflection, .maintenance])
        )
        #expect(result?.exitStatus == .cancelled)
        #expect(result?.message?.contains("JARVIS_EMERGENCY_STOP") == true)
        #expect(!events.contains { if case .cycleStarted = $0 { return true } else { return false } })
        #expect(test.snapshot() == before)
    }

    @Test("JARVIS_DISABLE_AC09=true skips the offer and says why")
    func disableOffer() throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        let resolved = try ConfigurationResolver.resolve(
            project: test.project,
            commandLine: CommandLineOverrides(preCompletionOffer: true),
            environment: ["JARVIS_DISABLE_AC09": "true"]
        )
        #expect(resolved.configuration.preCompletionOffer == false)
        #expect(resolved.offerSuppressedBy == "JARVIS_DISABLE_AC09")
        let normal = try ConfigurationResolver.resolve(
            project: test.project,
            commandLine: CommandLineOverrides(),
            environment: [:]
        )
        #expect(normal.configuration.preCompletionOffer && normal.offerSuppressedBy == nil)
    }

    @Test(
        "a destructive operation still running after the limit: visible countdown, a question, and (safe default) nothing written"
    )
    func destructiveLockBlocks() async throws {
        let test = try CyclesTestProject(
            git: true,
            config:
                "session_completion:\n  destructive_lock_files: [.claude/state/rebase.lock]\n  destructive_wait_seconds: 1\n"
        )
        defer { test.remove() }
        try test.write(".claude/state/rebase.lock", "pid 1\n")
        let resolved = try ConfigurationResolver.resolve(
            project: test.project,
            commandLine: CommandLineOverrides(),
            environment: [:]
        )
        #expect(resolved.configuration.destructiveLockFiles == [".claude/state/rebase.lock"])
        #expect(resolved.configuration.destructiveWaitSeconds == 1)
        var configuration = resolved.configuration
        configuration.cycles[.reflection] = CyclesTest.bash("echo ran > reflection-ran.txt")
        let before = test.snapshot()
        let (events, result) = await CyclesInEngineTests.run(
            plan(test, configuration: configuration, cycles: [.reflection])
        )
        #expect(result?.exitStatus == .cancelled)
        #expect(result?.message?.contains(".claude/state/rebase.lock") == true)
        let waits = events.compactMap {
            if case .warning(nil, let text) = $0, text.contains("waiting for a destructive operation") {
                return text
            } else {
                return nil
            }
        }
        #expect(waits.first?.contains("(1 s left)") == true)
        #expect(
            events.contains {
                if case .questionAsked(let q) = $0 {
                    return q.kind == .destructiveOperation && !q.safeDefault
                } else {
                    return false
                }
            }
        )
        #expect(test.snapshot() == before)
    }

    @Test("the JICM exit-mode signal blocks until it disappears, then the run goes on")
    func jicmSignalWaits() async throws {
        let test = try CyclesTestProject(git: true, config: "session_completion:\n  destructive_wait_seconds: 600\n")
        defer { test.remove() }
        // Held by a live process: another completion (or Jarvis' own) is running.
        let holder = try BackgroundProcess(["sleep", "300"])
        defer { holder.stop() }
        try test.write(".claude/context/.jicm-exit-mode.signal", "\(holder.pid)\n")
        let signal = test.root.appendingPathComponent(".claude/context/.jicm-exit-mode.signal")
        let resolved = try ConfigurationResolver.resolve(
            project: test.project,
            commandLine: CommandLineOverrides(),
            environment: [:]
        )
        let remover = Task {
            try await Task.sleep(for: .milliseconds(600))
            try FileManager.default.removeItem(at: signal)
        }
        let (events, result) = await CyclesInEngineTests.run(plan(test, configuration: resolved.configuration))
        try await remover.value
        #expect(result?.exitStatus == .completed)
        let warnings = events.compactMap { if case .warning(nil, let text) = $0 { return text } else { return nil } }
        #expect(
            warnings.contains {
                $0.contains(".jicm-exit-mode.signal (held by process \(holder.pid)) present (600 s left)")
            }
        )
        #expect(warnings.contains { $0.contains("the destructive operation finished") })
        // The wait came before anything else ran.
        let firstStep = events.firstIndex { if case .stepStarted = $0 { return true } else { return false } }
        let firstWait = events.firstIndex {
            if case .warning(nil, let t) = $0 { return t.contains("waiting") } else { return false }
        }
        #expect(try #require(firstWait) < #require(firstStep))
    }

    @Test("Ctrl-C (stop) during the wait ends the run with nothing written")
    func stopDuringWait() async throws {
        let test = try CyclesTestProject(git: true)
        defer { test.remove() }
        let holder = try BackgroundProcess(["sleep", "300"])
        defer { holder.stop() }
        try test.write(".claude/context/.jicm-exit-mode.signal", "\(holder.pid)\n")
        let control = RunControl()
        let before = test.snapshot()
        Task {
            try await Task.sleep(for: .milliseconds(300))
            control.requestStop()
        }
        let (_, result) = await CyclesInEngineTests.run(plan(test, control: control))
        #expect(result?.exitStatus == .cancelled)
        #expect(test.snapshot() == before)
    }
}

@Suite("Suppression in a dry run")
struct DryRunSuppressionTests {
    @Test("a dry run does not wait for a destructive operation; it says a real run would")
    func dryRunDoesNotWait() async throws {
        let test = try CyclesTestProject(git: true)
        defer { test.remove() }
        let holder = try BackgroundProcess(["sleep", "300"])
        defer { holder.stop() }
        try test.write(".claude/context/.jicm-exit-mode.signal", "\(holder.pid)\n")
        var options = RunOptions()
        options.dryRun = true
        let resolved = ResolvedConfiguration(
            configuration: Configuration(),
            warnings: [],
            emergencyStop: false,
            offerSuppressedBy: nil
        )
        let plan = CompletionPlan(
            project: test.project,
            resolved: resolved,
            options: options,
            environment: CyclesTest.environment
        )
        let (events, result) = await CyclesInEngineTests.run(plan)
        #expect(result?.exitStatus == .completed)
        #expect(
            events.contains {
                if case .warning(nil, let t) = $0 { return t.contains("a real run would wait") } else { return false }
            }
        )
        #expect(!events.contains { if case .questionAsked = $0 { return true } else { return false } })
    }
}
