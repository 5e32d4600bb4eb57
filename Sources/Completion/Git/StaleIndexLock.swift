import Foundation

/// An `index.lock` that the interrupted run's own git left behind: a `git update-index` or `git commit` of step 5
/// killed with it (SIGKILL to the whole process group, as when a terminal is closed) cannot remove its lock, and
/// every later git command that writes the index then refuses to run. It is ours, and safe to remove, when the
/// interrupted run had started writing this repository's index (the journal says when), the lock was made after
/// that, and no git process other than our own children is running in the repository. Any other lock is another
/// git's, and step 5 waits for it or reports it as before.
enum StaleIndexLock {
    static func isLeftByInterruptedRun(_ lockFile: URL, indexWritesStartedAt started: Date?, repository: URL) -> Bool {
        guard let started,
            let made = (try? FileManager.default.attributesOfItem(atPath: lockFile.path))?[.modificationDate] as? Date,
            made.timeIntervalSince(started) > -2
        else { return false }
        return !GitProcesses.anyRunning(in: repository)
    }
}

/// The git processes running on this machine, read from `/proc`.
enum GitProcesses {
    /// True when a git process that is not one of ours works in `repository` (its working folder is the repository
    /// or inside it), or might: a git process whose folder cannot be read counts too. Zombies (killed, not yet
    /// reaped) hold no lock and do not count.
    static func anyRunning(in repository: URL) -> Bool {
        let root = repository.resolvingSymlinksInPath().path
        let me = getpid()
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return true }
        for entry in entries {
            guard let pid = pid_t(entry), pid != me, let process = ProcessStat(entry),
                process.command.hasPrefix("git"), process.state != "Z", process.state != "X", process.parent != me
            else { continue }
            guard let folder = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(entry)/cwd") else {
                return true
            }
            if folder == root || folder.hasPrefix(root + "/") { return true }
        }
        return false
    }
}

/// The fields of `/proc/PID/stat` this needs: `PID (COMMAND) STATE PPID …` (the command may hold spaces and
/// parentheses, so it ends at the last `)`).
struct ProcessStat {
    let command: String
    let state: Character
    let parent: pid_t

    init?(_ pid: String) {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")")
        else { return nil }
        let rest = text[text.index(after: close)...].split(separator: " ")
        guard rest.count >= 2, let state = rest[0].first, let parent = pid_t(rest[1]) else { return nil }
        command = String(text[text.index(after: open)..<close])
        self.state = state
        self.parent = parent
    }
}
