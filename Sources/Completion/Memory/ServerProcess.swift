import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A server started with its stdin and stdout on pipes this process holds (never the terminal's), stderr through
/// `RedactedLogPipe` to a log file or to /dev/null, in its own process group so that a wrapper's children go with it. A dedicated thread
/// waits for it, so it is always reaped; after its stdin is closed, `stop` terminates, then kills. The pipe ends
/// (`input`, `output`) belong to the transport.
final class ServerProcess: @unchecked Sendable {
    let pid: pid_t
    /// Our end of the server's stdin.
    let input: Int32
    /// Our end of the server's stdout.
    let output: Int32
    private let log: RedactedLogPipe?
    private let lock = NSLock()
    private var waitStatus: Int32?

    private init(pid: pid_t, input: Int32, output: Int32, log: RedactedLogPipe?) {
        self.pid = pid
        self.input = input
        self.output = output
        self.log = log
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
        // A server that dies while we write must not take this process with it.
        signal(SIGPIPE, SIG_IGN)

        var toServer: [Int32] = [-1, -1], fromServer: [Int32] = [-1, -1]
        guard Spawn.closeOnExecPipe(&toServer) else {
            throw MemoryClientError.startFailed(launch.command, String(cString: strerror(errno)))
        }
        guard Spawn.closeOnExecPipe(&fromServer) else {
            close(toServer[0]); close(toServer[1])
            throw MemoryClientError.startFailed(launch.command, String(cString: strerror(errno)))
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toServer[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromServer[1], 1)
        let log = stderrPath.flatMap(RedactedLogPipe.init(appendingTo:))
        if let log {
            posix_spawn_file_actions_adddup2(&actions, log.writeEnd, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        Spawn.closeInheritedDescriptors(&actions)
        if let directory = launch.directory { _ = Spawn.changeDirectory(&actions, to: directory.path) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        Spawn.configure(&attributes, newProcessGroup: true)

        let argv = [executable] + launch.arguments
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let status = withCStrings(argv) { cArgv in
            withCStrings(envp) { cEnvp in
                posix_spawn(&pid, executable, &actions, &attributes, cArgv, cEnvp)
            }
        }
        close(toServer[0])
        close(fromServer[1])
        guard status == 0 else {
            close(toServer[1]); close(fromServer[0])
            log?.discard()
            throw MemoryClientError.startFailed(launch.command, String(cString: strerror(status)))
        }
        log?.serverStarted()
        let process = ServerProcess(pid: pid, input: toServer[1], output: fromServer[0], log: log)
        ChildProcessGroups.register(pid)
        let reaper = Thread { process.reap() }
        reaper.name = "memory-server-reaper"
        reaper.start()
        return process
    }

    private func reap() {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        lock.lock()
        waitStatus = status
        lock.unlock()
        ChildProcessGroups.unregister(pid)
    }

    var hasExited: Bool {
        lock.lock(); defer { lock.unlock() }
        return waitStatus != nil
    }

    /// "exited with status 3", "was killed by signal 9", or nil while it runs.
    var exitDescription: String? {
        lock.lock(); defer { lock.unlock() }
        guard let status = waitStatus else { return nil }
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

private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
