import Completion
import Foundation
import Testing

/// A real `jarvis-tui` process is stopped at a named point (`JARVIS_TEST_PAUSE_AT`), killed with SIGKILL, and run
/// again: the second run must finish the session as if nothing had happened — one summary, one session commit,
/// no half-written file, the user's lines intact.
@Suite("Kill and resume")
struct KillAndResumeTests {
    static let points = [
        "write:session-state.md", "after:state-capture", "after:memory", "write:current-priorities.md",
        "after:context-files",
        "after:chat-history", "write:session-\(SessionGathererDay.today).md", "before-commit", "after:git",
        "write:.checkpoint.md", "after:handoff", "cleanup:after-first-removal", "after:cleanup",
        "write:AC-09-sessions.jsonl",
        "write:journal.json",
    ]

    @Test(arguments: points)
    func killedAtAPointThenRerunFinishesCleanly(point: String) async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let pauseFile = fixture.folder.appendingPathComponent("paused")
        let process = try KilledRun.start(in: fixture.root, pauseAt: point, pauseFile: pauseFile)
        let paused = await KilledRun.waitForFile(pauseFile, process: process, seconds: 60)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(paused, "the run never reached \(point) (exit \(process.terminationStatus))")

        let rerun = try JarvisBinary.run(["--plain", "--yes", "--cycles", "none"], in: fixture.root)
        #expect(rerun.status == 0, "\(point): \(rerun.output.suffix(600))\(rerun.errorOutput)")

        let summaries = try FileManager.default.contentsOfDirectory(atPath: fixture.project.summariesFolder.path).filter
        { $0.hasSuffix(".md") }
        #expect(summaries == ["session-\(SessionGathererDay.today).md"], "\(point): \(summaries)")
        let sessionCommits = try fixture.git(["log", "--format=%s", "--extended-regexp", "--grep=^Session: "]).split(
            separator: "\n"
        )
        #expect(sessionCommits.count == 1, "\(point): \(sessionCommits)")
        let status = try fixture.git(["status", "--porcelain", "--untracked-files=all"]).split(separator: "\n").map(
            String.init
        ).sorted()
        #expect(status == ["?? .env", "?? certs/server.pem"], "\(point): \(status)")
        #expect(
            KilledRun.leftoverTempFiles(fixture.root).isEmpty,
            "\(point): \(KilledRun.leftoverTempFiles(fixture.root))"
        )
        for transient in [
            ".claude/state/temp/scratch.txt", ".claude/cache/blob", ".claude/context/.soft-restart-checkpoint.md",
        ] {
            #expect(!fixture.exists(transient), "\(point): \(transient) not cleaned up")
        }
        let state = try #require(fixture.read(".claude/context/session-state.md"))
        for line in FixtureProject.sessionState.components(separatedBy: "\n") where !line.hasPrefix("**") {
            #expect(state.components(separatedBy: "\n").contains(line), "\(point): lost user line \(line)")
        }
        #expect(
            state.components(separatedBy: "<!-- jarvis-tui:session-capture -->").count == 2,
            "\(point): capture block duplicated"
        )
        let committed = try fixture.git(["show", "--name-only", "--format=", "HEAD"])
        #expect(
            committed.contains(".claude/reports/sessions/session-\(SessionGathererDay.today).md"),
            "\(point): summary not in the session commit"
        )
        #expect(
            try fixture.git(["rev-parse", "HEAD"]) == (try fixture.git(["rev-parse", "main"], in: fixture.remote)),
            "\(point): not pushed"
        )
        let journal = try #require(fixture.read(".claude/state/jarvis-tui/journal.json"))
        #expect(journal.contains("\"finished\" : true"), "\(point): journal not finished")
    }
}

enum KilledRun {
    /// Starts the binary in the background (Foundation's Process: the test needs its pid to kill it).
    static func start(
        in directory: URL,
        pauseAt point: String,
        pauseFile: URL,
        arguments: [String] = ["--plain", "--yes", "--cycles", "none"],
        environment extra: [String: String] = [:]
    ) throws -> Process {
        let process = Process()
        process.executableURL = JarvisBinary.url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["JARVIS_TEST_PAUSE_AT"] = point
        env["JARVIS_TEST_PAUSE_FILE"] = pauseFile.path
        for (key, value) in extra { env[key] = value }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func waitForFile(_ file: URL, process: Process, seconds: Int) async -> Bool {
        for _ in 0..<(seconds * 20) {
            if FileManager.default.fileExists(atPath: file.path) { return true }
            if !process.isRunning { return false }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// Temporary files of an atomic write left behind (`.name.pid.random.tmp`), outside `.git`.
    static func leftoverTempFiles(_ root: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { !$0.hasPrefix(".git/") && $0.hasSuffix(".tmp") }
    }
}
