import Foundation

/// The only way steps write into the project: atomic, dry-run aware, and remembering what each file held
/// before so a run can be rolled back.
public final class ProjectWriter: @unchecked Sendable {
    public struct Written: Sendable {
        public let path: String
        /// The bytes the file held before this run, or nil when the run created it.
        public let previous: Data?
    }

    let project: Project
    let dryRun: Bool
    private let lock = NSLock()
    private var written: [Written] = []

    init(project: Project, dryRun: Bool) {
        self.project = project
        self.dryRun = dryRun
    }

    public var files: [Written] {
        lock.lock(); defer { lock.unlock() }
        return written
    }

    /// Writes atomically; in a dry run only reports. Refuses to write through a symlink that leaves `.claude/`.
    public func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    public func write(_ data: Data, to url: URL) throws {
        if dryRun { return }
        try PathSafety.checkInsideProject(url, project: project)
        let previous = FileManager.default.contents(atPath: url.path)
        try AtomicFile.write(data, to: url)
        lock.lock()
        if !written.contains(where: { $0.path == url.path }) {
            written.append(Written(path: url.path, previous: previous))
        }
        lock.unlock()
    }

    /// Writes a file produced piece by piece (large archives) without holding it: same atomic rename, safety
    /// checks and rollback record as `write`.
    public func writeStreaming(to url: URL, _ produce: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        if dryRun { return }
        try PathSafety.checkInsideProject(url, project: project)
        try publish(try AtomicFile.prepareStreaming(for: url, produce), as: url)
    }

    /// Puts a file prepared with `AtomicFile.prepareStreaming` (possibly on another thread, ahead of time) in
    /// place: the safety checks, the rollback record and the rename of any write. In a dry run it is discarded.
    public func publish(_ temp: URL, as url: URL) throws {
        if dryRun { unlink(temp.path); return }
        do { try PathSafety.checkInsideProject(url, project: project) } catch { unlink(temp.path); throw error }
        let previous = FileManager.default.contents(atPath: url.path)
        try AtomicFile.publish(temp, as: url)
        lock.lock()
        if !written.contains(where: { $0.path == url.path }) {
            written.append(Written(path: url.path, previous: previous))
        }
        lock.unlock()
    }

    public func append(_ line: String, to url: URL) throws {
        if dryRun { return }
        try PathSafety.checkInsideProject(url, project: project)
        try AtomicFile.append(line.hasSuffix("\n") ? line : line + "\n", to: url)
    }
}

/// Keeps writes and deletions inside the project: no path whose real location (after resolving symlinks in its
/// folders) lies outside the project root.
public enum PathSafety {
    public static func checkInsideProject(_ url: URL, project: Project) throws {
        let root = project.root.resolvingSymlinksInPath().path
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath().path
        guard folder == root || folder.hasPrefix(root + "/") else {
            throw FileWriteError(path: url.path, reason: "its folder resolves outside the project (\(folder)); refusing to follow the symlink")
        }
        if isSymlink(url) {
            throw FileWriteError(path: url.path, reason: "it is a symlink; refusing to write through it")
        }
    }

    /// For deleting an entry (a symlink itself may go): only its folder must lie inside the project.
    public static func checkFolderInsideProject(_ url: URL, project: Project) throws {
        let root = project.root.resolvingSymlinksInPath().path
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath().path
        guard folder == root || folder.hasPrefix(root + "/") else {
            throw FileWriteError(path: url.path, reason: "its folder resolves outside the project (\(folder)); refusing to follow the symlink")
        }
    }

    public static func isSymlink(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }
}
