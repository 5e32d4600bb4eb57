import Foundation
import TestSupport
import Testing

/// `jarvis-tui rollback` as a user runs it: the built binary, a real project, plain output.
@Suite("Rollback command")
struct RollbackCommandTests {
    static var binary: URL { BuiltBinary.url("jarvis-tui") }

    static func run(
        _ arguments: [String],
        in directory: URL,
        environment: [String: String]
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("end-session --no-push, then rollback: says what it did, HEAD is back, exit 0; no manifest: exit 2")
    func endSessionThenRollback() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            Issue.record("jarvis-tui is not built next to the tests (\(Self.binary.path))"); return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "jarvis-rollback-cli-\(UUID().uuidString)"
        )
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appendingPathComponent("app")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("gitconfig")
        try Data().write(to: config)
        var env = ProcessInfo.processInfo.environment
        env["GIT_CONFIG_GLOBAL"] = config.path
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        func git(_ args: [String]) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git"] + args
            p.currentDirectoryURL = root
            p.environment = env
            try p.run(); p.waitUntilExit()
            #expect(p.terminationStatus == 0, "git \(args)")
        }
        try git(["init", "--quiet", "--initial-branch=main"])
        try git(["config", "user.name", "T"]); try git(["config", "user.email", "t@example.com"]);
        try git(["config", "commit.gpgsign", "false"])
        let none = try Self.run(["rollback", "--project", root.path], in: folder, environment: env)
        #expect(none.status == 2)
        _ = try Self.run(["init", "--project", root.path], in: folder, environment: env)
        try git(["add", "--all"]); try git(["commit", "--quiet", "-m", "init"])
        let before = try String(contentsOf: root.appendingPathComponent(".git/refs/heads/main"), encoding: .utf8)
        try Data("work\n".utf8).write(to: root.appendingPathComponent("work.txt"))

        let end = try Self.run(
            ["end-session", "--project", root.path, "--plain", "--yes", "--quick", "--no-push"],
            in: folder,
            environment: env
        )
        #expect(end.status == 0, "\(end.output)")
        let after = try String(contentsOf: root.appendingPathComponent(".git/refs/heads/main"), encoding: .utf8)
        #expect(after != before)

        let rollback = try Self.run(["rollback", "--project", root.path, "--yes"], in: folder, environment: env)
        #expect(rollback.status == 0, "\(rollback.output)")
        #expect(rollback.output.contains("done     reset main"))
        #expect(rollback.output.contains("done     deleted .claude/context/.checkpoint.md (created by the run)"))
        #expect(try String(contentsOf: root.appendingPathComponent(".git/refs/heads/main"), encoding: .utf8) == before)
    }
}
