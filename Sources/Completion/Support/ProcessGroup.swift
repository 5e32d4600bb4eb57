import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The members of a process group that are still alive (zombies waiting for a parent do not count).
enum ProcessGroup {
    static func liveMembers(_ group: pid_t) -> [pid_t] {
        #if os(Linux)
        var members: [pid_t] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // Fields after the command name: state, ppid, pgrp, …
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 2, fields[0] != "Z", fields[0] != "X", pid_t(fields[2]) == group else { continue }
            members.append(pid)
        }
        return members
        #else
        return kill(-group, 0) == 0 ? [group] : []
        #endif
    }

    /// SIGTERM to the whole group, then SIGKILL to whatever is left after `grace`. Reaps the leader.
    /// Returns true when the group was still running and had to be killed.
    @discardableResult
    static func terminate(_ group: pid_t, leaderReaped: inout Bool, status: inout Int32, grace: Duration) -> Bool {
        kill(-group, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline {
            if !leaderReaped, waitpid(group, &status, WNOHANG) == group { leaderReaped = true }
            if leaderReaped, liveMembers(group).isEmpty { return false }
            usleep(20_000)
        }
        kill(-group, SIGKILL)
        if !leaderReaped {
            while waitpid(group, &status, 0) == -1 && errno == EINTR {}
            leaderReaped = true
        }
        // Give the kernel a moment to finish off the rest of the group.
        for _ in 0..<50 where !liveMembers(group).isEmpty { usleep(20_000) }
        return true
    }
}
