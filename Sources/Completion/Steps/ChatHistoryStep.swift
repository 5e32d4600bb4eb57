import Foundation

/// Step 4: chat history preservation. The transcript was located and read during gathering (its statistics
/// feed steps 1–2); here it is kept: a pointer in the summary and checkpoint, a gzip copy and a condensed,
/// redacted Markdown digest under `.claude/archives/sessions/`. Never `done` without both files on disk.
package struct ChatHistoryStep: CompletionStep {
    package let id = StepID.chatHistory
    package init() {}

    package func run(in context: StepContext) async -> Outcome {
        if !context.configuration.archiveConversation { return .skipped("archive_conversation is off in the config") }
        guard let findings = context.record.transcript, let location = findings.location else {
            let places = context.record.transcript?.searched ?? []
            return .skipped(
                "no transcript found (looked in \(places.isEmpty ? "no place" : places.joined(separator: ", "))); pass --transcript FILE or --session-id ID"
            )
        }
        let archive = TranscriptArchive(project: context.project, record: context.record)
        context.record.transcriptPointer = [
            TranscriptArchive.pointer(to: location, analysis: findings.analysis, sessionID: context.record.sessionID)
        ]
        if context.dryRun {
            context.progress(
                "would archive \(location.url.path) to \(context.relative(archive.compressedCopy)) and \(context.relative(archive.digest))"
            )
            return .skipped("dry run: nothing written")
        }

        var problems: [String] = []
        // Usually started by the engine as soon as the transcript was found; started here when the step runs alone.
        let title = findings.analysis?.statistics.sessionID ?? context.record.sessionID
        let job =
            context.archiveJob.flatMap { $0.archive.stem == archive.stem ? $0 : nil }
            ?? TranscriptArchiveJob.start(
                source: location.url,
                archive: archive,
                analysis: findings.analysis,
                title: title
            )
        context.progress("compressing \(location.url.lastPathComponent)")
        context.progress("writing the conversation digest")
        let results = await job.results()
        if let problem = publish(
            results.compressed,
            in: context,
            pointer: { "Archived copy: `\($0)` (\(TranscriptArchive.megabytes($1)), gzip)" }
        ) {
            problems.append("the compressed copy was not written (\(problem))")
        }
        PausePoint.reach("chat-history:after-copy")
        if let problem = publish(results.digest, in: context, pointer: { path, _ in "Digest: `\(path)`" }) {
            problems.append("the digest was not written (\(problem))")
        }

        if problems.isEmpty {
            for file in [archive.compressedCopy, archive.digest] {
                // Read through the safe walk: a link put in place of the archive must not pass for it.
                let size = (try? archive.files.size(of: file)) ?? nil ?? 0
                if size == 0 { problems.append("\(context.relative(file)) is missing or empty after writing") }
            }
        }
        if !problems.isEmpty { return .degraded(problems.joined(separator: "; ")) }
        context.progress("archived the conversation in \(context.relative(archive.folder))")
        return .done
    }

    /// Puts a prepared file in place and adds its pointer line; the error, when it could not be.
    private func publish(
        _ result: Result<TranscriptArchiveJob.Prepared, any Error>,
        in context: StepContext,
        pointer: (_ path: String, _ bytes: Int) -> String
    ) -> (any Error)? {
        do {
            let prepared = try result.get()
            try context.writer.publish(prepared.temp, as: prepared.target)
            context.record.transcriptPointer.append(pointer(context.relative(prepared.target), prepared.bytes))
            return nil
        } catch {
            return error
        }
    }
}
