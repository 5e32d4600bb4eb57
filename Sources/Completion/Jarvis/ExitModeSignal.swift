import Foundation

/// Jarvis' `.claude/context/.jicm-exit-mode.signal`: while it exists the JICM watcher leaves the session alone, so
/// it cannot clear the context in the middle of the completion. A run creates it when its steps start, with its
/// process id inside, and removes it at the end whatever happened. One found at the start is a lock only while the
/// process named in it is alive: Jarvis' own `/end-session` creates it empty, and a run that crashed leaves it
/// behind, so a file naming no live process, or older than the wait, is stale and does not stop anything.
package struct ExitModeSignal: Sendable {
    package static let path = ".claude/context/.jicm-exit-mode.signal"

    package enum State: Equatable, Sendable {
        case absent
        /// Another live process holds it.
        case held(pid: Int32)
        /// Left behind: the reason says why it is not a lock.
        case stale(String)
    }

    let project: Project
    var url: URL { project.root.appendingPathComponent(Self.path) }

    package init(project: Project) { self.project = project }

    /// What the file found now means; `maxAge` is the wait, past which nobody is still holding it.
    package func inspect(now: Date = Date(), maxAge: TimeInterval) -> State {
        let files = ProjectFiles(project)
        let info: stat
        do {
            guard let found = try files.entryInfo(url) else { return .absent }
            info = found
        } catch {
            return .stale("\(ErrorSentence.describe(error))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .stale("it is not a regular file") }
        let age = now.timeIntervalSince1970 - TimeInterval(info.st_mtim.tv_sec)
        if age > maxAge { return .stale("it is \(Int(age)) s old, older than the \(Int(maxAge)) s wait") }
        guard let owner = Self.owner(files.readIfSafe(url)) else {
            return .stale("it names no process, so nothing is holding it")
        }
        if owner == getpid() { return .stale("an earlier run of this process left it") }
        guard Self.isAlive(owner) else { return .stale("its process \(owner) is no longer running") }
        return .held(pid: owner)
    }

    /// Creates (or takes over) the signal with this process's id. Returns a warning when it cannot.
    package func acquire() -> String? {
        do {
            try ProjectFiles(project).write("\(getpid())\n", to: url)
            return nil
        } catch {
            return "could not create \(Self.path) (\(ErrorSentence.describe(error))): "
                + "the JICM watcher may interrupt this completion"
        }
    }

    /// Removes the signal if this process still owns it; one another process wrote meanwhile is left alone.
    package func release() {
        let files = ProjectFiles(project)
        guard Self.owner(files.readIfSafe(url)) == getpid() else { return }
        _ = try? files.remove(url)
    }

    /// The process id on the file's first line, nil when there is none.
    static func owner(_ data: Data?) -> Int32? {
        guard let data, data.count < 4096 else { return nil }
        let first = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first ?? ""
        guard let pid = Int32(first.trimmingCharacters(in: .whitespaces)), pid > 1 else { return nil }
        return pid
    }

    /// A process that exited but was not reaped yet (a zombie) holds nothing.
    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat"),
            let close = stat.lastIndex(of: UInt8(ascii: ")")), stat.index(close, offsetBy: 2) < stat.endIndex
        else { return true }
        return stat[stat.index(close, offsetBy: 2)] != UInt8(ascii: "Z")
    }
}
