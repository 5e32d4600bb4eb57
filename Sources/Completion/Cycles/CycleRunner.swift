import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a Tier 2 cycle: the command the config gives it (argv, no shell, in the project folder, environment passed
/// through, a time limit, output streamed line by line as `cycleOutput` events), or the built-in maintenance when
/// no maintenance command is configured. The command runs in its own process group: a skip from the front end
/// (`RunControl.requestCycleSkip()`), a stop (Ctrl-C) or the time limit sends SIGTERM to the whole group, then
/// SIGKILL after `grace`.
public struct CycleRunner: Sendable {
    let project: Project
    let configuration: Configuration
    let environment: [String: String]
    let control: RunControl
    let now: @Sendable () -> Date
    let grace: Duration
    let emit: @Sendable (CompletionEvent) -> Void

    public init(project: Project, configuration: Configuration, environment: [String: String], control: RunControl,
                now: @escaping @Sendable () -> Date = { Date() }, grace: Duration = .seconds(3),
                emit: @escaping @Sendable (CompletionEvent) -> Void) {
        self.project = project
        self.configuration = configuration
        self.environment = environment
        self.control = control
        self.now = now
        self.grace = grace
        self.emit = emit
    }

    public func run(_ cycle: CycleID) async -> CycleRun {
        let availability = CycleAvailability.check(cycle, configuration: configuration, environment: environment, project: project)
        guard availability.available else { return CycleRun(outcome: .skipped(availability.reason ?? "unavailable")) }
        _ = control.takeCycleSkipRequest()  // a skip pressed before this cycle started is not meant for it
        guard let command = configuration.cycles[cycle] else {
            let maintenance = BuiltInMaintenance(project: project, environment: environment, now: now(), control: control,
                                                 output: { [emit] in emit(.cycleOutput(cycle, $0)) })
            return await Self.onThread { maintenance.run() }
        }
        let cancelled = CancellationFlag()
        return await withTaskCancellationHandler {
            await Self.onThread { runCommand(cycle, command, cancelled: cancelled) }
        } onCancel: {
            cancelled.set()
        }
    }

    /// Blocking work goes to a thread of its own, never to the cooperative pool.
    private static func onThread(_ body: @escaping @Sendable () -> CycleRun) async -> CycleRun {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    private func runCommand(_ cycle: CycleID, _ command: CycleCommand, cancelled: CancellationFlag) -> CycleRun {
        let program = command.argv[0]
        // A relative path with a slash (`scripts/reflect.sh`) means the project's file, not the caller's.
        let resolved = program.contains("/") && !program.hasPrefix("/") ? project.root.appendingPathComponent(program).path : program
        guard let executable = ExecutableLocator.find(resolved, path: environment["PATH"]) else {
            return CycleRun(outcome: .failed("`\(program)` not found on PATH"))
        }
        let group: SpawnedGroup
        do {
            group = try ProcessGroupSpawner.spawn(executable: executable, argv: command.argv, directory: project.root.path, environment: environment)
        } catch {
            return CycleRun(outcome: .failed("could not start `\(program)`: \(error)"))
        }
        let limiter = CycleOutputLimiter(send: { [emit] in emit(.cycleOutput(cycle, $0)) })
        let reader = OutputReader(fd: group.output, limiter: limiter)
        reader.start()

        var status: Int32 = 0
        var reaped = false
        var ending: String?
        let deadline = ContinuousClock.now + command.timeout
        while !reaped {
            let result = waitpid(group.pid, &status, WNOHANG)
            if result == group.pid || (result == -1 && errno == ECHILD) { reaped = true; break }
            if control.takeCycleSkipRequest() {
                ending = "skipped by the user"
            } else if control.shouldStop || cancelled.isSet {
                ending = "stopped by the user"
            } else if ContinuousClock.now >= deadline {
                ending = "timed out after \(command.timeout.shortDescription)"
            }
            if ending != nil {
                let killed = ProcessGroup.terminate(group.pid, leaderReaped: &reaped, status: &status, grace: grace)
                if killed { emit(.cycleOutput(cycle, "(did not end on SIGTERM within \(grace.shortDescription): killed)")) }
                break
            }
            usleep(20_000)
        }
        // The leader is gone; anything it left running in its group (and holding the pipe open) goes too.
        if !ProcessGroup.liveMembers(group.pid).isEmpty, !reader.waitForEnd(.milliseconds(500)) {
            var leftoverStatus: Int32 = 0
            var alreadyReaped = true
            ProcessGroup.terminate(group.pid, leaderReaped: &alreadyReaped, status: &leftoverStatus, grace: grace)
            emit(.cycleOutput(cycle, "(stopped processes the cycle left running)"))
        }
        if !reader.waitForEnd(.seconds(2)) { reader.abandon() }
        reader.waitForEnd(.seconds(1))

        if let ending {
            return CycleRun(outcome: ending.hasPrefix("timed out") ? .failed(ending) : .skipped(ending))
        }
        let last = limiter.tail.last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        if exitedNormally(status) {
            let code = exitCode(status)
            if code == 0 { return CycleRun(outcome: .done) }
            return CycleRun(outcome: .failed("exited with status \(code)" + (last.map { ": \($0.prefix(200))" } ?? "")))
        }
        return CycleRun(outcome: .failed("ended by signal \(termSignal(status))"))
    }

    private func exitedNormally(_ status: Int32) -> Bool { status & 0x7f == 0 }
    private func exitCode(_ status: Int32) -> Int32 { (status >> 8) & 0xff }
    private func termSignal(_ status: Int32) -> Int32 { status & 0x7f }
}

final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

/// Reads a pipe on its own thread until end of file (or until abandoned), feeding the limiter.
final class OutputReader: @unchecked Sendable {
    private let fd: Int32
    private let limiter: CycleOutputLimiter
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var abandoned = false
    private var finished = false

    init(fd: Int32, limiter: CycleOutputLimiter) {
        self.fd = fd
        self.limiter = limiter
    }

    func start() {
        let thread = Thread { [self] in loop() }
        thread.start()
    }

    private func loop() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            lock.lock(); let stop = abandoned; lock.unlock()
            if stop { break }
            let ready = poll(&poller, 1, 100)
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.withUnsafeBytes { limiter.feed(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        limiter.finish()
        close(fd)
        lock.lock(); finished = true; lock.unlock()
        done.signal()
    }

    /// True when the reader reached the end within `timeout` (or had already).
    @discardableResult
    func waitForEnd(_ timeout: Duration) -> Bool {
        lock.lock()
        if finished { lock.unlock(); return true }
        lock.unlock()
        guard done.wait(timeout: .now() + .milliseconds(timeout.milliseconds)) == .success else { return false }
        done.signal()  // later waiters see it too
        return true
    }

    func abandon() {
        lock.lock(); abandoned = true; lock.unlock()
    }
}
