import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program started in a process group of its own, its stdout and stderr joined on one pipe.
struct SpawnedGroup: Sendable {
    /// The leader's pid, which is also the group id.
    let pid: pid_t
    /// The read end of the output pipe (close-on-exec, owned by the caller).
    let output: Int32
}

struct SpawnError: Error, CustomStringConvertible {
    let description: String
}

/// Starts a program with `posix_spawn` in a new process group (so skipping or timing out can signal everything it
/// started), in a given folder, with stdin from /dev/null and the signal dispositions reset: this process
/// ignores SIGPIPE, and an ignored signal would otherwise be inherited by the child.
enum ProcessGroupSpawner {
    static func spawn(
        executable: String,
        argv: [String],
        directory: String,
        environment: [String: String]
    ) throws(SpawnError) -> SpawnedGroup {
        var fds: [Int32] = [-1, -1]
        guard Spawn.closeOnExecPipe(&fds) else { throw SpawnError(description: "cannot create a pipe: \(errnoText())") }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        Spawn.closeInheritedDescriptors(&actions)
        guard Spawn.changeDirectory(&actions, to: directory) else {
            close(fds[0]); close(fds[1])
            throw SpawnError(
                description:
                    "this C library has no posix_spawn_file_actions_addchdir_np (glibc 2.29 or later is needed)"
            )
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        Spawn.configure(&attributes, newProcessGroup: true)

        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = Spawn.spawn(&pid, executable, &actions, &attributes, cArguments, cEnvironment)
        close(fds[1])
        guard status == 0 else {
            close(fds[0])
            throw SpawnError(description: String(cString: strerror(status)))
        }
        return SpawnedGroup(pid: pid, output: fds[0])
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}

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
