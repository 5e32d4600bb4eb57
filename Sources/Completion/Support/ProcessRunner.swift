import Foundation

/// The result of running a program to completion.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: Data
    public let stderr: Data
    public let timedOut: Bool

    public var succeeded: Bool { status == 0 && !timedOut }
    public var output: String { String(decoding: stdout, as: UTF8.self) }
    public var errorOutput: String { String(decoding: stderr, as: UTF8.self) }
}

public struct ProcessLaunchError: Error, CustomStringConvertible {
    public let program: String
    public let reason: String
    public var description: String { "could not run \(program): \(reason)" }
}

/// Runs programs from an argv list (never through a shell), with a working directory, optional input and a time
/// limit. Built on `posix_spawn` and `poll`: Foundation's `Process` took about 50 ms per launch on this machine
/// kind against about 1 ms here, and step 5 launches git several times.
public enum ProcessRunner {
    public static func run(
        _ argv: [String],
        in directory: URL? = nil,
        environment: [String: String]? = nil,
        input: Data? = nil,
        timeout: Duration? = nil
    ) throws -> ProcessResult {
        guard let program = argv.first else { throw ProcessLaunchError(program: "", reason: "empty command") }
        if input != nil { ignoreBrokenPipes }
        let env = environment ?? ProcessInfo.processInfo.environment
        guard let executable = ExecutableLocator.find(program, path: env["PATH"]) else {
            throw ProcessLaunchError(program: program, reason: "not found on PATH")
        }
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1], inPipe: [Int32] = [-1, -1]
        guard Spawn.closeOnExecPipe(&outPipe), Spawn.closeOnExecPipe(&errPipe), Spawn.closeOnExecPipe(&inPipe) else {
            throw ProcessLaunchError(program: program, reason: "no pipes: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if input != nil {
            posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        Spawn.closeInheritedDescriptors(&actions)
        if let directory, !Spawn.changeDirectory(&actions, to: directory.path) {
            throw ProcessLaunchError(program: program, reason: "this C library cannot set a child's working directory")
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        Spawn.configure(&attributes, newProcessGroup: false)

        let cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        let cEnvironment: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = Spawn.spawn(&pid, executable, &actions, &attributes, cArguments, cEnvironment)
        close(outPipe[1]); close(errPipe[1]); close(inPipe[0])
        guard spawned == 0 else {
            close(outPipe[0]); close(errPipe[0]); close(inPipe[1])
            throw ProcessLaunchError(program: program, reason: String(cString: strerror(spawned)))
        }
        if input == nil { close(inPipe[1]); inPipe[1] = -1 }

        let (stdout, stderr, timedOut) = pump(pid: pid, stdout: outPipe[0], stderr: errPipe[0], stdin: inPipe[1], input: input ?? Data(), timeout: timeout)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ProcessResult(status: exitCode, stdout: stdout, stderr: stderr, timedOut: timedOut)
    }

    /// Writing input to a child that exits without reading it must fail the write, not kill this process.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Feeds stdin and drains stdout/stderr until both close, so neither side blocks on a full pipe. On timeout the
    /// child gets SIGTERM, then SIGKILL two seconds later.
    private static func pump(pid: pid_t, stdout outFD: Int32, stderr errFD: Int32, stdin inFD: Int32, input: Data, timeout: Duration?) -> (Data, Data, Bool) {
        var out = Data(), err = Data()
        var open: [Int32: Bool] = [outFD: true, errFD: true]
        var writeFD = inFD
        var written = 0
        if writeFD >= 0 { _ = fcntl(writeFD, F_SETFL, fcntl(writeFD, F_GETFL) | O_NONBLOCK) }
        let deadline = timeout.map { DispatchTime.now().uptimeNanoseconds + UInt64($0.milliseconds) * 1_000_000 }
        var timedOut = false
        var killAt: UInt64?
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while open.values.contains(true) {
            var fds: [pollfd] = []
            if open[outFD] == true { fds.append(pollfd(fd: outFD, events: Int16(POLLIN), revents: 0)) }
            if open[errFD] == true { fds.append(pollfd(fd: errFD, events: Int16(POLLIN), revents: 0)) }
            if writeFD >= 0 { fds.append(pollfd(fd: writeFD, events: Int16(POLLOUT), revents: 0)) }
            var wait: Int32 = -1
            let now = DispatchTime.now().uptimeNanoseconds
            if let limit = killAt ?? deadline {
                if now >= limit {
                    if killAt == nil {
                        timedOut = true
                        kill(pid, SIGTERM)
                        killAt = now + 2_000_000_000
                    } else {
                        kill(pid, SIGKILL)
                        killAt = UInt64.max
                    }
                    continue
                }
                wait = Int32(min(UInt64(Int32.max), (limit - now) / 1_000_000 + 1))
            }
            let ready = poll(&fds, nfds_t(fds.count), wait)
            if ready < 0 { if errno == EINTR { continue } else { break } }
            for entry in fds where entry.revents != 0 {
                if entry.fd == writeFD {
                    if written < input.count {
                        let n = input.withUnsafeBytes { raw in Foundation.write(writeFD, raw.baseAddress! + written, input.count - written) }
                        if n > 0 { written += n } else if n < 0 && errno != EAGAIN && errno != EINTR { written = input.count }
                    }
                    if written >= input.count || entry.revents & Int16(POLLERR | POLLHUP) != 0 {
                        close(writeFD)
                        writeFD = -1
                    }
                    continue
                }
                let n = read(entry.fd, &buffer, buffer.count)
                if n > 0 {
                    if entry.fd == outFD { out.append(contentsOf: buffer[0..<n]) } else { err.append(contentsOf: buffer[0..<n]) }
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    open[entry.fd] = false
                    close(entry.fd)
                }
            }
        }
        if writeFD >= 0 { close(writeFD) }
        return (out, err, timedOut)
    }
}
