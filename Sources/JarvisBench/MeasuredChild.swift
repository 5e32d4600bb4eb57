import Completion
import Foundation

/// One child process run to its end (started by `Spawn`): its wall-clock time and its own peak resident memory
/// (sampled; a process that lives only a few milliseconds may be under-read), so a figure and its baseline can
/// both report the memory of what actually ran.
struct MeasuredChild {
    var seconds: Double
    var peakMB: Double
    var status: Int32
    var succeeded: Bool { status == 0 }

    /// Runs `argv` in `directory` (nil: here) with `environment`; stdin from `stdinPath` or /dev/null, stdout
    /// to `stdoutPath` or /dev/null, stderr to `stderrPath` or /dev/null (to report why a run failed), or
    /// this process's stderr when nil.
    static func run(
        _ argv: [String],
        in directory: URL? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        stdinPath: String = "/dev/null",
        stdoutPath: String = "/dev/null",
        stderrPath: String? = "/dev/null"
    ) throws -> MeasuredChild {
        // The child gets default signal handling (`Spawn` resets every disposition): this process ignores the
        // signals `InterruptCleanup` handles, and an ignored signal would stay ignored across the exec.
        let executable = ExecutableLocator.find(argv[0], path: environment["PATH"]) ?? argv[0]
        let started = DispatchTime.now().uptimeNanoseconds
        let pid: pid_t
        do {
            pid = try Spawn.start(
                ChildSpec(
                    executable: executable,
                    arguments: argv,
                    environment: environment,
                    directory: directory?.path,
                    input: .file(stdinPath),
                    output: .file(stdoutPath),
                    errorOutput: stderrPath.map { .file($0) } ?? .inherited,
                    ownProcessGroup: false
                )
            ).pid
        } catch {
            throw BenchmarkFailure("cannot start \(argv[0]): \(error)")
        }
        // The child's own peak is sampled from /proc every millisecond: rusage's ru_maxrss cannot be used, since
        // Linux counts the image an exec replaced, and a posix_spawn child's is this (much larger) process.
        var exit: Int32 = 0
        var peakKB = 0
        let statusFile = "/proc/\(pid)/status"
        while true {
            let done = waitpid(pid, &exit, WNOHANG)
            if done == pid { break }
            if done == -1 && errno != EINTR { break }
            if let kb = Self.highWaterKB(statusFile) { peakKB = max(peakKB, kb) }
            usleep(1_000)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let status = (exit & 0x7f) == 0 ? (exit >> 8) & 0xff : 128 + (exit & 0x7f)
        return MeasuredChild(seconds: seconds, peakMB: Double(peakKB) / 1024, status: status)
    }

    /// VmHWM of a live process, in KB (nil once it has exited).
    static func highWaterKB(_ statusFile: String) -> Int? {
        guard let text = try? String(contentsOfFile: statusFile, encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }

    /// Runs several commands one after the other: total time, the largest peak, and the first failure.
    static func sequence(
        _ commands: [[String]],
        in directory: URL,
        environment: [String: String]
    ) throws -> MeasuredChild {
        var total = MeasuredChild(seconds: 0, peakMB: 0, status: 0)
        for argv in commands {
            let one = try run(argv, in: directory, environment: environment)
            total.seconds += one.seconds
            total.peakMB = max(total.peakMB, one.peakMB)
            guard one.succeeded else {
                throw BenchmarkFailure("\(argv.joined(separator: " ")) exited with \(one.status)")
            }
        }
        return total
    }
}
