import Foundation

/// A byte-for-byte copy of the repository's index taken before step 5 stages anything, so a rejected commit
/// (a failing pre-commit hook) puts the index back exactly as the user left it, partial stagings included.
struct IndexBackup {
    let index: URL
    let copy: URL
    let existed: Bool

    init(gitDirectory: URL) throws {
        index = gitDirectory.appendingPathComponent("index")
        copy = gitDirectory.appendingPathComponent("jarvis-tui-index.backup")
        existed = FileManager.default.fileExists(atPath: index.path)
        try? FileManager.default.removeItem(at: copy)
        // git never rewrites the index in place (it renames a new one over it), so a hard link keeps the old
        // bytes for free; a copy where links are not possible.
        if existed && link(index.path, copy.path) != 0 { try FileManager.default.copyItem(at: index, to: copy) }
    }

    /// Puts the saved index back (an atomic rename).
    func restore() throws {
        if existed {
            guard rename(copy.path, index.path) == 0 else {
                throw FileWriteError(path: index.path, reason: String(cString: strerror(errno)))
            }
        } else {
            try? FileManager.default.removeItem(at: index)
        }
    }

    func discard() { try? FileManager.default.removeItem(at: copy) }

    /// Keeps the snapshot after a successful commit, for `jarvis-tui rollback` to put the user's staging back:
    /// `<git dir>/jarvis-tui/index-before-<commit>` (the newest few are kept). Returns its path.
    func keep(for commit: String) -> String? {
        guard existed else { return nil }
        let folder = copy.deletingLastPathComponent().appendingPathComponent("jarvis-tui", isDirectory: true)
        let kept = folder.appendingPathComponent("index-before-\(commit)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard rename(copy.path, kept.path) == 0 else { return nil }
        } catch { return nil }
        let fm = FileManager.default
        let old = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix("index-before-") }
            .compactMap { name -> (String, Date)? in
                let date =
                    (try? fm.attributesOfItem(atPath: folder.appendingPathComponent(name).path))?[.modificationDate]
                    as? Date
                return date.map { (name, $0) }
            }.sorted { $0.1 > $1.1 }
        for (name, _) in old.dropFirst(5) { try? fm.removeItem(at: folder.appendingPathComponent(name)) }
        return kept.path
    }
}
