import Foundation
import TestSupport
import Testing

@testable import Completion

/// A project made the way a user would have it: a git repository with an upstream (a local bare remote),
/// `.claude/` state written by hand, a config, uncommitted work and transient files.
struct FixtureProject {
    let folder: URL
    var root: URL { folder.appendingPathComponent("app") }
    var remote: URL { folder.appendingPathComponent("remote.git") }
    var project: Project { Project(root: root) }

    static let sessionState = """
        # Session State

        **Status**: Active  
        **Current Work**: Building the importer
        **Next Step**: Handle CSV files with a BOM

        My own note, keep me: the importer runs nightly.\u{20}\u{20}

        ## Blockers

        - Waiting on sample files from finance

        ## Key Decisions

        - Use streaming parsing for large files

        ## Pending Todos

        - [ ] Handle CSV files with a BOM
        - [ ] Document the importer flags

        """

    static let priorities = """
        # Current Priorities

        Team notes: review on Mondays.

        - [x] Parse CSV headers
        - [ ] Handle CSV files with a BOM
        - [ ] Ship the importer

        """

    static let config = """
        # my settings
        session_completion:
          auto_push: true
          create_summary: true
        other_component:
          anything: goes

        """

    static func make() throws -> FixtureProject {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "jt-foundation-\(UUID().uuidString.prefix(8))"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let fixture = FixtureProject(folder: folder)
        try fixture.git(["init", "--quiet", "--bare", "--initial-branch=main", fixture.remote.path], in: folder)
        try fixture.git(["init", "--quiet", "--initial-branch=main", fixture.root.path], in: folder)
        for (k, v) in [("user.name", "Test User"), ("user.email", "test@example.com"), ("commit.gpgsign", "false")] {
            try fixture.git(["config", k, v])
        }
        try fixture.git(["remote", "add", "origin", fixture.remote.path])
        try fixture.write("src/importer.py", "def run():\n    pass\n")
        try fixture.write(
            ".claude/context/session-state.md",
            sessionState.replacingOccurrences(of: "**Status**: Active  ", with: "**Status**: Active")
        )
        try fixture.write(
            ".claude/context/current-priorities.md",
            priorities.replacingOccurrences(of: "- [x] Parse", with: "- [ ] Parse")
        )
        try fixture.write(".claude/config/autonomy-config.yaml", config)
        try fixture.write(".gitignore", "*.pyc\n")
        try fixture.git(["add", "--all"])
        try fixture.git(["commit", "--quiet", "-m", "Initial import"])
        try fixture.git(["push", "--quiet", "-u", "origin", "main"])
        // The session's work: a commit and uncommitted changes, state files edited by the user.
        try fixture.write("src/importer.py", "def run(path):\n    return parse(path)\n")
        try fixture.git(["commit", "--quiet", "-am", "Parse CSV headers"])
        try fixture.write("src/bom.py", "BOM = b'\\xef\\xbb\\xbf'\n")
        try fixture.write(".claude/context/session-state.md", sessionState)
        try fixture.write(".claude/context/current-priorities.md", priorities)
        try fixture.write(".env", "API_TOKEN=abc123\n")
        try fixture.write("certs/server.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
        try fixture.write(".claude/state/temp/scratch.txt", "scratch\n")
        try fixture.write(".claude/cache/blob", "cache\n")
        try fixture.write(".claude/context/.soft-restart-checkpoint.md", "# soft\n")
        return fixture
    }

    func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: root.appendingPathComponent(relative).path).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path)
    }

    @discardableResult
    func git(_ arguments: [String], in directory: URL? = nil) throws -> String {
        var env = ProcessInfo.processInfo.environment
        env["GIT_TERMINAL_PROMPT"] = "0"
        let result = try ProcessRunner.run(["git"] + arguments, in: directory ?? root, environment: env)
        guard result.succeeded else {
            throw GitError(command: "git " + arguments.joined(separator: " "), output: result.errorOutput)
        }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// Runs the engine in-process with the front end's defaults for `--plain --yes --cycles none`.
    func complete(
        options: RunOptions = RunOptions(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> [CompletionEvent] {
        let resolved = try ConfigurationResolver.resolve(
            project: project,
            commandLine: CommandLineOverrides(preCompletionOffer: false),
            environment: environment
        )
        let plan = CompletionPlan(project: project, resolved: resolved, options: options, environment: environment)
        var events: [CompletionEvent] = []
        for await event in SessionCompletion.run(plan) { events.append(event) }
        return events
    }
}

extension Array where Element == CompletionEvent {
    var result: RunResult? {
        for case .finished(let result) in self { return result }
        return nil
    }

    func outcome(_ step: StepID) -> Outcome? {
        result?.steps.first { $0.step == step }?.outcome
    }
}

/// Runs the built `jarvis-tui` binary (built by `swift build --build-tests`, which builds every product).
enum JarvisBinary {
    static var url: URL { BuiltBinary.url("jarvis-tui") }

    static func run(
        _ arguments: [String],
        in directory: URL,
        environment extra: [String: String] = [:]
    ) throws -> ProcessResult {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in extra { env[k] = v }
        let result = try ProcessRunner.run(
            [url.path] + arguments,
            in: directory,
            environment: env,
            timeout: .seconds(120)
        )
        expectNoFoundationDump(result)
        return result
    }
}

/// Every file under a folder with its bytes: to prove that nothing was written.
func snapshotTree(_ root: URL) -> [String: Data] {
    var result: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
    else { return result }
    for case let url as URL in enumerator {
        if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            result[String(url.path.dropFirst(root.path.count))] = FileManager.default.contents(atPath: url.path)
        }
    }
    return result
}
