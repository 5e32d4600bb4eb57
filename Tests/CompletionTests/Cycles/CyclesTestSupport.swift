import Foundation
import Testing

@testable import Completion

/// A real project folder on disk for cycle tests (removed by `remove()`); with `git: true` a real repository
/// with a local identity and one commit.
struct CyclesTestProject {
    let root: URL
    var project: Project { Project(root: root) }

    init(git: Bool = false, config: String? = nil) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cycles-test-\(UUID().uuidString.prefix(8))"
        )
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent(".claude"),
            withIntermediateDirectories: true
        )
        if let config { try AtomicFile.write(config, to: project.configFile) }
        if git {
            try run(["git", "init", "--quiet", "--initial-branch=main"])
            try run(["git", "config", "user.name", "Cycle Tests"])
            try run(["git", "config", "user.email", "cycles@example.com"])
            try run(["git", "config", "commit.gpgsign", "false"])
            try write("README.md", "# test\n")
            try run(["git", "add", "--all"])
            try run(["git", "commit", "--quiet", "-m", "initial"])
        }
    }

    func write(_ relative: String, _ text: String) throws {
        try AtomicFile.write(text, to: root.appendingPathComponent(relative))
    }

    @discardableResult
    func run(_ argv: [String]) throws -> ProcessResult {
        let result = try ProcessRunner.run(argv, in: root)
        guard result.succeeded else {
            throw CyclesTestFailure(message: "\(argv.joined(separator: " ")): \(result.errorOutput)")
        }
        return result
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Every file under the root with its contents (for "nothing was written" checks); `.git` internals excluded.
    func snapshot() -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            let relative = project.relativePath(of: url)
            if relative.hasPrefix(".git/") || relative == ".git" { continue }
            // The run lock is taken before anything else is decided; it holds only the PID of the run.
            if relative == ".claude/state/jarvis-tui/run.lock" { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = FileManager.default.contents(atPath: url.path) ?? Data()
            }
        }
        return files
    }
}

struct CyclesTestFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Collects the events a runner or engine emits, from any thread.
final class CyclesEventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [CompletionEvent] = []

    var emit: @Sendable (CompletionEvent) -> Void {
        { [self] event in
            lock.lock(); events.append(event); lock.unlock()
        }
    }

    var all: [CompletionEvent] { lock.lock(); defer { lock.unlock() }; return events }

    var outputLines: [String] {
        all.compactMap { if case .cycleOutput(_, let line) = $0 { return line } else { return nil } }
    }

    var warnings: [String] {
        all.compactMap { if case .warning(_, let text) = $0 { return text } else { return nil } }
    }
}

enum CyclesTest {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    static func runner(
        _ project: Project,
        cycles: [CycleID: CycleCommand],
        control: RunControl = RunControl(),
        environment: [String: String] = CyclesTest.environment,
        grace: Duration = .seconds(1),
        now: @escaping @Sendable () -> Date = { Date() },
        log: CyclesEventLog
    ) -> CycleRunner {
        var configuration = Configuration()
        configuration.cycles = cycles
        return CycleRunner(
            project: project,
            configuration: configuration,
            environment: environment,
            control: control,
            now: now,
            grace: grace,
            emit: log.emit
        )
    }

    static func bash(_ script: String, timeout: Duration = .seconds(30)) -> CycleCommand {
        CycleCommand(argv: ["bash", "-c", script], timeout: timeout)
    }

    /// Live (not zombie) processes whose process group is `group`.
    static func liveMembers(of group: pid_t) -> [pid_t] { ProcessGroup.liveMembers(group) }

    static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
    }
}
