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

/// Runs programs from an argv list (never through a shell), with a working directory, optional input and a
/// time limit. Output is collected on background queues so a chatty program cannot block on a full pipe.
public enum ProcessRunner {
    public static func run(
        _ argv: [String],
        in directory: URL? = nil,
        environment: [String: String]? = nil,
        input: Data? = nil,
        timeout: Duration? = nil
    ) throws -> ProcessResult {
        guard let program = argv.first else { throw ProcessLaunchError(program: "", reason: "empty command") }
        let env = environment ?? ProcessInfo.processInfo.environment
        guard let executable = ExecutableLocator.find(program, path: env["PATH"]) else {
            throw ProcessLaunchError(program: program, reason: "not found on PATH")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(argv.dropFirst())
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe

        let collected = CollectedOutput()
        let group = DispatchGroup()
        for (pipe, isError) in [(outPipe, false), (errPipe, true)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collected.set(data, isError: isError)
                group.leave()
            }
        }
        do {
            try process.run()
        } catch {
            try? outPipe.fileHandleForWriting.close()
            try? errPipe.fileHandleForWriting.close()
            throw ProcessLaunchError(program: program, reason: "\(error.localizedDescription)")
        }
        if let input {
            // Written on this thread: the output is drained by the readers above, so this cannot deadlock, and a
            // fourth queued block would wait for a free worker thread (about 200 ms per call on two cores).
            // A program that exits without reading its input must not kill us with SIGPIPE.
            ignoreSIGPIPE
            try? inPipe.fileHandleForWriting.write(contentsOf: input)
            try? inPipe.fileHandleForWriting.close()
        }
        var timedOut = false
        if let timeout {
            let deadline = DispatchTime.now() + .milliseconds(timeout.milliseconds)
            let finished = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                process.waitUntilExit()
                finished.signal()
            }
            if finished.wait(timeout: deadline) == .timedOut {
                timedOut = true
                process.terminate()
                if finished.wait(timeout: .now() + 2) == .timedOut {
                    kill(process.processIdentifier, SIGKILL)
                    finished.wait()
                }
            }
        } else {
            process.waitUntilExit()
        }
        group.wait()
        return ProcessResult(status: process.terminationStatus, stdout: collected.stdout, stderr: collected.stderr, timedOut: timedOut)
    }
}

private let ignoreSIGPIPE: Void = { signal(SIGPIPE, SIG_IGN) }()

private final class CollectedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()
    func set(_ data: Data, isError: Bool) {
        lock.lock(); defer { lock.unlock() }
        if isError { err = data } else { out = data }
    }
    var stdout: Data { lock.lock(); defer { lock.unlock() }; return out }
    var stderr: Data { lock.lock(); defer { lock.unlock() }; return err }
}
