import Foundation
import Testing

@testable import Completion

/// One run at a time, with the real binary (`--plain`) on real repositories with a bare remote: runs started
/// together make one session commit, the one that gives way exits 1 before writing anything and names the other;
/// a re-run of a completed session with nothing new changes nothing; with new work it continues that session.
@Suite("Run lock and re-runs")
struct RunLockTests {
    static let arguments = ["--plain", "--yes", "--cycles", "none"]

    /// A started binary whose output (stdout and stderr together) goes to a file.
    struct StartedRun {
        let process: Process
        let log: URL
        var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        static func start(
            in directory: URL,
            arguments: [String] = RunLockTests.arguments,
            log: URL,
            environment: [String: String]? = nil
        ) throws -> StartedRun {
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            let process = Process()
            process.executableURL = JarvisBinary.url
            process.arguments = arguments
            process.currentDirectoryURL = directory
            if let environment { process.environment = environment }
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            try handle.close()
            return StartedRun(process: process, log: log)
        }
    }

    /// True once another process holds the run lock (a non-blocking `flock` on it fails).
    static func waitUntilLockHeld(_ fixture: FixtureProject, seconds: Int) -> Bool {
        waitUntilLockHeld(fixture.project, seconds: seconds)
    }

    static func waitUntilLockHeld(_ project: Project, seconds: Int) -> Bool {
        let path = project.toolStateFolder.appendingPathComponent("run.lock").path
        for _ in 0..<(seconds * 20) {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd >= 0 {
                defer { close(fd) }
                if flock(fd, LOCK_SH | LOCK_NB) != 0 { return true }
                flock(fd, LOCK_UN)
            }
            usleep(50_000)
        }
        return false
    }

    /// A project whose pre-commit hook takes a second: the run that wins holds the lock long enough that the other
    /// one, started at the same moment, meets it even on a loaded machine.
    static func project() throws -> FixtureProject {
        let fixture = try FixtureProject.make()
        let hook = fixture.root.appendingPathComponent(".git/hooks/pre-commit")
        try Data("#!/bin/sh\nsleep 1\n".utf8).write(to: hook)
        chmod(hook.path, 0o755)
        return fixture
    }

    static func sessionCommits(_ fixture: FixtureProject) throws -> [String] {
        try fixture.git(["log", "--format=%s", "--extended-regexp", "--grep=^Session: "]).split(separator: "\n").map(
            String.init
        )
    }

    static func summaries(_ fixture: FixtureProject) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixture.project.summariesFolder.path)) ?? []).sorted()
    }

    /// Checks one pair's outcome; returns a description of what was wrong (empty when all is well).
    static func check(_ fixture: FixtureProject, _ pair: [StartedRun]) throws -> [String] {
        var problems: [String] = []
        let statuses = pair.map(\.process.terminationStatus)
        guard statuses.sorted() == [0, 1] else {
            return ["exit statuses \(statuses): \(pair.map { $0.output.suffix(400) })"]
        }
        let winner = pair[statuses[0] == 0 ? 0 : 1], loser = pair[statuses[0] == 0 ? 1 : 0]
        if !loser.output.contains("PID \(winner.process.processIdentifier), started ")
            || !loser.output.contains("--wait")
        {
            problems.append("the run that gave way does not name the other: \(loser.output)")
        }
        if loser.output.contains("[1/7]") { problems.append("the run that gave way ran steps: \(loser.output)") }
        let commits = try sessionCommits(fixture)
        if commits.count != 1 { problems.append("session commits: \(commits)") }
        let day = SessionGathererDay.today
        if summaries(fixture) != ["session-\(day).md"] { problems.append("summaries: \(summaries(fixture))") }
        // A summary overwritten after the commit, or a torn file, would show here as a change.
        let status = try fixture.git(["status", "--porcelain", "--untracked-files=all"]).split(separator: "\n").map(
            String.init
        ).sorted()
        if status != ["?? .env", "?? certs/server.pem"] { problems.append("status after the pair: \(status)") }
        if try fixture.git(["rev-parse", "HEAD"]) != (try fixture.git(["rev-parse", "main"], in: fixture.remote)) {
            problems.append("the session commit was not pushed")
        }
        let journal = try JSONDecoder().decode(
            RunJournal.self,
            from: try Data(contentsOf: RunJournal.url(fixture.project))
        )
        if !journal.finished { problems.append("the journal is not finished") }
        if !KilledRun.leftoverTempFiles(fixture.root).isEmpty {
            problems.append("temp files: \(KilledRun.leftoverTempFiles(fixture.root))")
        }
        return problems
    }

    @Test("20 pairs of runs started together: one session commit each time, the other run exits 1 naming the first")
    func simultaneousPairs() throws {
        var problems: [String] = []
        // Four pairs at a time: eight runs share the machine's two cores, and the suite's other tests run too.
        for _ in 0..<5 {
            let fixtures = try (0..<4).map { _ in try Self.project() }
            defer { fixtures.forEach { $0.remove() } }
            var pairs: [[StartedRun]] = []
            for fixture in fixtures {
                pairs.append(
                    try (0..<2).map { index in
                        try StartedRun.start(
                            in: fixture.root,
                            log: fixture.folder.appendingPathComponent("run-\(index).log")
                        )
                    }
                )
            }
            for pair in pairs { pair.forEach { $0.process.waitUntilExit() } }
            for (fixture, pair) in zip(fixtures, pairs) { problems += try Self.check(fixture, pair) }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("--wait waits for the other run, then finds nothing new: still one session commit")
    func waitingRunFindsNothingNew() throws {
        let fixture = try Self.project()
        defer { fixture.remove() }
        // A slow pre-commit hook keeps the first run inside its lock while the second one starts, even on a
        // loaded machine; the second starts only once the lock is seen held.
        try Data("#!/bin/sh\nsleep 6\n".utf8).write(to: fixture.root.appendingPathComponent(".git/hooks/pre-commit"))
        let first = try StartedRun.start(in: fixture.root, log: fixture.folder.appendingPathComponent("first.log"))
        #expect(Self.waitUntilLockHeld(fixture, seconds: 60), "the first run never took the lock")
        let second = try StartedRun.start(
            in: fixture.root,
            arguments: Self.arguments + ["--wait"],
            log: fixture.folder.appendingPathComponent("second.log")
        )
        first.process.waitUntilExit()
        second.process.waitUntilExit()
        #expect(first.process.terminationStatus == 0, "\(first.output.suffix(600))")
        #expect(second.process.terminationStatus == 0, "\(second.output.suffix(600))")
        #expect(
            second.output.contains("waiting for the other jarvis-tui run (PID \(first.process.processIdentifier)"),
            "\(second.output)"
        )
        #expect(second.output.contains("Nothing new since the session commit"), "\(second.output)")
        #expect(try Self.sessionCommits(fixture).count == 1)
        #expect(Self.summaries(fixture) == ["session-\(SessionGathererDay.today).md"])
    }

    @Test("a re-run of a completed session: nothing new changes nothing; new work continues the same summary")
    func rerunOfACompletedSession() throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let arguments = Self.arguments + ["--session-id", "abc-session"]
        let first = try JarvisBinary.run(arguments, in: fixture.root)
        #expect(first.status == 0, "\(first.output.suffix(600))\(first.errorOutput)")
        let head = try fixture.git(["rev-parse", "HEAD"])
        // The lock file holds the PID of the run that holds it: the one file every run writes.
        func files() -> [String: Data] { snapshotTree(fixture.folder).filter { !$0.key.hasSuffix("/run.lock") } }
        let before = files()

        let again = try JarvisBinary.run(arguments, in: fixture.root)
        #expect(again.status == 0, "\(again.output.suffix(600))\(again.errorOutput)")
        #expect(
            again.output.contains("Nothing new since the session commit \(head.prefix(7)) of abc-session"),
            "\(again.output)"
        )
        let after = files()
        let changed = Set(after.keys).union(before.keys).filter { after[$0] != before[$0] }.sorted()
        #expect(changed.isEmpty, "a re-run with nothing new changed files: \(changed)")

        try fixture.write("src/later.py", "LATER = True\n")
        let more = try JarvisBinary.run(arguments, in: fixture.root)
        #expect(more.status == 0, "\(more.output.suffix(600))\(more.errorOutput)")
        #expect(more.output.contains("continuing the completion of abc-session"), "\(more.output.suffix(800))")
        #expect(try Self.sessionCommits(fixture).count == 2)
        #expect(try fixture.git(["rev-parse", "HEAD~1"]) == head, "the new commit follows the first")
        let committed = try fixture.git(["show", "--name-only", "--format=", "HEAD"]).split(separator: "\n").map(
            String.init
        )
        #expect(committed.contains("src/later.py"))
        #expect(!committed.contains("src/bom.py"), "the first commit's work is not committed again: \(committed)")
        #expect(Self.summaries(fixture) == ["session-\(SessionGathererDay.today).md"], "no second summary file")
    }
}
