import Foundation

/// The result of running a program to completion.
package struct ProcessResult: Sendable {
    package let status: Int32
    package let stdout: Data
    package let stderr: Data
    package let timedOut: Bool

    package var succeeded: Bool { status == 0 && !timedOut }
    package var output: String { String(decoding: stdout, as: UTF8.self) }
    package var errorOutput: String { String(decoding: stderr, as: UTF8.self) }
}

package struct ProcessLaunchError: Error, CustomStringConvertible {
    package let program: String
    package let reason: String
    package var description: String { "could not run \(program): \(reason)" }
}

/// Runs programs from an argv list (never through a shell), with a working directory, optional input and a time
/// limit. Built on `posix_spawn` and `poll`: Foundation's `Process` took about 50 ms per launch on this machine
/// kind against about 1 ms here, and step 5 launches git several times.
package enum ProcessRunner {
    package static func run(
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
        Spawn.configure(&attributes, newProcessGroup: true)

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

        // A group of its own: a timeout ends git and every hook it started, and the group is taken along when this
        // process must exit at once.
        ChildProcessGroups.register(pid)
        defer { ChildProcessGroups.unregister(pid) }
        let pump = ChildPipePump(
            pid: pid,
            stdout: outPipe[0],
            stderr: errPipe[0],
            stdin: inPipe[1],
            input: input ?? Data()
        )
        let ended = pump.run(timeout: timeout, drainGrace: drainGrace)
        let status = ended.waitStatus
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ProcessResult(status: exitCode, stdout: ended.stdout, stderr: ended.stderr, timedOut: ended.timedOut)
    }

    /// How long output is still read after the program has ended, from children it left running with its pipes.
    static let drainGrace: Duration = .milliseconds(250)

    /// Writing input to a child that exits without reading it must fail the write, not kill this process.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()
}
