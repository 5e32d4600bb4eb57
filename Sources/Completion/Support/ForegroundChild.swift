import Foundation

/// How an interactive child (an editor) ended.
package enum ForegroundChildOutcome: Sendable, Equatable {
    case exited(Int32)
    case signalled(Int32)
    case notStarted(String)
}

/// Runs an interactive program on this process's terminal and waits for it (through the `Spawn` helpers, with
/// the terminal hand-over on top): the child gets stdin/stdout/stderr as they are and becomes the terminal's
/// foreground process group for as long as it runs. Without the hand-over a child in a group of its own is
/// stopped (SIGTTIN/SIGTTOU) the moment it reads the terminal or sets its modes, and nobody would continue it.
package enum ForegroundChild {
    package static func run(
        _ argv: [String],
        environment: [String: String],
        terminal: Int32 = 0
    ) -> ForegroundChildOutcome {
        guard let program = argv.first else { return .notStarted("empty command") }
        guard let executable = ExecutableLocator.find(program, path: environment["PATH"]) else {
            return .notStarted("\(program) not found on PATH")
        }
        // Only the group that owns the terminal can give it away; otherwise the child stays in ours.
        let owner = tcgetpgrp(terminal)
        let handOver = owner > 0 && owner == getpgrp()

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        Spawn.closeInheritedDescriptors(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        Spawn.configure(&attributes, newProcessGroup: handOver)

        let cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        let cEnvironment: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = Spawn.spawn(&pid, executable, &actions, &attributes, cArguments, cEnvironment)
        guard spawned == 0 else { return .notStarted(String(cString: strerror(spawned))) }
        if handOver {
            giveTerminal(terminal, to: pid)
            // It may have touched the terminal before it was its own, and been stopped for that.
            kill(-pid, SIGCONT)
        }
        let outcome = waitForExit(pid, terminal: handOver ? terminal : nil)
        if handOver { giveTerminal(terminal, to: owner) }
        return outcome
    }

    /// `tcsetpgrp` from a background group raises SIGTTOU (which would stop this process) unless the calling thread
    /// blocks it; with it blocked the call simply succeeds.
    private static func giveTerminal(_ terminal: Int32, to group: pid_t) {
        var ttou = sigset_t(), previous = sigset_t()
        sigemptyset(&ttou)
        sigaddset(&ttou, SIGTTOU)
        pthread_sigmask(SIG_BLOCK, &ttou, &previous)
        while tcsetpgrp(terminal, group) != 0 && errno == EINTR {}
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }

    /// Waits for the child to end. A child that stops (job control: Ctrl-Z in the editor, or a terminal access
    /// before the hand-over) is given the terminal again and continued: there is no shell here to resume it.
    private static func waitForExit(_ pid: pid_t, terminal: Int32?) -> ForegroundChildOutcome {
        var status: Int32 = 0
        while true {
            if waitpid(pid, &status, WUNTRACED) < 0 {
                if errno == EINTR { continue }
                return .notStarted("lost track of the child: \(String(cString: strerror(errno)))")
            }
            let stopped = status & 0xff == 0x7f
            guard stopped else { break }
            if let terminal { giveTerminal(terminal, to: pid) }
            kill(terminal == nil ? pid : -pid, SIGCONT)
        }
        return status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
    }
}
