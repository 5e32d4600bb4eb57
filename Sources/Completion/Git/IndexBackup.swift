import Foundation

/// A byte-for-byte copy of the repository's index taken before step 5 stages anything, so a rejected commit
/// (a failing pre-commit hook) puts the index back exactly as the user left it, partial stagings included.
/// Its files live in the git directory and are reached like the project's, without following a link: a linked
/// `jarvis-tui` folder there would have the pruning of old snapshots delete files outside.
struct IndexBackup {
    let index: URL
    let copy: URL
    let existed: Bool
    let files: ProjectFiles

    init(gitDirectory: URL) throws {
        files = ProjectFiles(root: gitDirectory)
        index = gitDirectory.appendingPathComponent("index")
        copy = gitDirectory.appendingPathComponent("jarvis-tui-index.backup")
        existed = try files.find(index) == .file
        _ = try? files.remove(copy)
        // git never rewrites the index in place (it renames a new one over it), so a hard link keeps the old
        // bytes for free; a copy where links are not possible.
        if existed && link(index.path, copy.path) != 0 {
            guard let bytes = try files.read(index) else {
                throw FileReadError(path: index.path, reason: "it disappeared while it was copied")
            }
            try files.write(bytes, to: copy, newFileMode: 0o600)
        }
    }

    /// Puts the saved index back (an atomic rename).
    func restore() throws {
        if existed {
            guard rename(copy.path, index.path) == 0 else {
                throw FileWriteError(path: index.path, reason: String(cString: strerror(errno)))
            }
        } else {
            try? files.remove(index)
        }
    }

    func discard() { _ = try? files.remove(copy) }

    /// Keeps the snapshot after a successful commit, for `jarvis-tui rollback` to put the user's staging back:
    /// `<git dir>/jarvis-tui/index-before-<commit>` (the newest few are kept). Returns its path; nil when it could
    /// not be kept (a link in the way is refused, and the snapshot is dropped).
    func keep(for commit: String) -> String? {
        guard existed else { return nil }
        let folder = copy.deletingLastPathComponent().appendingPathComponent("jarvis-tui", isDirectory: true)
        let kept = folder.appendingPathComponent("index-before-\(commit)")
        do {
            try files.makeFolder(folder)
            guard rename(copy.path, kept.path) == 0 else { return nil }
        } catch {
            discard()
            return nil
        }
        let old = ((try? files.list(folder)) ?? nil ?? []).filter { $0.hasPrefix("index-before-") }
            .compactMap { name -> (String, Int)? in
                guard let info = try? files.entryInfo(folder.appendingPathComponent(name)) else { return nil }
                return (name, Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec))
            }.sorted { $0.1 > $1.1 }
        for (name, _) in old.dropFirst(5) { _ = try? files.remove(folder.appendingPathComponent(name)) }
        return kept.path
    }
}
