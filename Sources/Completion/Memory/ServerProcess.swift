import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A server started with its stdin and stdout on pipes this process holds (never the terminal's), stderr through
/// `RedactedLogPipe` to a log file or to /dev/null, in its own process group so that a wrapper's children go with
/// it. A dedicated thread waits for it, so it is always reaped; after its stdin is closed, `stop` terminates, then kills. The pipe ends
/// (`input`, `output`) belong to the transport.
final class ServerProcess: Sendable {
    let pid: pid_t
    /// Our end of the server's stdin.
    let input: Int32
    /// Our end of the server's stdout.
    let output: Int32
    private let log: RedactedLogPipe?
    /// The thread that waits for the server; its result is the wait status.
    private let reaper: ThreadWork<Int32>

    private init(pid: pid_t, input: Int32, output: Int32, log: RedactedLogPipe?) {
        self.pid = pid
        self.input = input
        self.output = output
        self.log = log
        ChildProcessGroups.register(pid)
        reaper = ThreadWork(name: "memory-server-reaper") {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            ChildProcessGroups.unregister(pid)
            return status
        }
    }

    static func launch(
        _ launch: MemoryServerLaunch,
        inherited: [String: String],
        stderrPath: String?
    ) throws -> ServerProcess {
        var environment = inherited
        for (key, value) in launch.environment { environment[key] = value }
        guard let executable = ExecutableLocator.find(launch.command, path: environment["PATH"]) else {
            throw MemoryClientError.notInstalled(launch.command)
        }
        let log = stderrPath.flatMap(RedactedLogPipe.init(appendingTo:))
        let child: SpawnedChild
        do {
            // Its stdin is a pipe, so Spawn ignores SIGPIPE: a server that dies while we write must not take this
            // process with it.
            child = try Spawn.start(
                ChildSpec(
                    executable: executable,
                    arguments: [executable] + launch.arguments,
                    environment: environment,
                    directory: launch.directory?.path,
                    input: .pipe,
                    output: .pipe,
                    errorOutput: log.map { .descriptor($0.writeEnd) } ?? .null
                )
            )
        } catch {
            log?.discard()
            throw MemoryClientError.startFailed(launch.command, error.description)
        }
        let pid = child.pid
        log?.serverStarted()
        return ServerProcess(pid: pid, input: child.input, output: child.output, log: log)
    }

    var hasExited: Bool { reaper.isFinished }

    /// "exited with status 3", "was killed by signal 9", or nil while it runs.
    var exitDescription: String? {
        guard let status = reaper.wait(timeout: .zero) else { return nil }
        let signal = status & 0x7f
        return signal == 0 ? "exited with status \((status >> 8) & 0xff)" : "was killed by signal \(signal)"
    }

    /// Returns once the process has exited (polls; cancellable).
    func waitForExit() async {
        while !hasExited && !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(15))
        }
    }

    private func waitForExit(upTo limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while !hasExited {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    /// Ends the server for good once the transport has closed its stdin (a well-behaved server exits on EOF):
    /// SIGTERM to its process group after `grace`, SIGKILL after another. Waits without holding a thread.
    @discardableResult
    func stop(grace: Duration = .milliseconds(500)) async -> String {
        if !(await waitForExit(upTo: grace)) {
            if !hasExited { kill(-pid, SIGTERM) }
            if !(await waitForExit(upTo: grace)) {
                if !hasExited { kill(-pid, SIGKILL) }
                _ = await waitForExit(upTo: .seconds(10))
            }
        }
        await log?.waitUntilDrained(upTo: .seconds(1))
        return exitDescription ?? "still running after SIGKILL"
    }
}
