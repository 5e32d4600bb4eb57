import Foundation
import Testing

@testable import Completion

/// What the tool must never do, whatever it finds on disk: follow a symlink out of the project, signal a process
/// that is not the watcher, leave files others can write, or copy a secret into its own log.
@Suite("Security")
struct SecurityTests {
    @Test func cleanupRemovesSymlinksWithoutFollowingThem() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let outside = fixture.folder.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep\n".utf8).write(to: outside.appendingPathComponent("keep.txt"))
        let fm = FileManager.default
        try fm.createSymbolicLink(
            at: fixture.project.cacheFolder.appendingPathComponent("link-to-outside"),
            withDestinationURL: outside
        )
        try fm.removeItem(at: fixture.project.softRestartCheckpoint)
        try fm.createSymbolicLink(
            at: fixture.project.softRestartCheckpoint,
            withDestinationURL: outside.appendingPathComponent("keep.txt")
        )
        // A temp folder that is itself a symlink out of the project is not entered at all.
        try fm.removeItem(at: fixture.project.tempStateFolder)
        try fm.createSymbolicLink(at: fixture.project.tempStateFolder, withDestinationURL: outside)

        let events = try await fixture.complete()
        #expect(events.outcome(.cleanup) == .done, "\(String(describing: events.outcome(.cleanup)))")
        #expect(try String(contentsOf: outside.appendingPathComponent("keep.txt"), encoding: .utf8) == "keep\n")
        #expect(try fm.contentsOfDirectory(atPath: outside.path) == ["keep.txt"])
        #expect(!PathSafety.isSymlink(fixture.project.cacheFolder.appendingPathComponent("link-to-outside")))
        #expect(!PathSafety.isSymlink(fixture.project.softRestartCheckpoint))
    }

    @Test func aStateFileThatIsASymlinkOutOfTheProjectIsNotWrittenThrough() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let outside = fixture.folder.appendingPathComponent("shared-priorities.md")
        try Data(FixtureProject.priorities.utf8).write(to: outside)
        try FileManager.default.removeItem(at: fixture.project.prioritiesFile)
        try FileManager.default.createSymbolicLink(at: fixture.project.prioritiesFile, withDestinationURL: outside)
        let events = try await fixture.complete()
        if case .failed(let reason) = events.outcome(.contextFiles) {
            #expect(reason.contains("symlink"))
        } else {
            Issue.record("step 3 should refuse the symlink, was \(String(describing: events.outcome(.contextFiles)))")
        }
        #expect(try String(contentsOf: outside, encoding: .utf8) == FixtureProject.priorities)
        #expect(events.result?.exitStatus == .completed, "the rest of the protocol runs")
    }

    @Test func onlyTheWatcherIsSignalled() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        // A process that is not the watcher, named in the PID file, is left alone.
        // Long-lived: under the thread sanitizer, with the whole suite in parallel, the completion took over five
        // minutes, and a bystander that ends by itself looks like one the tool signalled. `stop` ends it.
        let bystander = try BackgroundProcess(["sleep", "86400"])
        defer { bystander.stop() }
        try AtomicFile.write("\(bystander.pid)\n", to: fixture.project.watcherPIDFile)
        let first = try await fixture.complete()
        #expect(!bystander.hasExited)
        let warned = first.contains {
            if case .warning(_, let text) = $0 { text.contains("is not the watcher") } else { false }
        }
        #expect(warned)

        // The watcher itself is stopped.
        try fixture.write("src/more.py", "x = 2\n")
        let watcher = try BackgroundProcess(["bash", "-c", "exec -a jarvis-auto-clear-watcher sleep 300"])
        defer { watcher.stop() }
        try AtomicFile.write("\(watcher.pid)\n", to: fixture.project.watcherPIDFile)
        let second = try await fixture.complete()
        let cleanup = second.compactMap { event -> String? in
            switch event {
            case .stepProgress(.cleanup, let text), .warning(.cleanup?, let text): text
            default: nil
            }
        }
        #expect(cleanup.contains("stopped watcher \(watcher.pid)"), "\(cleanup)")
        #expect(await watcher.exits(within: .seconds(10)))
        #expect(!FileManager.default.fileExists(atPath: fixture.project.watcherPIDFile.path))
    }

    @Test func filesTheToolCreatesAreNotWorldWritable() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let previous = umask(0)  // even with a permissive umask
        defer { umask(previous) }
        _ = try await fixture.complete()
        let walker = FileManager.default.enumerator(at: fixture.project.claude, includingPropertiesForKeys: nil)
        var checked = 0
        while let url = walker?.nextObject() as? URL {
            var info = stat()
            guard lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            #expect(info.st_mode & 0o002 == 0, "\(url.path) is world-writable")
            checked += 1
        }
        #expect(checked > 5)
    }

    @Test func secretsNeverReachTheCompletionLog() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        // A secret in a file name shows up in a warning; the log keeps the warning, not the secret.
        let token = "ghp_A1b2C3d4E5F6g7H8i9J0k1L2m3N4o5P6q7R8"  // the 36 characters of a classic token
        try fixture.write("\(token).env", "x\n")
        _ = try await fixture.complete()
        let log = try #require(fixture.read(".claude/logs/session-completion.log"))
        #expect(log.contains("held back"))
        #expect(!log.contains(token))
        #expect(log.contains("[REDACTED:github-token]"))
    }
}

/// A process started for a test through `Spawn`, so with default signal handling (a test runner's threads may block
/// SIGTERM, and a blocked mask is inherited across exec).
final class BackgroundProcess: @unchecked Sendable {
    let pid: pid_t
    private var reaped = false

    init(_ argv: [String], environment: [String: String]? = nil) throws {
        let child = try Spawn.start(
            ChildSpec(
                executable: ExecutableLocator.find(argv[0]) ?? argv[0],
                arguments: argv,
                environment: environment ?? ProcessInfo.processInfo.environment,
                ownProcessGroup: false
            )
        )
        pid = child.pid
        Thread.sleep(forTimeInterval: 0.2)  // let `exec -a` take effect before the cmdline is read
    }

    var hasExited: Bool {
        if reaped { return true }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { reaped = true }
        return reaped
    }

    /// Looks once more after the deadline: on a loaded machine the sleeping poller can wake only after it, and
    /// a process that did exit in time must not be reported as hung.
    func exits(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if hasExited { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return hasExited
    }

    func stop() {
        guard !hasExited else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        reaped = true
    }
}
