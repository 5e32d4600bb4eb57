import Foundation

/// Removes the temporary files of atomic writes that a killed run left behind (`.NAME.PID.RANDOM.tmp`, see
/// `AtomicFile`) under `.claude/`, when the process that made them is gone. The files they were meant to replace
/// are intact: the rename never happened.
public enum OrphanedTempFiles {
    @discardableResult
    public static func sweep(_ project: Project) -> [String] {
        var removed: [String] = []
        guard let walker = FileManager.default.enumerator(at: project.claude, includingPropertiesForKeys: [.isSymbolicLinkKey],
                                                          options: [.skipsPackageDescendants]) else { return [] }
        for case let url as URL in walker {
            guard let pid = writerPID(url.lastPathComponent), !isAlive(pid) else { continue }
            if (try? url.resourceValues(forKeys: [.isSymbolicLinkKey]))?.isSymbolicLink == true { continue }
            if (try? FileManager.default.removeItem(at: url)) != nil { removed.append(project.relativePath(of: url)) }
        }
        return removed
    }

    /// The pid in `.NAME.PID.RANDOM.tmp`, or nil when the name is not one of ours.
    static func writerPID(_ name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let parts = name.dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 4, let random = parts.last, UInt32(random) != nil, let pid = pid_t(parts[parts.count - 2]), pid > 0 else { return nil }
        return pid
    }

    static func isAlive(_ pid: pid_t) -> Bool {
        pid == getpid() || kill(pid, 0) == 0 || errno == EPERM
    }
}
