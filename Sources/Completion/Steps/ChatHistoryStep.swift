import Foundation

/// Step 4: chat history preservation. The transcript was located and read during gathering (its statistics
/// feed steps 1–2); here it is kept: a pointer in the summary and checkpoint, a gzip copy and a condensed,
/// redacted Markdown digest under `.claude/archives/sessions/`. Never `done` without both files on disk.
public struct ChatHistoryStep: CompletionStep {
    public let id = StepID.chatHistory
    public init() {}

    public func run(in context: StepContext) async -> Outcome {
        if !context.configuration.archiveConversation { return .skipped("archive_conversation is off in the config") }
        guard let findings = context.record.transcript, let location = findings.location else {
            let places = context.record.transcript?.searched ?? []
            return .skipped("no transcript found (looked in \(places.isEmpty ? "no place" : places.joined(separator: ", "))); pass --transcript FILE or --session-id ID")
        }
        let archive = TranscriptArchive(project: context.project, record: context.record)
        context.record.transcriptPointer = [TranscriptArchive.pointer(to: location, analysis: findings.analysis, sessionID: context.record.sessionID)]
        if context.dryRun {
            context.progress("would archive \(location.url.path) to \(context.relative(archive.compressedCopy)) and \(context.relative(archive.digest))")
            return .skipped("dry run: nothing written")
        }

        var problems: [String] = []
        context.progress("compressing \(location.url.lastPathComponent)")
        do {
            var compressed = 0
            try context.writer.writeStreaming(to: archive.compressedCopy) { emit in
                try GzipStream.compress(location.url) { chunk in
                    compressed += chunk.count
                    try emit(chunk)
                    PausePoint.reach("chat-history:mid-copy")
                }
            }
            context.record.transcriptPointer.append("Archived copy: `\(context.relative(archive.compressedCopy))` (\(TranscriptArchive.megabytes(compressed)), gzip)")
        } catch {
            problems.append("the compressed copy was not written (\(error))")
        }

        PausePoint.reach("chat-history:after-copy")
        context.progress("writing the conversation digest")
        do {
            let title = context.record.transcript?.analysis?.statistics.sessionID ?? context.record.sessionID
            let markdown = try TranscriptDigest.render(location.url, redactor: TranscriptRedactor(), analysis: findings.analysis, title: title)
            try context.writer.write(markdown, to: archive.digest)
            context.record.transcriptPointer.append("Digest: `\(context.relative(archive.digest))`")
        } catch {
            problems.append("the digest was not written (\(error))")
        }

        if problems.isEmpty {
            for file in [archive.compressedCopy, archive.digest] {
                let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.intValue ?? 0
                if size == 0 { problems.append("\(context.relative(file)) is missing or empty after writing") }
            }
        }
        if !problems.isEmpty { return .degraded(problems.joined(separator: "; ")) }
        context.progress("archived the conversation in \(context.relative(archive.folder))")
        return .done
    }
}
