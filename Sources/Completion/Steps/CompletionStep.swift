import Foundation

/// One step of the completion protocol. A step that cannot do its work returns `skipped` or `degraded` with the
/// reason; it never claims `done` for work it did not do.
public protocol CompletionStep: Sendable {
    var id: StepID { get }
    func run(in context: StepContext) async -> Outcome
}

/// What a step sees: the project, the settings, the session record it reads and fills, and ways to report.
public final class StepContext: @unchecked Sendable {
    public let project: Project
    public let configuration: Configuration
    public let options: RunOptions
    public let environment: [String: String]
    public let responder: Responder
    public let writer: ProjectWriter
    public let now: @Sendable () -> Date
    public var record: SessionRecord
    /// The summary as written before step 5 (nil when it was not written).
    public var summary: SummaryDocument?
    /// Step 4's archive, started by the engine ahead of the step (nil: the step starts it itself).
    public var archiveJob: TranscriptArchiveJob?
    /// Step 5's staging of the session's files, started by the engine ahead of the step (nil: none).
    public var earlyStaging: EarlyStaging?
    let emit: @Sendable (CompletionEvent) -> Void
    var currentStep: StepID?
    /// The run's journal (nil when a step runs on its own).
    var journal: JournalKeeper?
    /// The session commit an interrupted run made before it could finish step 5: step 5 then only pushes it.
    var resumedSessionCommit: String?

    init(plan: CompletionPlan, record: SessionRecord, responder: Responder, writer: ProjectWriter, emit: @escaping @Sendable (CompletionEvent) -> Void) {
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

    public var dryRun: Bool { options.dryRun }

    public func progress(_ text: String) {
        if let step = currentStep { emit(.stepProgress(step, text)) }
    }

    public func warn(_ text: String) {
        record.warnings.append(text)
        emit(.warning(currentStep, text))
    }

    /// Asks the user (or the safe default) and reports the question and answer as events.
    public func ask(_ question: Question) async -> Bool {
        emit(.questionAsked(question))
        let answer = await responder.answer(question)
        emit(.questionAnswered(question, answer))
        return answer
    }

    /// Project-relative path for messages.
    public func relative(_ url: URL) -> String { project.relativePath(of: url) }
}
