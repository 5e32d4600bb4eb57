import Foundation

/// The "archive session-state history" choice carried out: the archive file first, then session-state.md, both
/// through the run's `ProjectWriter` (atomic, and remembered so `jarvis-tui rollback` restores the old file and
/// removes the archive). A file with nothing older to move is not touched, so running it again changes nothing.
package enum StateArchiving {
    /// Today's archive file, or the next free `-2`, `-3`… An archive already holding exactly these bytes (a run
    /// that died between the two writes) is used again instead of writing a copy.
    static func archiveName(
        day: String,
        files: ProjectFiles,
        project: Project,
        content: (String) -> Data
    ) throws
        -> (name: String, exists: Bool)
    {
        for ordinal in 1...1000 {
            let name = ordinal == 1 ? "session-state-\(day).md" : "session-state-\(day)-\(ordinal).md"
            let url = project.root.appendingPathComponent(SessionStateArchive.folder).appendingPathComponent(name)
            guard let existing = try files.read(url) else { return (name, false) }
            if existing == content(name) { return (name, true) }
        }
        throw FileWriteError(path: SessionStateArchive.folder, reason: "it already holds 1000 archives for \(day)")
    }

    /// Archives the older history of session-state.md; the result says what moved or why nothing did.
    package static func run(project: Project, writer: ProjectWriter, now: Date) -> StateArchiveResult {
        let stateURL = project.sessionStateFile
        let path = project.relativePath(of: stateURL)
        func unchanged(_ lines: Int, _ reason: String) -> StateArchiveResult {
            StateArchiveResult(
                path: path,
                archivePath: nil,
                sections: [],
                linesBefore: lines,
                linesAfter: lines,
                linesMoved: 0,
                reason: reason
            )
        }
        let files = ProjectFiles(project)
        let data: Data
        do {
            guard let read = try files.read(stateURL) else { return unchanged(0, "there is no \(path)") }
            data = read
        } catch {
            return unchanged(0, ErrorSentence.describe(error))
        }
        let archive = SessionStateArchive(data: data)
        guard archive.hasOlderHistory else {
            return unchanged(
                archive.lineCount,
                "no older session sections to move (the newest and the current work stay)"
            )
        }
        let day = Timestamp.day(now)
        do {
            let (name, exists) = try archiveName(day: day, files: files, project: project) {
                archive.apply(day: day, archiveName: $0).archive
            }
            let edit = archive.apply(day: day, archiveName: name)
            let archiveURL = project.root.appendingPathComponent(SessionStateArchive.folder)
                .appendingPathComponent(name)
            // The archive first: whenever the run stops, every line is in one file or the other.
            if !exists { try writer.write(edit.archive, to: archiveURL) }
            try writer.write(edit.state, to: stateURL)
            return StateArchiveResult(
                path: path,
                archivePath: project.relativePath(of: archiveURL),
                sections: archive.movedTitles,
                linesBefore: archive.lineCount,
                linesAfter: StateFileLines([UInt8](edit.state)).lineFeeds,
                linesMoved: archive.movedLineCount,
                reason: writer.dryRun ? "dry run: nothing written" : nil
            )
        } catch {
            return unchanged(archive.lineCount, ErrorSentence.describe(error) + "; \(path) was left as it was")
        }
    }
}

extension StateArchiving {
    /// Step 1's first act when the user chose `archive-state`: the older history moves before the step updates
    /// the file, so its capture block and fields land in the short file. Reported as its own event and named in
    /// the summary's findings; a failure is a warning and the step goes on with the file as it is.
    static func runChosen(in context: StepContext) {
        guard context.options.archiveSessionState else { return }
        let result = run(project: context.project, writer: context.writer, now: context.now()).redactingSecrets()
        context.emit(.stateArchived(result))
        context.record.findings.append("Session state: " + result.sentence)
        if !result.archived, result.archivePath == nil, result.linesBefore > SessionStateArchive.lineLimit {
            context.warn(result.sentence)
        }
    }
}
