import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program in a process group of its own until it ends, is interrupted (`interrupt` returns a reason:
/// polled at most every 20 ms) or runs out of time; then SIGTERM to the whole group and SIGKILL after `grace`. Whatever
/// the leader leaves running in its group when it exits is stopped too. Output (stdout and stderr joined) goes to
/// `feed` on a reader thread; `finish` is called once at its end.
enum GroupProcess {
    struct Ending {
        /// The wait status of the leader.
        var status: Int32
        /// Why the program was ended early (the interrupt's reason, or "timed out after …"); nil when it ended itself.
        var interruption: String?
        var timedOut = false
        /// It ignored SIGTERM and was killed.
        var killed = false
        /// It left processes running in its group, which were stopped.
        var stoppedLeftovers = false

        var exitedNormally: Bool { status & 0x7f == 0 }
        var exitCode: Int32 { (status >> 8) & 0xff }
        var signal: Int32 { status & 0x7f }
    }

    static func run(
        executable: String,
        argv: [String],
        directory: String,
        environment: [String: String],
        timeout: Duration,
        grace: Duration,
        feed: @escaping @Sendable (UnsafeRawBufferPointer) -> Void,
        finish: @escaping @Sendable () -> Void,
        interrupt: () -> String?
    ) throws(SpawnError) -> Ending {
        let group = try Spawn.start(
            ChildSpec(
                executable: executable,
                arguments: argv,
                environment: environment,
                directory: directory,
                output: .pipe,
                errorOutput: .sameAsOutput
            )
        )
        ChildProcessGroups.register(group.pid)
        defer { ChildProcessGroups.unregister(group.pid) }
        let reader = OutputReader(fd: group.output, feed: feed, finish: finish)

        var ending = Ending(status: 0)
        var reaped = false
        let deadline = ContinuousClock.now + timeout
        // A short program (the push scan's `git log` takes a few milliseconds) is noticed within about its own run
        // time, not after a whole 20 ms pause; a long one is checked every 20 ms.
        var pause: UInt32 = 1_000
        while !reaped {
            let result = waitpid(group.pid, &ending.status, WNOHANG)
            if result == group.pid || (result == -1 && errno == ECHILD) { reaped = true; break }
            if let reason = interrupt() {
                ending.interruption = reason
            } else if ContinuousClock.now >= deadline {
                ending.interruption = "timed out after \(timeout.shortDescription)"
                ending.timedOut = true
            }
            if ending.interruption != nil {
                ending.killed = ProcessGroup.terminate(
                    group.pid,
                    leaderReaped: &reaped,
                    status: &ending.status,
                    grace: grace
                )
                break
            }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
        // The leader is gone; anything it left running in its group (and holding the pipe open) goes too.
        if !ProcessGroup.liveMembers(group.pid).isEmpty, !reader.waitForEnd(.milliseconds(500)) {
            var leftoverStatus: Int32 = 0
            var alreadyReaped = true
            ProcessGroup.terminate(group.pid, leaderReaped: &alreadyReaped, status: &leftoverStatus, grace: grace)
            ending.stoppedLeftovers = true
        }
        if !reader.waitForEnd(.seconds(2)) { reader.abandon() }
        reader.waitForEnd(.seconds(1))
        return ending
    }
}

/// Reads a pipe on a thread of its own until end of file (or until abandoned), passing each piece to `feed` and
/// calling `finish` at the end.
final class OutputReader: Sendable {
    private let abandoned: Locked<Bool>
    private let reading: ThreadWork<Void>

    init(
        fd: Int32,
        feed: @escaping @Sendable (UnsafeRawBufferPointer) -> Void,
        finish: @escaping @Sendable () -> Void
    ) {
        let abandoned = Locked(false)
        self.abandoned = abandoned
        reading = ThreadWork(name: "output-reader") {
            Self.readAll(fd, feed: feed, stopped: { abandoned.current })
            finish()
            close(fd)
        }
    }

    private static func readAll(
        _ fd: Int32,
        feed: (UnsafeRawBufferPointer) -> Void,
        stopped: () -> Bool
    ) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while !stopped() {
            let ready = poll(&poller, 1, 100)
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.withUnsafeBytes { feed(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            } else if count == 0 || errno != EINTR {
                break
            }
        }
    }

    /// True when the reader reached the end within `timeout` (or had already).
    @discardableResult
    func waitForEnd(_ timeout: Duration) -> Bool {
        reading.wait(timeout: timeout) != nil
    }

    func abandon() { abandoned.set(true) }
}

/// Keeps the first `limit` bytes of a program's output.
final class OutputCollector: Sendable {
    private let data = Locked(Data())
    private let limit: Int

    init(limit: Int = 64 * 1024) { self.limit = limit }

    func feed(_ bytes: UnsafeRawBufferPointer) {
        data.withLock { data in
            if data.count < limit { data.append(contentsOf: bytes.prefix(limit - data.count)) }
        }
    }

    var text: String { String(decoding: data.current, as: UTF8.self) }
}
