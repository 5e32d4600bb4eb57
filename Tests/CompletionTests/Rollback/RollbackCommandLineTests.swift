import Foundation
import Testing

@testable import Completion

/// `jarvis-tui rollback` as a user runs it (the built binary, no terminal), on a run whose session commit was
/// pushed to a real bare remote.
@Suite("Rollback command: plan, dry run, all or nothing")
struct RollbackCommandLineTests {
    static func rollback(_ arguments: [String], _ repo: GitTestRepository) throws -> ProcessResult {
        try ProcessRunner.run(
            [JarvisBinary.url.path, "rollback", "--project", repo.root.path] + arguments,
            in: repo.root,
            environment: repo.environment,
            timeout: .seconds(120)
        )
    }

    /// Every file of the project (outside .git, but for the run lock) with its bytes, the HEAD and the remote's head.
    static func state(_ repo: GitTestRepository) throws -> [String: Data] {
        var files: [String: Data] = ["HEAD": Data(repo.head.utf8), "remote": Data(repo.remoteHead.utf8)]
        let enumerator = FileManager.default.enumerator(at: repo.root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            let path = repo.project.relativePath(of: url)
            if path == ".git" { enumerator?.skipDescendants(); continue }
            // The run lock's stamp names whoever took the lock last: every rollback takes it.
            if path == ".claude/state/jarvis-tui/run.lock" { continue }
            if let data = FileManager.default.contents(atPath: url.path) { files[path] = data }
        }
        files["index"] = try repo.gitData(["ls-files", "--stage"])
        return files
    }

    @Test func aPushedRunDryRunThenWithoutPartialChangesNothingAndWithPartialUndoesTheRest() async throws {
        let repo = try GitTestRepository()
        try repo.write("work.txt", "x\n")
        _ = await repo.complete()
        #expect(repo.remoteHead == repo.head)
        let before = try Self.state(repo)
        #expect(before[".claude/context/.checkpoint.md"] != nil)

        let dry = try Self.rollback(["--dry-run"], repo)
        #expect(dry.status == 1)
        #expect(dry.output.contains("refuse   commit \(repo.head.prefix(8))"), "\(dry.output)")
        #expect(dry.output.contains("delete   .claude/context/.checkpoint.md (created by the run)"))
        #expect(try Self.state(repo) == before)

        let whole = try Self.rollback(["--yes"], repo)
        #expect(whole.status == 1)
        #expect(whole.output.contains("Nothing was changed"), "\(whole.output)")
        #expect(whole.output.contains("--partial"))
        #expect(try Self.state(repo) == before)

        let partial = try Self.rollback(["--yes", "--partial"], repo)
        #expect(partial.status == 1, "the pushed commit stays: \(partial.output)")
        #expect(partial.output.contains("deleted .claude/context/.checkpoint.md"))
        let after = try Self.state(repo)
        #expect(after[".claude/context/.checkpoint.md"] == nil)
        #expect(after["HEAD"] == before["HEAD"] && after["remote"] == before["remote"])
        #expect(
            after[".claude/context/session-state.md"] == before[".claude/context/session-state.md"],
            "a file of the pushed commit stays as committed"
        )

        let again = try Self.rollback(["--yes"], repo)
        #expect(again.status == 0)
        #expect(again.output.contains("nothing to undo"))
    }

    @Test func withoutATerminalOrYesNothingChangesAndASecondRollbackHasNothingToUndo() async throws {
        let repo = try GitTestRepository()
        try repo.write("work.txt", "x\n")
        _ = await repo.complete(push: .never)
        let before = try Self.state(repo)

        let unasked = try Self.rollback([], repo)
        #expect(unasked.status == 2)
        #expect(unasked.output.contains("reset    main"), "the plan is printed: \(unasked.output)")
        #expect(unasked.errorOutput.contains("--yes"))
        #expect(try Self.state(repo) == before)

        let done = try Self.rollback(["--yes"], repo)
        #expect(done.status == 0, "\(done.output)\(done.errorOutput)")
        #expect(done.output.contains("done     reset main"))
        #expect(repo.head != String(decoding: before["HEAD"]!, as: UTF8.self))

        let second = try Self.rollback(["--yes"], repo)
        #expect(second.status == 0)
        #expect(second.output.contains("nothing to undo"))
    }

    /// A run completing the project holds the run lock (its pre-commit hook takes seconds): a rollback meanwhile
    /// exits 1 naming that run and does nothing; with --wait it waits for the run and then undoes it.
    @Test func aRollbackWhileARunHoldsTheLockGivesWayOrWaits() async throws {
        let repo = try GitTestRepository()
        try repo.write("work.txt", "x\n")
        _ = await repo.complete(push: .never)
        try repo.write("more.txt", "y\n")
        try repo.write(".git/hooks/pre-commit", "#!/bin/sh\nsleep 5\n")
        chmod(repo.url(".git/hooks/pre-commit").path, 0o755)
        let log = repo.folder.url.appendingPathComponent("run.log")
        let run = try RunLockTests.StartedRun.start(
            in: repo.root,
            arguments: RunLockTests.arguments + ["--no-push"],
            log: log,
            environment: repo.environment
        )
        defer { if run.process.isRunning { kill(run.process.processIdentifier, SIGKILL) } }
        #expect(RunLockTests.waitUntilLockHeld(repo.project, seconds: 60), "the run never took the lock")
        let pid = run.process.processIdentifier

        let refused = try Self.rollback(["--yes"], repo)
        #expect(refused.status == 1, "\(refused.output)\(refused.errorOutput)")
        #expect(refused.errorOutput.contains("another jarvis-tui run (PID \(pid)"), "\(refused.errorOutput)")
        #expect(!refused.output.contains("done "), "the rollback changed something: \(refused.output)")

        let waited = try Self.rollback(["--yes", "--wait"], repo)
        run.process.waitUntilExit()
        #expect(run.process.terminationStatus == 0, "\(run.output.suffix(600))")
        #expect(waited.status == 0, "\(waited.output)\(waited.errorOutput)")
        #expect(
            waited.errorOutput.contains("waiting for the other jarvis-tui run (PID \(pid)"),
            "\(waited.errorOutput)"
        )
        #expect(waited.output.contains("done     reset main"), "the run it waited for is undone: \(waited.output)")
        let subjects = try repo.git(["log", "--format=%s"]).split(separator: "\n")
        #expect(subjects.filter { $0.hasPrefix("Session: ") }.count == 1, "\(subjects)")
    }

    /// The other way round: while a rollback holds the run lock (stopped as it puts session-state.md back), a run
    /// of the same project exits 1 before writing anything and names the rollback.
    @Test func aRunWhileARollbackHoldsTheLockGivesWayNamingIt() async throws {
        let repo = try GitTestRepository()
        try repo.write(".claude/context/session-state.md", "# Session State\n\n**Status**: Active\n")
        try repo.write("work.txt", "x\n")
        _ = await repo.complete(push: .never)
        let paused = repo.folder.url.appendingPathComponent("paused")
        var environment = repo.environment
        environment["JARVIS_TEST_PAUSE_AT"] = "write:session-state.md"
        environment["JARVIS_TEST_PAUSE_FILE"] = paused.path
        let rollback = try RunLockTests.StartedRun.start(
            in: repo.root,
            arguments: ["rollback", "--project", repo.root.path, "--yes"],
            log: repo.folder.url.appendingPathComponent("rollback.log"),
            environment: environment
        )
        defer { kill(rollback.process.processIdentifier, SIGKILL) }
        var arrived = false
        for _ in 0..<1200 where !arrived {
            arrived = FileManager.default.fileExists(atPath: paused.path)
            if !arrived { usleep(50_000) }
        }
        #expect(arrived, "the rollback never reached session-state.md: \(rollback.output)")
        let before = repo.read(".claude/context/session-state.md")

        try repo.write("more.txt", "y\n")
        let run = try ProcessRunner.run(
            [JarvisBinary.url.path] + RunLockTests.arguments + ["--no-push", "--project", repo.root.path],
            in: repo.root,
            environment: repo.environment,
            timeout: .seconds(120)
        )
        let pid = rollback.process.processIdentifier
        #expect(run.status == 1, "\(run.output)\(run.errorOutput)")
        #expect(
            (run.output + run.errorOutput).contains("a jarvis-tui rollback (PID \(pid), started "),
            "\(run.output)\(run.errorOutput)"
        )
        #expect(!run.output.contains("[1/7]"), "the run that gave way ran steps: \(run.output)")
        #expect(
            repo.read(".claude/context/session-state.md") == before,
            "the run wrote while the rollback held the lock"
        )
    }
}
