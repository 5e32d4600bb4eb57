import Foundation

/// The one entry point: runs a plan and reports everything as a stream of events. Front ends consume the stream
/// and nothing else; questions come back through the responder.
package enum SessionCompletion {
    /// Every event and question leaves with its secrets redacted, whichever step or cycle produced its text.
    package static func run(
        _ plan: CompletionPlan,
        responder: Responder = SafeDefaultResponder()
    ) -> AsyncStream<CompletionEvent> {
        AsyncStream { continuation in
            let task = Task {
                // Every event also goes to the run's log file, so plain and JSON runs keep one too.
                let runLog = RunLogFile(project: plan.project, enabled: !plan.options.dryRun)
                let engine = CompletionEngine(
                    plan: plan,
                    responder: RedactingResponder(wrapped: responder),
                    emit: { event in
                        let safe = event.redactingSecrets()
                        if let problem = runLog.record(safe) { continuation.yield(.warning(nil, problem)) }
                        continuation.yield(safe)
                    }
                )
                await engine.execute()
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The seven steps in protocol order: one for each `StepID`.
    package static let steps: [any CompletionStep] = StepID.allCases.map(\.step)
}

extension StepID {
    /// The step that does this part of the protocol. A switch, so that a new `StepID` does not compile without
    /// its step.
    package var step: any CompletionStep {
        switch self {
        case .stateCapture: WorkStateCaptureStep()
        case .memory: MemoryPersistenceStep()
        case .contextFiles: ContextFilesStep()
        case .chatHistory: ChatHistoryStep()
        case .git: GitStep()
        case .handoff: HandoffStep()
        case .cleanup: CleanupStep()
        }
    }

    /// Where the step stands relative to the session commit. The steps phase runs the steps before it, writes the
    /// summary (so that the commit holds it), runs the commit's step, lets the work that overlapped the commit
    /// finish, then runs the steps after it.
    package enum Phase: Sendable {
        /// Its files are in the session commit (step 4's archive is git-ignored: it overlaps the commit instead).
        case beforeCommit
        /// Makes the session commit and pushes it.
        case commit
        /// Records what the commit left (the checkpoint) and cleans up.
        case afterCommit
    }

    package var phase: Phase {
        switch self {
        case .stateCapture, .memory, .contextFiles, .chatHistory: .beforeCommit
        case .git: .commit
        case .handoff, .cleanup: .afterCommit
        }
    }

    /// The step's outcome is known only after the summary is saved: it runs after the summary, or its work goes
    /// on while the commit is made (`OverlappingStep`).
    package var finishesAfterTheSummary: Bool { phase != .beforeCommit || step is any OverlappingStep }
}
