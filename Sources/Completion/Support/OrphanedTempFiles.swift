import Foundation

/// Removes the temporary files of atomic writes that a killed run left behind (`.NAME.PID.RANDOM.tmp`, see
/// `AtomicFile`) under `.claude/`, when the process that made them is gone. The files they were meant to replace
/// are intact: the rename never happened.
package enum OrphanedTempFiles {
    @discardableResult
    package static func sweep(_ project: Project) -> [String] {
        var removed: [String] = []
        sweep(project.claude, files: ProjectFiles(project), depth: 8) { url in
            if (try? ProjectFiles(project).remove(url)) == true { removed.append(project.relativePath(of: url)) }
        }
        return removed
    }

    /// Visits the dead writers' temp files under `folder`, entering only real folders (never a link).
    private static func sweep(_ folder: URL, files: ProjectFiles, depth: Int, _ visit: (URL) -> Void) {
        guard depth > 0, let names = (try? files.list(folder)) ?? nil else { return }
        for name in names {
            let url = folder.appendingPathComponent(name)
            guard let info = (try? files.entryInfo(url)) ?? nil else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: sweep(url, files: files, depth: depth - 1, visit)
            case S_IFREG: if let pid = writerPID(name), !isAlive(pid) { visit(url) }
            default: continue
            }
        }
    }

    /// The pid in `.NAME.PID.RANDOM.tmp`, or nil when the name is not one of ours.
    static func writerPID(_ name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let parts = name.dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 4, let random = parts.last, UInt32(random) != nil, let pid = pid_t(parts[parts.count - 2]),
            pid > 0
        else { return nil }
        return pid
    }

    static func isAlive(_ pid: pid_t) -> Bool {
        pid == getpid() || kill(pid, 0) == 0 || errno == EPERM
    }
}
