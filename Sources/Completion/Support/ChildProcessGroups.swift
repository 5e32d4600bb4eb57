import Foundation

/// The process groups of the children running now (Tier 2 cycles, the memory server), so that a front end that
/// must exit at once (SIGTERM, a second Ctrl-C) takes them with it: each runs in a group of its own, which no
/// signal to this process reaches, and a cycle would otherwise run on after the tool has gone.
package enum ChildProcessGroups {
    private static let groups = Locked<Set<pid_t>>([])

    static func register(_ group: pid_t) {
        groups.withLock { _ = $0.insert(group) }
    }

    static func unregister(_ group: pid_t) {
        groups.withLock { _ = $0.remove(group) }
    }

    /// SIGTERM to every registered group, SIGKILL to what is left after `grace`. Returns when they are gone (or
    /// after the SIGKILL has had a moment).
    package static func terminateAll(grace: Duration = .seconds(1)) {
        let running = groups.current
        guard !running.isEmpty else { return }
        for group in running { kill(-group, SIGTERM) }
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline, running.contains(where: { !ProcessGroup.liveMembers($0).isEmpty }) {
            usleep(20_000)
        }
        for group in running where !ProcessGroup.liveMembers(group).isEmpty { kill(-group, SIGKILL) }
        for _ in 0..<25 where running.contains(where: { !ProcessGroup.liveMembers($0).isEmpty }) { usleep(20_000) }
    }
}
