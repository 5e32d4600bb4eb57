import Completion
import Foundation

/// What happens when a benchmark is interrupted (Ctrl-C, `kill`, a closed pipe on the reading end of its output):
/// the processes it started are stopped, the fixture folders it generated are removed, and the process then dies
/// of the same signal, so that whoever started it sees the interruption.
enum InterruptCleanup {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGPIPE, SIGHUP]
    /// How long the processes started by the benchmark get to exit on SIGTERM before they are killed: long
    /// enough for a nested jarvis-bench to remove its own fixtures (gigabytes for the completion benchmark).
    static let childGrace: Double = 60

    /// Routes the signals to a handler on a thread of its own: it runs even while the main thread is busy in a
    /// benchmark, and unlike a C signal handler it may remove folders.
    static func install() {
        _ = SignalRelay.install(signals) { handle($0) }
    }

    private static func handle(_ number: Int32) {
        let names = [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGPIPE: "SIGPIPE", SIGHUP: "SIGHUP"]
        let name = names[number] ?? "signal \(number)"
        if number != SIGPIPE {
            FileHandle.standardError.write(Data("jarvis-bench: \(name): stopping and removing the fixtures\n".utf8))
        }
        stopDescendants()
        FixtureFolders.removeAll()
        signal(number, SIG_DFL)
        raise(number)
        _exit(128 + number)
    }

    /// SIGTERM to every process this one started (children and theirs), then SIGKILL to those still there after
    /// the grace period.
    private static func stopDescendants() {
        var remaining = descendants(of: getpid())
        remaining.forEach { kill($0, SIGTERM) }
        let deadline = Date().addingTimeInterval(childGrace)
        while !remaining.isEmpty && Date() < deadline {
            usleep(20_000)
            remaining = remaining.filter { kill($0, 0) == 0 && !isZombie($0) }
        }
        remaining.forEach { kill($0, SIGKILL) }
    }

    /// Every process whose chain of parents leads to `root`, read from `/proc`.
    static func descendants(of root: pid_t) -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var children: [pid_t: [pid_t]] = [:]
        for entry in entries {
            guard let pid = pid_t(entry), let parent = parentID(of: pid) else { continue }
            children[parent, default: []].append(pid)
        }
        var found: [pid_t] = []
        var pending = children[root] ?? []
        while let next = pending.popLast() {
            found.append(next)
            pending += children[next] ?? []
        }
        return found
    }

    /// The fourth field of `/proc/PID/stat`, after the command name in parentheses (which may hold spaces).
    private static func parentID(of pid: pid_t) -> pid_t? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? pid_t(fields[1]) : nil
    }

    private static func isZombie(_ pid: pid_t) -> Bool {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return true }
        return text[text.index(after: close)...].split(separator: " ").first == "Z"
    }
}
