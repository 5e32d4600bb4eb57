import Completion
import Foundation

/// One child process run to its end with `posix_spawnp` and `wait4`: its wall-clock time and its own peak
/// resident memory (`ru_maxrss`), so a figure and its baseline can both report the memory of what actually ran.
struct MeasuredChild {
    var seconds: Double
    var peakMB: Double
    var status: Int32
    var succeeded: Bool { status == 0 }

    /// Runs `argv` in `directory` (nil: here) with `environment`; stdin from `stdinPath` or /dev/null, stdout
    /// and stderr to /dev/null, or stderr to `stderrPath` when given (to report why a run failed).
    static func run(_ argv: [String], in directory: URL? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                    stdinPath: String = "/dev/null", stderrPath: String = "/dev/null") throws -> MeasuredChild {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let directory {
            guard let addChdir = GNUFunctions.addChdir else { throw BenchmarkFailure("glibc 2.29 or later is needed (posix_spawn_file_actions_addchdir_np)") }
            _ = addChdir(&actions, directory.path)
        }
        let arguments = argv.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { variables.forEach { free($0) } }
        var pid: pid_t = 0
        let started = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawnp(&pid, argv[0], &actions, nil, arguments, variables)
        guard spawned == 0 else { throw BenchmarkFailure("cannot start \(argv[0]): \(String(cString: strerror(spawned)))") }
        var exit: Int32 = 0
        var usage = rusage()
        while wait4(pid, &exit, 0, &usage) == -1 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let status = (exit & 0x7f) == 0 ? (exit >> 8) & 0xff : 128 + (exit & 0x7f)
        return MeasuredChild(seconds: seconds, peakMB: Double(usage.ru_maxrss) / 1024, status: status)
    }

    /// Runs several commands one after the other: total time, the largest peak, and the first failure.
    static func sequence(_ commands: [[String]], in directory: URL, environment: [String: String]) throws -> MeasuredChild {
        var total = MeasuredChild(seconds: 0, peakMB: 0, status: 0)
        for argv in commands {
            let one = try run(argv, in: directory, environment: environment)
            total.seconds += one.seconds
            total.peakMB = max(total.peakMB, one.peakMB)
            guard one.succeeded else { throw BenchmarkFailure("\(argv.joined(separator: " ")) exited with \(one.status)") }
        }
        return total
    }
}
