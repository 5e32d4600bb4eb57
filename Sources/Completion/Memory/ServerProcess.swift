import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A server started with its stdin and stdout on pipes this process holds (never the terminal's), stderr to a
/// log file or /dev/null, in its own process group so that a wrapper's children go with it. A dedicated thread
/// waits for it, so it is always reaped; after its stdin is closed, `stop` terminates, then kills. The pipe ends
/// (`input`, `output`) belong to the transport.
final class ServerProcess: @unchecked Sendable {
    let pid: pid_t
    /// Our end of the server's stdin.
    let input: Int32
    /// Our end of the server's stdout.
    let output: Int32
    private let lock = NSLock()
    private var waitStatus: Int32?

    private init(pid: pid_t, input: Int32, output: Int32) {
        self.pid = pid
        self.input = input
        self.output = output
    }

    static func launch(_ launch: MemoryServerLaunch, inherited: [String: String], stderrPath: String?) throws -> ServerProcess {
        var environment = inherited
        for (key, value) in launch.environment { environment[key] = value }
        guard let executable = ExecutableLocator.find(launch.command, path: environment["PATH"]) else {
            throw MemoryClientError.notInstalled(launch.command)
        }
        // A server that dies while we write must not take this process with it.
        signal(SIGPIPE, SIG_IGN)

        var toServer: [Int32] = [-1, -1], fromServer: [Int32] = [-1, -1]
        guard makePipe(&toServer) == 0 else { throw MemoryClientError.startFailed(launch.command, String(cString: strerror(errno))) }
        guard makePipe(&fromServer) == 0 else {
            close(toServer[0]); close(toServer[1])
            throw MemoryClientError.startFailed(launch.command, String(cString: strerror(errno)))
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toServer[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromServer[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        // Pipes other threads made without O_CLOEXEC (Foundation's) must not leak into the server: a git child's
        // stdout held open by it would never reach EOF. Close everything above stderr in the child.
        if let addCloseFrom = GNUFunctions.addCloseFrom {
            _ = addCloseFrom(&actions, 3)
        } else {
            for fd in Self.openDescriptors() where fd > 2 {
                posix_spawn_file_actions_addclose(&actions, fd)
            }
        }
        if let directory = launch.directory, let addChdir = GNUFunctions.addChdir {
            _ = addChdir(&actions, directory.path)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGHUP] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigmask(&attributes, &noMask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

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
            throw MemoryClientError.startFailed(launch.command, String(cString: strerror(status)))
        }
        let process = ServerProcess(pid: pid, input: toServer[1], output: fromServer[0])
        let reaper = Thread { process.reap() }
        reaper.name = "memory-server-reaper"
        reaper.start()
        return process
    }

    /// This process's open descriptors (the fallback when glibc lacks `posix_spawn_file_actions_addclosefrom_np`).
    private static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    }

    private func reap() {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        lock.lock()
        waitStatus = status
        lock.unlock()
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
        return exitDescription ?? "still running after SIGKILL"
    }
}

/// glibc functions Swift's Glibc module hides behind `_GNU_SOURCE`, looked up at run time.
private enum GNUFunctions {
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    static let pipe2: Pipe2? = symbol("pipe2")
    static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")

    private static func symbol<T>(_ name: String) -> T? {
        guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(pointer, to: T.self)
    }
}

/// A pipe whose ends are closed on exec (pipe2 with O_CLOEXEC when available: no window for another thread's
/// spawn to inherit them).
private func makePipe(_ fds: inout [Int32]) -> Int32 {
    fds.withUnsafeMutableBufferPointer { buffer in
        if let pipe2 = GNUFunctions.pipe2 { return pipe2(buffer.baseAddress!, O_CLOEXEC) }
        guard pipe(buffer.baseAddress!) == 0 else { return -1 }
        _ = fcntl(buffer[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(buffer[1], F_SETFD, FD_CLOEXEC)
        return 0
    }
}

private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
