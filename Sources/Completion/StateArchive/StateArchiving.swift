import Foundation

/// The "archive session-state history" choice carried out: the archive file first, then session-state.md, both
/// through the run's `ProjectWriter` (atomic, and remembered so `jarvis-tui rollback` restores the old file and
/// removes the archive). A file with nothing older to move is not touched, so running it again changes nothing.
package enum StateArchiving {
    /// Today's archive file, or the next free `-2`, `-3`… An archive already holding exactly the bytes `archive`
    /// emits (a run that died between the two writes) is used again instead of writing a copy.
    static func archiveName(
        day: String,
        files: ProjectFiles,
        project: Project,
        archive: SessionStateArchive
    ) throws
        -> (name: String, exists: Bool)
    {
        for ordinal in 1...1000 {
            let name = ordinal == 1 ? "session-state-\(day).md" : "session-state-\(day)-\(ordinal).md"
            let url = project.root.appendingPathComponent(SessionStateArchive.folder).appendingPathComponent(name)
            guard let (fd, info) = try files.openForReading(url) else { return (name, false) }
            defer { close(fd) }
            var same = SameBytes(fd: fd, size: Int(info.st_size))
            do {
                try archive.emitArchive(day: day) { try same.compare($0) }
            } catch is SameBytes.Differs {
                continue
            }
            if same.offset == same.size { return (name, true) }
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
        let source: MarkdownFile
        let archive: SessionStateArchive
        do {
            guard let opened = try MarkdownFile.open(stateURL, files: files) else {
                return unchanged(0, "there is no \(path)")
            }
            source = opened
            archive = try SessionStateArchive(source)
        } catch {
            return unchanged(0, ErrorSentence.describe(error))
        }
        guard archive.hasOlderHistory else {
            return unchanged(
                archive.lineCount,
                "no older session sections to move (the newest and the current work stay)"
            )
        }
        let day = Timestamp.day(now)
        do {
            let (name, exists) = try archiveName(day: day, files: files, project: project, archive: archive)
            let archiveURL = project.root.appendingPathComponent(SessionStateArchive.folder)
                .appendingPathComponent(name)
            // The archive first: whenever the run stops, every line is in one file or the other.
            if !exists { try writer.writeStreaming(to: archiveURL) { try archive.emitArchive(day: day, $0) } }
            var linesAfter = 0
            try writer.writeStreaming(to: stateURL) { emit in
                linesAfter = try archive.emitState(day: day, archiveName: name, emit)
                try source.checkUnchanged()
            }
            // A dry run writes nothing, so nothing was emitted: the lines are counted on their own.
            if writer.dryRun { linesAfter = try archive.emitState(day: day, archiveName: name) { _ in } }
            return StateArchiveResult(
                path: path,
                archivePath: project.relativePath(of: archiveURL),
                sections: archive.movedTitles,
                linesBefore: archive.lineCount,
                linesAfter: linesAfter,
                linesMoved: archive.movedLineCount,
                reason: writer.dryRun ? "dry run: nothing written" : nil
            )
        } catch {
            return unchanged(archive.lineCount, ErrorSentence.describe(error) + "; \(path) was left as it was")
        }
    }
}

/// Compares emitted pieces with a file's bytes at the same offsets, a piece at a time; the first difference
/// throws `Differs`, which stops the emission (the rest of session-state.md need not be read for it).
private struct SameBytes {
    struct Differs: Error {}

    let fd: Int32
    let size: Int
    private(set) var offset = 0
    private var read: [UInt8] = []

    init(fd: Int32, size: Int) {
        self.fd = fd
        self.size = size
    }

    mutating func compare(_ piece: UnsafeRawBufferPointer) throws {
        guard piece.count > 0 else { return }
        guard offset + piece.count <= size else { throw Differs() }
        if read.count < piece.count { read = [UInt8](repeating: 0, count: piece.count) }
        let n = read.withUnsafeMutableBytes { pread(fd, $0.baseAddress, piece.count, off_t(offset)) }
        guard n == piece.count, read.withUnsafeBytes({ memcmp($0.baseAddress!, piece.baseAddress!, piece.count) }) == 0
        else { throw Differs() }
        offset += piece.count
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
