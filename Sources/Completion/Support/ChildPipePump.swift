import Foundation

/// Feeds a child's stdin and reads its stdout and stderr, so neither side blocks on a full pipe, until the child
/// has ended. The end of the child, not the end of its pipes, ends the reading: a git hook's background job
/// inherits the pipes and can hold them open for as long as it runs (a `sleep 1000 &` in a pre-push hook), so once
/// the child is reaped only what is already in the pipes is read, for at most `drainGrace`, and the pipes are
/// closed. On timeout the child's whole process group gets SIGTERM, then SIGKILL two seconds later.
final class ChildPipePump {
    struct Outcome {
        var stdout = Data()
        var stderr = Data()
        /// The raw wait status of the child.
        var waitStatus: Int32 = 0
        var timedOut = false
    }

    private let pid: pid_t
    private let outFD: Int32
    private let errFD: Int32
    private var inFD: Int32
    private let input: Data
    private var written = 0
    private var readable: [Int32]
    private var outcome = Outcome()
    private var reaped = false
    private var buffer = [UInt8](repeating: 0, count: 65_536)

    /// `pid` leads a process group of its own; `stdin` is -1 when there is no input to feed.
    init(pid: pid_t, stdout: Int32, stderr: Int32, stdin: Int32, input: Data) {
        self.pid = pid
        self.outFD = stdout
        self.errFD = stderr
        self.inFD = stdin
        self.input = input
        self.readable = [stdout, stderr]
        if stdin >= 0 { _ = fcntl(stdin, F_SETFL, fcntl(stdin, F_GETFL) | O_NONBLOCK) }
    }

    /// Runs until the child is reaped and its pipes are read out (or the drain grace has passed).
    func run(timeout: Duration?, drainGrace: Duration) -> Outcome {
        let clock = ContinuousClock()
        var signalAt = timeout.map { clock.now + $0 }
        var drainUntil: ContinuousClock.Instant?
        var idleSleep = 1
        while true {
            if !reaped, reap() { drainUntil = clock.now + drainGrace }
            if let drainUntil, readable.isEmpty || clock.now >= drainUntil { break }
            if !reaped, let at = signalAt, clock.now >= at {
                signalAt = escalate(at: clock.now)
                continue
            }
            // While the child runs, wake often enough to notice its end even when something else holds its pipes.
            var wait: Duration = drainUntil.map { $0 - clock.now } ?? .milliseconds(50)
            if let at = signalAt, !reaped { wait = min(wait, at - clock.now) }
            if readable.isEmpty && inFD < 0 {
                // The child closed its output but has not ended yet: back off gently while waiting for it.
                usleep(UInt32(min(idleSleep, max(1, wait.milliseconds)) * 1_000))
                idleSleep = min(idleSleep * 2, 50)
                continue
            }
            pollOnce(waitMilliseconds: max(0, wait.milliseconds))
        }
        finish()
        return outcome
    }

    /// First SIGTERM to the group, then SIGKILL; returns when to escalate next (nil: nothing left to send).
    private func escalate(at now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        if !outcome.timedOut {
            outcome.timedOut = true
            kill(-pid, SIGTERM)
            return now + .seconds(2)
        }
        kill(-pid, SIGKILL)
        return nil
    }

    private func reap() -> Bool {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid || (result < 0 && errno == ECHILD) else { return false }
        if outcome.timedOut { kill(-pid, SIGKILL) }  // a timed-out group goes whole, leftovers included
        outcome.waitStatus = status
        reaped = true
        return true
    }

    private func pollOnce(waitMilliseconds: Int) {
        var fds = readable.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        if inFD >= 0 { fds.append(pollfd(fd: inFD, events: Int16(POLLOUT), revents: 0)) }
        let ready = poll(&fds, nfds_t(fds.count), Int32(min(waitMilliseconds, Int(Int32.max))))
        guard ready > 0 else { return }
        for entry in fds where entry.revents != 0 {
            if entry.fd == inFD { feedInput(revents: entry.revents) } else { readOnce(entry.fd) }
        }
    }

    private func feedInput(revents: Int16) {
        if written < input.count {
            let count = input.withUnsafeBytes { raw in write(inFD, raw.baseAddress! + written, input.count - written) }
            if count > 0 {
                written += count
            } else if count < 0 && errno != EAGAIN && errno != EINTR {
                written = input.count
            }
        }
        if written >= input.count || revents & Int16(POLLERR | POLLHUP) != 0 {
            close(inFD)
            inFD = -1
        }
    }

    private func readOnce(_ fd: Int32) {
        let count = read(fd, &buffer, buffer.count)
        if count > 0 {
            if fd == outFD {
                outcome.stdout.append(contentsOf: buffer[0..<count])
            } else {
                outcome.stderr.append(contentsOf: buffer[0..<count])
            }
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
            readable.removeAll { $0 == fd }
            close(fd)
        }
    }

    /// Closes what is still open; a reader that gave up leaves a writer that is still running a broken pipe.
    private func finish() {
        for fd in readable { close(fd) }
        readable = []
        if inFD >= 0 { close(inFD); inFD = -1 }
        if !reaped {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            outcome.waitStatus = status
            reaped = true
        }
    }
}
