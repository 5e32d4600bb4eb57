import Foundation

/// Step 4: chat history preservation. The transcript was located and read during gathering (its statistics
/// feed steps 1–2); here it is kept: a pointer in the summary and checkpoint, a zstd copy and a condensed,
/// redacted Markdown digest under `.claude/archives/sessions/`. The copy and the digest are written on threads of
/// their own while the next steps run, step 5's commit and push included (the archive is git-ignored, never part
/// of the commit); the step finishes once both are in place. Never `done` without both files on disk.
package struct ChatHistoryStep: OverlappingStep {
    package let id = StepID.chatHistory
    package init() {}

    /// The checks and the pointers (the summary written before the commit carries them), and the archive under
    /// way. Nil: the copy and the digest are being written; `settle` puts them in place.
    package func begin(in context: StepContext) async -> Outcome? {
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
        // Usually started by the engine as soon as the transcript was found; started here when the step runs alone.
        if context.archiveJob?.archive.stem != archive.stem {
            context.archiveJob?.discard()
            context.archiveJob = TranscriptArchiveJob.start(
                source: location.url,
                archive: archive,
                analysis: findings.analysis,
                title: findings.analysis?.statistics.sessionID ?? context.record.sessionID
            )
        }
        context.record.transcriptPointer += [
            Self.copyPointer(context.relative(archive.compressedCopy), bytes: nil),
            Self.digestPointer(context.relative(archive.digest)),
        ]
        context.progress("compressing \(location.url.lastPathComponent) and writing the conversation digest")
        return nil
    }

    /// Waits for the copy and the digest and puts each in place with one rename: a run killed before it leaves
    /// the previous archive, after it the complete new one.
    package func settle(in context: StepContext) async -> Outcome {
        guard let job = context.archiveJob else { return .failed("the archive was not started") }
        let archive = job.archive
        let copyPath = context.relative(archive.compressedCopy)
        let digestPath = context.relative(archive.digest)
        var problems: [String] = []
        let results = await job.results()
        switch publish(results.compressed, in: context) {
        case .success(let bytes):
            replacePointer(
                Self.copyPointer(copyPath, bytes: nil),
                with: Self.copyPointer(copyPath, bytes: bytes),
                context
            )
        case .failure(let problem):
            replacePointer(Self.copyPointer(copyPath, bytes: nil), with: nil, context)
            problems.append("the compressed copy was not written (\(problem))")
        }
        PausePoint.reach("chat-history:after-copy")
        if case .failure(let problem) = publish(results.digest, in: context) {
            replacePointer(Self.digestPointer(digestPath), with: nil, context)
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

    /// The copy's pointer line; its size once it is written (the summary, written before, has none).
    static func copyPointer(_ path: String, bytes: Int?) -> String {
        "Archived copy: `\(path)` (\(bytes.map { "\(TranscriptArchive.megabytes($0)), " } ?? "")zstd)"
    }

    static func digestPointer(_ path: String) -> String { "Digest: `\(path)`" }

    /// Puts a prepared file in place; its size, or the error when it could not be.
    private func publish(
        _ result: Result<TranscriptArchiveJob.Prepared, any Error>,
        in context: StepContext
    ) -> Result<Int, any Error> {
        do {
            let prepared = try result.get()
            try context.writer.publish(prepared.temp, as: prepared.target, fingerprint: prepared.fingerprint)
            return .success(prepared.bytes)
        } catch {
            return .failure(error)
        }
    }

    /// The checkpoint, written after this step, points only at files that are there.
    private func replacePointer(_ line: String, with replacement: String?, _ context: StepContext) {
        guard let index = context.record.transcriptPointer.firstIndex(of: line) else { return }
        if let replacement {
            context.record.transcriptPointer[index] = replacement
        } else {
            context.record.transcriptPointer.remove(at: index)
        }
    }
}
