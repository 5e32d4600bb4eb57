import Foundation
import Testing

@testable import Completion

/// `RunControl.pause()` holds a real run (a git repository with a bare remote) at its next step boundary.
@Suite struct RunControlPauseTests {
    /// The events of a run as they arrive, readable while it goes on.
    final class EventLog: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [CompletionEvent] = []
        func append(_ event: CompletionEvent) { lock.withLock { events.append(event) } }
        var all: [CompletionEvent] { lock.withLock { events } }
        var stepsStarted: [StepID] { all.compactMap { if case .stepStarted(let step) = $0 { step } else { nil } } }
    }

    func start(_ fixture: FixtureProject, control: RunControl) throws -> (EventLog, Task<Void, Never>) {
        let environment = ProcessInfo.processInfo.environment
        let resolved = try ConfigurationResolver.resolve(
            project: fixture.project,
            commandLine: CommandLineOverrides(preCompletionOffer: false),
            environment: environment
        )
        let plan = CompletionPlan(
            project: fixture.project,
            resolved: resolved,
            options: RunOptions(),
            environment: environment,
            control: control
        )
        let log = EventLog()
        let run = Task { for await event in SessionCompletion.run(plan) { log.append(event) } }
        return (log, run)
    }

    @Test func aPausedRunWaitsBeforeItsNextStepAndResumeFinishesIt() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let head = try fixture.git(["rev-parse", "HEAD"])
        let control = RunControl()
        control.pause()
        let (log, run) = try start(fixture, control: control)
        let clock = ContinuousClock()
        // Generous: before its first event the engine gathers the project (git), which a loaded machine slows.
        let deadline = clock.now + .seconds(300)
        while !log.all.contains(where: { if case .runStarted = $0 { true } else { false } }), clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        // Unpaused, the steps start within milliseconds of the run.
        try await Task.sleep(for: .seconds(2))
        #expect(log.all.contains { if case .runStarted = $0 { true } else { false } })
        #expect(log.stepsStarted.isEmpty, "steps ran while paused: \(log.stepsStarted)")
        #expect(try fixture.git(["rev-parse", "HEAD"]) == head)

        control.resume()
        await run.value
        #expect(log.stepsStarted == StepID.allCases)
        #expect(log.all.result?.exitStatus == .completed)
        #expect(try fixture.git(["log", "-1", "--format=%s"]).hasPrefix("Session:"))
    }

    @Test func aStopWhilePausedSkipsTheRestWithoutRunningIt() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let head = try fixture.git(["rev-parse", "HEAD"])
        let control = RunControl()
        control.pause()
        let (log, run) = try start(fixture, control: control)
        try await Task.sleep(for: .milliseconds(500))
        control.requestStop()
        await run.value
        #expect(log.stepsStarted.isEmpty)
        #expect(log.all.result?.exitStatus == .interrupted)
        #expect(try fixture.git(["rev-parse", "HEAD"]) == head)
    }
}
