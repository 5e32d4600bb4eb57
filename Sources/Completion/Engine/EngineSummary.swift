import Foundation

extension CompletionEngine {
    /// Writes the summary before the session commit so that the commit holds it; the journal remembers its path.
    /// Returns false when it could not be saved.
    func writeSummary(_ run: PreparedRun) -> Bool {
        let context = run.context
        guard plan.configuration.createSummary else {
            context.record.warnings.append("create_summary is off: no summary file written")
            return true
        }
        let url = SummaryLocator(project: context.project).url(day: context.record.day, ordinal: context.record.ordinal)
        previewHeldBack(context)
        let markdown = SummaryRenderer.render(context.record, project: context.project, final: false)
        if plan.options.dryRun {
            emit(.summaryReady(SummaryDocument(path: nil, markdown: markdown)))
            return true
        }
        do {
            try context.writer.write(markdown, to: url)
            let document = SummaryDocument(path: url.path, markdown: markdown)
            context.summary = document
            emit(.summaryReady(document))
            run.journal.update { $0.summaryPath = url.path }
            return true
        } catch {
            let message =
                "the session summary could not be saved (\(ErrorSentence.describe(error))); it is shown instead"
            context.record.warnings.append(message)
            log.note("ERROR", message)
            emit(.warning(nil, message))
            emit(.summaryReady(SummaryDocument(path: nil, markdown: markdown)))
            return false
        }
    }

    /// The files step 5's guard will hold back, known before the commit so that the committed summary names them.
    private func previewHeldBack(_ context: StepContext) {
        guard context.record.heldBack.isEmpty, plan.configuration.autoCommit, let status = context.record.gatheredStatus
        else { return }
        let held =
            context.earlyStaging?.heldBackFiles()
            ?? StagingGuard(settings: plan.configuration.git, root: context.project.root).decide(status).heldBack
        context.record.heldBack = held.map { HeldBackFile(path: SecretRedaction.redact($0.path), reason: $0.reason) }
    }
}
