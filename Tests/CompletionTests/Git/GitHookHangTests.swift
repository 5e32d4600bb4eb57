import Foundation
import Testing

@testable import Completion

/// Git hooks that leave processes behind or never end, against a real repository and bare remote: step 5 ends
/// within its time limits, whatever the hooks' children do with git's output.
@Suite("Git hooks that hang or leave processes running")
struct GitHookHangTests {
    /// Far below the hooks' 1000 s, and generous for a whole run on a loaded machine (the parallel suite made a
    /// plain run take over 30 s); a sanitized build (JARVIS_SANITIZER) runs several times slower.
    static let bound: TimeInterval = ProcessInfo.processInfo.environment["JARVIS_SANITIZER"] != nil ? 400 : 150

    /// A hook whose background `sleep` inherits git's stdout and stderr and writes its pid to `pidFile`.
    static func backgroundSleepHook(_ pidFile: URL) -> String {
        "sleep 1000 & echo $! > '\(pidFile.path)'\nexit 0"
    }

    /// Ends the hook's sleep if it still runs: only when the pid is still that `sleep 1000` (pids are reused
    /// quickly on a busy machine, and a stale one could belong to another test's process).
    static func stop(_ pidFile: URL) {
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8),
            let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let command = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
            command == Data("sleep\u{0}1000\u{0}".utf8)
        else { return }
        kill(pid, SIGKILL)
    }

    @Test("a pre-push hook that leaves `sleep 1000 &` holding git's output: the push lands and the run ends at once")
    func prePushBackgroundJob() async throws {
        let repo = try GitTestRepository()
        let pidFile = repo.folder.url.appendingPathComponent("pre-push.pid")
        defer { Self.stop(pidFile) }
        try GitPushTests.installHook(repo.url(".git/hooks/pre-push"), Self.backgroundSleepHook(pidFile))
        try repo.write("feature.txt", "new\n")

        let start = Date()
        let run = await repo.complete()
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed < Self.bound, "step 5 waited \(elapsed) s for the hook's background job")
        #expect(repo.headSubject.hasPrefix("Session: "))
        #expect(repo.remoteHead == repo.head, "the push itself succeeded")
        #expect(run.gitOutcome == .done, "\(String(describing: run.gitOutcome))")
    }

    @Test("a post-commit hook with a background job does not hold up the commit")
    func postCommitBackgroundJob() async throws {
        let repo = try GitTestRepository()
        let pidFile = repo.folder.url.appendingPathComponent("post-commit.pid")
        defer { Self.stop(pidFile) }
        try GitPushTests.installHook(repo.url(".git/hooks/post-commit"), Self.backgroundSleepHook(pidFile))
        try repo.write("feature.txt", "new\n")

        let start = Date()
        let run = await repo.complete()
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed < Self.bound, "the commit waited \(elapsed) s for the hook's background job")
        #expect(repo.headSubject.hasPrefix("Session: "))
        #expect(run.gitOutcome == .done, "\(String(describing: run.gitOutcome))")
    }

    @Test(
        "a pre-push hook that never ends: the push times out after push_timeout_seconds, its group is ended, push pending"
    )
    func prePushThatNeverEnds() async throws {
        let repo = try GitTestRepository()
        let pidFile = repo.folder.url.appendingPathComponent("stuck.pid")
        defer { Self.stop(pidFile) }
        try GitPushTests.installHook(repo.url(".git/hooks/pre-push"), "sleep 1000 & echo $! > '\(pidFile.path)'\nwait")
        try repo.write("feature.txt", "new\n")

        let start = Date()
        let run = await repo.complete(repo.configuration { $0.git.pushTimeoutSeconds = 2 })
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed < Self.bound, "the push was not stopped: \(elapsed) s")
        #expect(repo.headSubject.hasPrefix("Session: "), "the commit is made")
        #expect(repo.remoteHead != repo.head)
        #expect(run.warnings.contains { $0.contains("push pending: timed out after 2 s") }, "\(run.warnings)")
        #expect(run.finalSummary.contains("timed out after 2 s"), "\(run.finalSummary)")
        let sleeper = try #require(
            pid_t(try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
        )
        #expect(!CyclesTest.isAlive(sleeper), "the hook's sleep outlived the timed-out push")
    }

    @Test("git.timeout_seconds and git.push_timeout_seconds are read from the config")
    func timeoutsAreConfigurable() throws {
        let loaded = try ConfigurationLoader(path: "autonomy-config.yaml").parse(
            """
            session_completion:
              git:
                timeout_seconds: 45
                push_timeout_seconds: 7
            """
        )
        #expect(loaded.configuration.git.timeoutSeconds == 45)
        #expect(loaded.configuration.git.pushTimeoutSeconds == 7)
        #expect(loaded.warnings.isEmpty)
        #expect(Configuration().git.timeoutSeconds == 600 && Configuration().git.pushTimeoutSeconds == 120)
    }
}
