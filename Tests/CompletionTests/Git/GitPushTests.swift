import Foundation
import Testing

@testable import Completion

/// Gate G-06 and push pending, end to end against a bare remote.
@Suite("Git push and push pending, end to end")
struct GitPushTests {
    static func installHook(_ url: URL, _ script: String) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(("#!/bin/sh\n" + script + "\n").utf8).write(to: url)
        chmod(url.path, 0o755)
    }

    @Test(
        "a pre-receive hook that rejects: the commit stays local, the summary says push pending, the next run offers the push"
    )
    func rejectedThenOfferedNextRun() async throws {
        let repo = try GitTestRepository()
        let hook = repo.remote.appendingPathComponent("hooks/pre-receive")
        try Self.installHook(hook, "echo 'pushes are frozen for the release' >&2\nexit 1")
        try repo.write("feature.txt", "new\n")
        let remoteBefore = repo.remoteHead

        let first = await repo.complete()
        #expect(repo.headSubject.hasPrefix("Session: "))
        #expect(repo.remoteHead == remoteBefore)
        #expect(first.gitOutcome?.name == "degraded")
        #expect(
            first.finalSummary.contains(
                "**Push pending**: rejected by the remote (server hook: pushes are frozen for the release); run `git push`"
            )
        )
        let pendingFile = repo.project.toolStateFolder.appendingPathComponent("pending-push.json")
        let (records, _) = PendingPushStore(project: repo.project).load()
        #expect(records.map(\.commit) == [repo.head])
        #expect(repo.statusLines.isEmpty, "a completed run leaves the tree clean: \(repo.statusLines)")

        // Next run, nothing new to commit: the pending push is offered and, accepted, lands.
        try FileManager.default.removeItem(at: hook)
        let responder = GitScriptedResponder([.push: true])
        let second = await repo.complete(responder: responder)
        #expect(responder.questions.contains { $0.kind == .push && $0.prompt.contains("is not on the remote") })
        #expect(second.questions.count == responder.questions.count)
        #expect(repo.remoteHead == repo.head)
        #expect(!FileManager.default.fileExists(atPath: pendingFile.path))
        #expect(!second.finalSummary.contains("Push pending"))
    }

    @Test("declining the offered pending push keeps it pending; --no-push records it too")
    func declinedPending() async throws {
        let repo = try GitTestRepository()
        try repo.write("a.txt", "a\n")
        let first = await repo.complete(push: .never)
        #expect(first.finalSummary.contains("**Push pending**: not pushed (--no-push); run `git push`"))
        let responder = GitScriptedResponder([.push: false])
        let second = await repo.complete(responder: responder)
        #expect(responder.questions.count == 1)
        #expect(repo.remoteHead != repo.head)
        #expect(second.finalSummary.contains("Push pending"))
        #expect(PendingPushStore(project: repo.project).load().records.count == 1)
    }

    @Test("no upstream: commit kept, push pending with the command that sets it")
    func noUpstream() async throws {
        let repo = try GitTestRepository()
        try repo.git(["checkout", "--quiet", "-b", "feature/login"])
        try repo.write("login.txt", "x\n")
        let run = await repo.complete()
        #expect(repo.headSubject.hasPrefix("Session: "))
        #expect(
            run.finalSummary.contains("branch feature/login has no upstream; run `git push -u origin feature/login`")
        )
    }

    @Test("a non-fast-forward rejection says to pull first")
    func nonFastForward() async throws {
        let repo = try GitTestRepository()
        let clone = repo.folder.url.appendingPathComponent("clone")
        try repo.git(["clone", "--quiet", repo.remote.path, clone.path], in: repo.folder.url)
        try repo.git(
            [
                "-c", "user.name=O", "-c", "user.email=o@example.com", "commit", "--quiet", "--allow-empty", "-m",
                "someone else",
            ],
            in: clone
        )
        try repo.git(["push", "--quiet"], in: clone)
        try repo.write("mine.txt", "x\n")
        let run = await repo.complete()
        #expect(run.finalSummary.contains("non-fast-forward"))
        #expect(run.finalSummary.contains("git pull --rebase && git push"))
    }

    @Test("auto_push off: asked, safe default no; answered yes, pushed")
    func autoPushOff() async throws {
        let repo = try GitTestRepository()
        try repo.write("a.txt", "a\n")
        let declined = await repo.complete(repo.configuration { $0.autoPush = false })
        #expect(declined.questions.first?.kind == .push && declined.questions.first?.safeDefault == false)
        #expect(repo.remoteHead != repo.head)
        try repo.write("b.txt", "b\n")
        let accepted = await repo.complete(
            repo.configuration { $0.autoPush = false },
            responder: GitScriptedResponder([.push: true])
        )
        #expect(accepted.gitOutcome == .done)
        #expect(repo.remoteHead == repo.head)
    }

    @Test(
        "a failing pre-commit hook: reported with its output, nothing committed, the index exactly as the user left it"
    )
    func failingPreCommitHook() async throws {
        let repo = try GitTestRepository()
        try repo.write("staged.txt", "one\n")
        try repo.write("partial.txt", "v1\n")
        try repo.git(["add", "partial.txt"])
        try repo.git(["commit", "--quiet", "-m", "partial"])
        try repo.write("partial.txt", "v2 staged\n")
        try repo.git(["add", "staged.txt", "partial.txt"])
        try repo.write("partial.txt", "v3 not staged\n")
        try repo.write("untracked.txt", "u\n")
        try Self.installHook(
            repo.url(".git/hooks/pre-commit"),
            "echo 'lint: trailing whitespace in partial.txt' >&2\nexit 1"
        )
        let indexBefore = repo.read(".git/index")
        let cachedBefore = try repo.git(["diff", "--cached"])
        let head = repo.head

        let run = await repo.complete()

        #expect(repo.head == head)
        #expect(run.gitOutcome?.name == "failed")
        #expect(run.warnings.contains { $0.contains("lint: trailing whitespace in partial.txt") })
        #expect(try repo.git(["diff", "--cached"]) == cachedBefore)
        #expect(repo.read(".git/index") == indexBefore)
        #expect(repo.read("partial.txt") == Data("v3 not staged\n".utf8))
    }

    @Test("a held-back file the user had staged stays out of the session commit and is unstaged")
    func stagedSecretStaysOut() async throws {
        let repo = try GitTestRepository()
        try repo.write(".env", "TOKEN=abc\n")
        try repo.git(["add", ".env"])
        try repo.write("app.txt", "x\n")
        let run = await repo.complete()
        #expect(run.gitOutcome == .done)
        #expect(!repo.committedPaths.contains(".env"))
        #expect(repo.committedPaths.contains("app.txt"))
        #expect(repo.statusLines == ["?? .env"], "the next plain `git commit` must not commit it")
        #expect(repo.read(".env") == Data("TOKEN=abc\n".utf8))
        #expect(run.warnings.contains { $0.hasPrefix("unstaged .env") }, "\(run.warnings)")
    }

    @Test("a dry run commits nothing, pushes nothing and asks nothing, even with a pending push")
    func dryRun() async throws {
        let repo = try GitTestRepository()
        try repo.write("a.txt", "a\n")
        _ = await repo.complete(push: .never)
        let head = repo.head
        let pending = try Data(contentsOf: PendingPushStore(project: repo.project).file)
        try repo.write("b.txt", "b\n")
        var options = RunOptions()
        options.dryRun = true
        let resolved = ResolvedConfiguration(
            configuration: repo.configuration(),
            warnings: [],
            emergencyStop: false,
            offerSuppressedBy: nil
        )
        let responder = GitScriptedResponder([.push: true])
        var events: [CompletionEvent] = []
        for await event in SessionCompletion.run(
            CompletionPlan(project: repo.project, resolved: resolved, options: options, environment: repo.environment),
            responder: responder
        ) {
            events.append(event)
        }
        let run = GitTestRepository.Run(events: events)
        #expect(run.gitOutcome == .skipped("dry run: nothing committed"))
        #expect(responder.questions.isEmpty)
        #expect(repo.head == head && repo.remoteHead != head)
        #expect(try Data(contentsOf: PendingPushStore(project: repo.project).file) == pending)
        #expect(run.gitProgress.contains { $0.hasPrefix("would stage") })
    }

    @Test("signing is honoured, never bypassed: a signing program that fails means no commit and the index as it was")
    func signingHonoured() async throws {
        let repo = try GitTestRepository()
        try repo.git(["config", "commit.gpgsign", "true"])
        try repo.git(["config", "gpg.program", "/bin/false"])
        try repo.write("a.txt", "a\n")
        let head = repo.head
        let index = repo.read(".git/index")
        let run = await repo.complete()
        #expect(run.gitOutcome?.name == "failed")
        #expect(repo.head == head)
        #expect(repo.read(".git/index") == index)
        #expect(run.warnings.contains { $0.contains("signing") || $0.contains("gpg") })
    }

    @Test("a project never initialised: the tool's paths go to .git/info/exclude and the run leaves a clean tree")
    func uninitialisedProjectEndsClean() async throws {
        let repo = try GitTestRepository(initialise: false)
        try repo.write("a.txt", "a\n")
        let run = await repo.complete()
        #expect(run.gitOutcome == .done)
        #expect(run.gitProgress.contains { $0.hasPrefix("added") && $0.hasSuffix("tool path(s) to .git/info/exclude") })
        let exclude = String(decoding: repo.read(".git/info/exclude") ?? Data(), as: UTF8.self)
        #expect(exclude.contains("/.claude/context/.checkpoint.md"))
        #expect(repo.statusLines.isEmpty, "\(repo.statusLines)")
        #expect(FileManager.default.fileExists(atPath: repo.url(".claude/context/.checkpoint.md").path))
    }

    @Test("a pending push of another branch is kept and named in the summary, never pushed from the current branch")
    func pendingOnOtherBranch() async throws {
        let repo = try GitTestRepository()
        try repo.write("a.txt", "a\n")
        _ = await repo.complete(push: .never)
        let pendingCommit = repo.head
        try repo.git(["checkout", "--quiet", "-b", "feature"])
        let responder = GitScriptedResponder([.push: true])
        let run = await repo.complete(responder: responder)
        #expect(responder.questions.isEmpty)
        #expect(repo.remoteHead != pendingCommit)
        let records = PendingPushStore(project: repo.project).load().records
        #expect(records.contains { $0.commit == pendingCommit && $0.branch == "main" })
        #expect(records.contains { $0.branch == "feature" && $0.reason == "branch feature has no upstream" })
        #expect(
            run.finalSummary.contains(
                "commit \(pendingCommit.prefix(8)) on main from an earlier run is still not pushed"
            )
        )
        #expect(run.gitProgress.contains { $0.contains("not offered while feature is checked out") })
    }
}
