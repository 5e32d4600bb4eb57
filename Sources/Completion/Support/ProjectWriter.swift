import Foundation

/// The only way steps write into the project: atomic, dry-run aware, and remembering what each file held
/// before so a run can be rolled back.
package final class ProjectWriter: @unchecked Sendable {
    // Unchecked: every mutable property is reached only with `lock` held.
    package struct Written: Sendable {
        package let path: String
        /// What the file held before this run, or nil when the run created it.
        package let previous: PreviousContent?
        /// The folders its first write made, deepest first: rollback removes them again when they are empty.
        package let createdFolders: [String]
        /// The fingerprint of what was written, when the writer computed it as it wrote (a large archive then
        /// is not read a second time at the run's end).
        package var known: KnownContent? = nil
    }

    let project: Project
    let dryRun: Bool
    private let lock = NSLock()
    private var written: [Written] = []
    /// Where this run keeps the previous content of large files until the manifest takes them (made on first use).
    let keptFolder: URL
    private var keptCount = 0

    init(project: Project, dryRun: Bool) {
        self.project = project
        self.dryRun = dryRun
        keptFolder = RunManifestStore(project: project).backupsFolder.appendingPathComponent(
            "\(PreviousContent.keptPrefix)\(getpid())-\(UInt32.random(in: 0...UInt32.max))",
            isDirectory: true
        )
    }

    package var files: [Written] {
        lock.lock(); defer { lock.unlock() }
        return written
    }

    /// Writes atomically; in a dry run only reports. Refuses to write through a symlink that leaves `.claude/`.
    package func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    package func write(_ data: Data, to url: URL) throws {
        if dryRun { return }
        let files = ProjectFiles(project)
        let created = missingFolders(url)
        try files.prepareWrite(url)
        let previous = try keepPrevious(url, mayLink: true)
        try files.write(data, to: url)
        remember(url, previous: previous, created: created)
    }

    /// Writes a file produced piece by piece (large archives) without holding it: same atomic rename, safety
    /// checks and rollback record as `write`.
    package func writeStreaming(
        to url: URL,
        _ produce: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws {
        if dryRun { return }
        let created = missingFolders(url)
        try ProjectFiles(project).prepareWrite(url)
        try publish(try AtomicFile.prepareStreaming(for: url, produce), as: url, created: created)
    }

    /// Puts a file prepared with `AtomicFile.prepareStreaming` (possibly on another thread, ahead of time) in
    /// place: the safety checks, the rollback record and the rename of any write. In a dry run it is discarded.
    /// `fingerprint`: the size and fingerprint of the bytes prepared, when the preparing thread worked them out.
    package func publish(_ temp: URL, as url: URL, fingerprint: (size: Int, hash: String)? = nil) throws {
        try publish(temp, as: url, created: missingFolders(url), fingerprint: fingerprint)
    }

    private func publish(
        _ temp: URL,
        as url: URL,
        created: [String],
        fingerprint: (size: Int, hash: String)? = nil
    ) throws {
        if dryRun { unlink(temp.path); return }
        let previous: PreviousContent?
        do {
            try ProjectFiles(project).prepareWrite(url)
            previous = try keepPrevious(url, mayLink: true)
        } catch { unlink(temp.path); throw error }
        try AtomicFile.publish(temp, as: url)
        let known = fingerprint.flatMap { KnownContent(path: url.path, size: $0.size, hash: $0.hash) }
        remember(url, previous: previous, created: created, known: known)
    }

    /// Appends with `O_APPEND` like `append`, and remembers what the file held before, so a rollback restores it.
    package func appendRecorded(_ text: String, to url: URL) throws {
        if dryRun { return }
        let files = ProjectFiles(project)
        let created = missingFolders(url)
        try files.prepareWrite(url)
        // Appending changes the file in place: its previous content must be a copy, not a second link.
        let previous = try keepPrevious(url, mayLink: false)
        try files.append(text, to: url)
        remember(url, previous: previous, created: created)
    }

    /// What `url` holds before its first write of the run (nil when it is missing or was written already): its
    /// bytes when small, else a file in `keptFolder`, so a file of tens of megabytes is never held in memory.
    private func keepPrevious(_ url: URL, mayLink: Bool) throws -> PreviousContent? {
        if files.contains(where: { $0.path == url.path }) { return nil }
        guard let (fd, info) = try ProjectFiles(project).openForReading(url) else { return nil }
        defer { close(fd) }
        guard Int(info.st_size) > PreviousContent.heldLimit else {
            return .bytes(try ProjectFiles.readAll(fd, path: url.path, sizeHint: Int(info.st_size)))
        }
        let index = lock.withLock {
            keptCount += 1
            return keptCount
        }
        let kept = keptFolder.appendingPathComponent("\(index)")
        try PreviousContent.keep(fd, info: info, of: url, at: kept, project: project, mayLink: mayLink)
        return .kept(kept)
    }

    /// Keeps the first "before" of each file: a second write in the same run must not overwrite it.
    private func remember(_ url: URL, previous: PreviousContent?, created: [String], known: KnownContent? = nil) {
        lock.lock()
        defer { lock.unlock() }
        if !written.contains(where: { $0.path == url.path }) {
            written.append(Written(path: url.path, previous: previous, createdFolders: created, known: known))
        }
    }

    /// The folders between the project's root and `url` that do not exist yet, deepest first: those a write of
    /// `url` makes. Anything at a path (a link too) counts as existing.
    private func missingFolders(_ url: URL) -> [String] {
        let root = project.root.standardizedFileURL.path
        var folder = url.standardizedFileURL.deletingLastPathComponent()
        var missing: [String] = []
        var info = stat()
        while folder.path.hasPrefix(root + "/"), lstat(folder.path, &info) != 0, errno == ENOENT {
            missing.append(folder.path)
            folder = folder.deletingLastPathComponent()
        }
        return missing
    }

    package func append(_ line: String, to url: URL) throws {
        if dryRun { return }
        try ProjectFiles(project).append(line.hasSuffix("\n") ? line : line + "\n", to: url)
    }
}

/// Keeps writes and deletions inside the project, through `ProjectFiles`: no link is followed on the way.
package enum PathSafety {
    /// `url` may be written: its folders are real folders of the project and `url` is not a link.
    package static func checkInsideProject(_ url: URL, project: Project) throws {
        _ = try ProjectFiles(project).find(url)
    }

    /// For deleting an entry (a symlink itself may go): only its folders must be real folders of the project.
    package static func checkFolderInsideProject(_ url: URL, project: Project) throws {
        try ProjectFiles(project).walkFolders(to: url, create: false)
    }

    package static func isSymlink(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }
}
