import Foundation

@testable import Completion

/// Runs the engine in-process on a `GitTestRepository` and keeps its events, readable while it runs.
final class JarvisTestRun: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [CompletionEvent] = []
    var events: [CompletionEvent] { lock.withLock { collected } }
    var result: RunResult? { events.result }

    static func plan(
        _ repository: GitTestRepository,
        configuration: Configuration? = nil,
        options: RunOptions = RunOptions(),
        control: RunControl = RunControl(),
        environment: [String: String]? = nil
    ) -> CompletionPlan {
        let resolved = ResolvedConfiguration(
            configuration: configuration ?? repository.configuration(),
            warnings: [],
            emergencyStop: false,
            offerSuppressedBy: nil
        )
        return CompletionPlan(
            project: repository.project,
            resolved: resolved,
            options: options,
            environment: environment ?? repository.environment,
            control: control
        )
    }

    /// Runs to the end.
    static func complete(_ plan: CompletionPlan, responder: Responder = SafeDefaultResponder()) async -> JarvisTestRun {
        let run = JarvisTestRun()
        for await event in SessionCompletion.run(plan, responder: responder) {
            run.lock.withLock { run.collected.append(event) }
        }
        return run
    }

    /// Starts the run; `task` ends with it.
    static func start(_ plan: CompletionPlan) -> (JarvisTestRun, Task<Void, Never>) {
        let run = JarvisTestRun()
        let task = Task {
            for await event in SessionCompletion.run(plan) { run.lock.withLock { run.collected.append(event) } }
        }
        return (run, task)
    }

    /// Waits until `condition` holds (true) or `limit` passes (false).
    static func waitFor(_ limit: Duration = .seconds(120), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }

    var warnings: [String] { events.compactMap { if case .warning(_, let text) = $0 { text } else { nil } } }
    func finished(_ step: StepID) -> Bool {
        events.contains { if case .stepFinished(step, _, _) = $0 { true } else { false } }
    }
}
