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

/// Runs programs from an argv list (never through a shell), with a working directory, optional input (given whole,
/// or read from a descriptor that another thread writes to while the program runs) and a time limit. Built on
/// `Spawn` and `poll`: Foundation's `Process` took about 50 ms per launch on this machine kind against about 1 ms
/// here, and step 5 launches git several times.
package enum ProcessRunner {
    package static func run(
        _ argv: [String],
        in directory: URL? = nil,
        environment: [String: String]? = nil,
        input: Data? = nil,
        inputFrom descriptor: Int32? = nil,
        timeout: Duration? = nil
    ) throws -> ProcessResult {
        guard let program = argv.first else { throw ProcessLaunchError(program: "", reason: "empty command") }
        let env = environment ?? ProcessInfo.processInfo.environment
        guard let executable = ExecutableLocator.find(program, path: env["PATH"]) else {
            throw ProcessLaunchError(program: program, reason: "not found on PATH")
        }
        let child: SpawnedChild
        do {
            child = try Spawn.start(
                ChildSpec(
                    executable: executable,
                    arguments: argv,
                    environment: env,
                    directory: directory?.path,
                    input: descriptor.map { .descriptor($0) } ?? (input == nil ? .null : .pipe),
                    output: .pipe,
                    errorOutput: .pipe
                )
            )
        } catch {
            throw ProcessLaunchError(program: program, reason: error.description)
        }
        let pid = child.pid

        // A group of its own: a timeout ends git and every hook it started, and the group is taken along when this
        // process must exit at once.
        ChildProcessGroups.register(pid)
        defer { ChildProcessGroups.unregister(pid) }
        let pump = ChildPipePump(
            pid: pid,
            stdout: child.output,
            stderr: child.errorOutput,
            stdin: child.input,
            input: input ?? Data()
        )
        let ended = pump.run(timeout: timeout, drainGrace: drainGrace)
        let status = ended.waitStatus
        let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ProcessResult(status: exitCode, stdout: ended.stdout, stderr: ended.stderr, timedOut: ended.timedOut)
    }

    /// How long output is still read after the program has ended, from children it left running with its pipes.
    static let drainGrace: Duration = .milliseconds(250)
}
