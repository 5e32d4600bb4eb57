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
}
