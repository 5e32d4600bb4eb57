import Foundation

/// One step of the completion protocol. A step that cannot do its work returns `skipped` or `degraded` with the
/// reason; it never claims `done` for work it did not do.
package protocol CompletionStep: Sendable {
    var id: StepID { get }
    func run(in context: StepContext) async -> Outcome
}

/// A step whose slow work goes on while the steps after it run. `begin` does what needs none of that work and
/// returns the outcome when it is already known (a skip, say); nil means the work is under way, and `settle`
/// later waits for it, puts it in place and returns the outcome. Run on its own, the step does both at once.
package protocol OverlappingStep: CompletionStep {
    func begin(in context: StepContext) async -> Outcome?
    func settle(in context: StepContext) async -> Outcome
}

extension OverlappingStep {
    package func run(in context: StepContext) async -> Outcome {
        if let outcome = await begin(in: context) { return outcome }
        return await settle(in: context)
    }
}

/// What a step sees: the project, the settings, the session record it reads and fills, and ways to report.
package final class StepContext: @unchecked Sendable {
    // Unchecked: only the engine's task touches it, one step at a time; the steps' own threads never hold it.
    package let project: Project
    package let configuration: Configuration
    package let options: RunOptions
    package let environment: [String: String]
    package let responder: Responder
    package let writer: ProjectWriter
    package let now: @Sendable () -> Date
    package var record: SessionRecord
    /// The summary as written before step 5 (nil when it was not written).
    package var summary: SummaryDocument?
    /// Step 4's archive, started by the engine ahead of the step (nil: the step starts it itself).
    package var archiveJob: TranscriptArchiveJob?
    /// Step 2's talk with the memory server, going on while the next steps run (nil: none under way).
    var memoryExchange: MemoryExchange?
    /// Step 5's staging of the session's files, started by the engine ahead of the step (nil: none).
    package var earlyStaging: EarlyStaging?
    let emit: @Sendable (CompletionEvent) -> Void
    var currentStep: StepID?
    /// The run's journal (nil when a step runs on its own).
    var journal: JournalKeeper?
    /// The session commit an interrupted run made before it could finish step 5: step 5 then only pushes it.
    var resumedSessionCommit: String?

    init(
        plan: CompletionPlan,
        record: SessionRecord,
        responder: Responder,
        writer: ProjectWriter,
        emit: @escaping @Sendable (CompletionEvent) -> Void
    ) {
        self.project = plan.project
        self.configuration = plan.configuration
        self.options = plan.options
        self.environment = plan.environment
        self.responder = responder
        self.writer = writer
        self.now = plan.now
        self.record = record
        self.emit = emit
    }

    package var dryRun: Bool { options.dryRun }

    package func progress(_ text: String) {
        if let step = currentStep { emit(.stepProgress(step, text)) }
    }

    package func warn(_ text: String) {
        record.warnings.append(text)
        emit(.warning(currentStep, text))
    }

    /// Asks the user (or the safe default) and reports the question and answer as events.
    package func ask(_ question: Question) async -> Bool {
        emit(.questionAsked(question))
        let answer = await responder.answer(question)
        emit(.questionAnswered(question, answer))
        return answer
    }

    /// Project-relative path for messages.
    package func relative(_ url: URL) -> String { project.relativePath(of: url) }
}
