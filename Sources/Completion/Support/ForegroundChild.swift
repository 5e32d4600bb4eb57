import Foundation

/// How an interactive child (an editor) ended.
package enum ForegroundChildOutcome: Sendable, Equatable {
    case exited(Int32)
    case signalled(Int32)
    case notStarted(String)
}

/// Runs an interactive program on this process's terminal and waits for it (started by `Spawn` with the terminal
/// handed over): the child gets stdin/stdout/stderr as they are and becomes the terminal's
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
        let child: SpawnedChild
        do {
            child = try Spawn.start(
                ChildSpec(
                    executable: executable,
                    arguments: argv,
                    environment: environment,
                    input: .inherited,
                    output: .inherited,
                    errorOutput: .inherited,
                    ownProcessGroup: false,
                    foregroundTerminal: handOver ? terminal : nil
                )
            )
        } catch {
            return .notStarted(error.description)
        }
        let outcome = waitForExit(child.pid, terminal: handOver ? terminal : nil)
        if handOver { Spawn.giveTerminal(terminal, to: owner) }
        return outcome
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
            if let terminal { Spawn.giveTerminal(terminal, to: pid) }
            kill(terminal == nil ? pid : -pid, SIGCONT)
        }
        return status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
    }
}
