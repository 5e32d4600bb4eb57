import Foundation

/// SIGINT and SIGTERM turned into calls of a Swift closure, on a thread of the relay's own, with no window in which
/// a signal is lost. A dispatch signal source cannot promise that: the caller must set the signal to ignored first
/// (or it kills the process), and the source registers later, on libdispatch's own thread, so a Ctrl-C pressed in
/// between is dropped. Here the handler is installed by the time `install` returns; it only writes the signal's
/// number to a pipe (all a handler may safely do), and the relay's thread reads the pipe and calls the closure.
/// One closure at a time: installing again replaces it. The pipe and the thread live as long as the process, so a
/// handler running while `cancel` restores the default can never write to a descriptor reused for something else.
package final class SignalRelay: Sendable {
    private let signals: [Int32]

    private init(signals: [Int32]) { self.signals = signals }

    /// Catches `signals` from now on, calling `handler` for each one on the relay's thread, in arrival order. Call it
    /// on the thread that lives as long as the relay (the command's): it unblocks the signals there.
    package static func install(
        _ signals: [Int32] = [SIGINT, SIGTERM],
        handler: @escaping @Sendable (Int32) -> Void
    ) -> SignalRelay {
        RelayPipe.shared.subscriber.set(handler)
        caught.withLock { $0.formUnion(signals) }
        var action = sigaction()
        action.__sigaction_handler = .init(sa_handler: relayCaughtSignal)
        action.sa_flags = SA_RESTART
        sigemptyset(&action.sa_mask)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for number in signals {
            sigaction(number, &action, nil)
            sigaddset(&unblocked, number)
        }
        // Blocked when this process was started by one that shields its children from Ctrl-C: the calling thread
        // takes them again, so they reach the handler.
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        return SignalRelay(signals: signals)
    }

    /// Gives the signals back their default action (ending the process) and drops the closure; a signal caught
    /// just before and still in the pipe is then dropped too.
    package func cancel() {
        for number in signals { signal(number, SIG_DFL) }
        Self.caught.withLock { $0.subtract(signals) }
        RelayPipe.shared.subscriber.set(nil)
    }

    /// Whether a relay is catching `number` now: a child started meanwhile must not inherit the default action
    /// for a Ctrl-C meant for this process (see `Spawn`).
    package static func isCatching(_ number: Int32) -> Bool { caught.withLock { $0.contains(number) } }

    private static let caught = Locked<Set<Int32>>([])
}

/// The pipe's write end as the handler sees it: set once, before any handler is installed, and never closed.
nonisolated(unsafe) private var relayWriteEnd: Int32 = -1

/// The signal handler: one byte, the signal's number, into the pipe. A full pipe (thousands of signals unread)
/// drops the byte rather than block inside a handler; `errno` is kept for the code the signal interrupted.
private let relayCaughtSignal: @convention(c) (Int32) -> Void = { number in
    let saved = errno
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(relayWriteEnd, &byte, 1)
    errno = saved
}

/// The process's one relay pipe and the thread that reads it.
private final class RelayPipe: Sendable {
    let subscriber = Locked<(@Sendable (Int32) -> Void)?>(nil)

    static let shared = RelayPipe()

    private init() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            preconditionFailure("no pipe for the signal relay: \(String(cString: strerror(errno)))")
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        relayWriteEnd = ends[1]
        let readEnd = ends[0]
        let thread = Thread { [subscriber] in
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count == 1 {
                    subscriber.current?(Int32(byte))
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
        thread.name = "signal-relay"
        thread.start()
    }
}
