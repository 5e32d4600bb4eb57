import Foundation

/// Runs jobs one after another on a single dedicated thread. ncurses is not thread-safe and Swift's main actor
/// is not pinned to one thread on Linux, so every curses call goes through this executor.
package final class TerminalThreadExecutor: SerialExecutor, @unchecked Sendable {
    // Unchecked: `jobs` is only touched with `condition` locked; `thread` is set once, in `init`, before it starts.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var thread: Thread?

    init() {
        let thread = Thread { [unowned self] in self.drain() }
        thread.name = "jarvis-terminal"
        self.thread = thread
        thread.start()
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    package func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    package func checkIsolated() {
        precondition(Thread.current == thread, "curses touched off the terminal thread")
    }

    private func drain() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedSerialExecutor())
        }
    }
}

/// The isolation of everything that touches the terminal: one thread, always the same.
@globalActor
package actor TerminalActor {
    package static let shared = TerminalActor()
    package static let executor = TerminalThreadExecutor()

    package nonisolated var unownedExecutor: UnownedSerialExecutor {
        Self.executor.asUnownedSerialExecutor()
    }
}
