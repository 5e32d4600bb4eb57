import Foundation
import Testing

@testable import Completion

/// Step 5 never tramples work in progress: each half-done git operation, a held index.lock and unmerged paths
/// are detected and nothing is committed; a detached HEAD is committed but not pushed.
@Suite("Git repository states, end to end")
struct GitRepositoryStateTests {
    /// A repository whose `main` and `other` branches changed `shared.txt` differently.
    static func conflictingBranches() throws -> GitTestRepository {
        let repo = try GitTestRepository()
        try repo.write("shared.txt", "base\n")
        try repo.git(["add", "shared.txt"])
        try repo.git(["commit", "--quiet", "-m", "base"])
        try repo.git(["checkout", "--quiet", "-b", "other"])
        try repo.write("shared.txt", "other\n")
        try repo.git(["commit", "--quiet", "-am", "other side"])
        try repo.git(["checkout", "--quiet", "main"])
        try repo.write("shared.txt", "main\n")
        try repo.git(["commit", "--quiet", "-am", "main side"])
        return repo
    }

    static let states: [(name: String, start: [[String]], finish: String)] = [
        ("merge", [["merge", "other"]], "git merge --abort"),
        ("rebase", [["rebase", "other"]], "git rebase --continue"),
        ("cherry-pick", [["cherry-pick", "other"]], "git cherry-pick --abort"),
        ("revert", [["revert", "--no-edit", "HEAD~1"]], "git revert --abort"),
        ("bisect", [["bisect", "start"], ["bisect", "bad"]], "git bisect reset"),
    ]

    @Test(
        "an operation in progress: nothing committed, and the warning says how to finish it",
        arguments: states.indices
    )
    func operationInProgress(_ index: Int) async throws {
        let state = Self.states[index]
        let repo = try Self.conflictingBranches()
        if state.name == "revert" {
            // Reverting "base" conflicts with "main side", which changed the same line afterwards.
            try repo.git(["revert", "--no-edit", "HEAD~1"], allowFailure: true)
        } else {
            for step in state.start { try repo.git(step, allowFailure: true) }
        }
        try repo.write("notes.txt", "work done during the session\n")
        let before = repo.head
        let run = await repo.complete()
        #expect(repo.head == before, "\(state.name): HEAD moved")
        #expect(run.gitOutcome?.name == "skipped", "\(state.name): \(String(describing: run.gitOutcome))")
        #expect(run.gitOutcome?.reason?.contains(state.name == "cherry-pick" ? "cherry-pick" : state.name) == true)
        #expect(run.warnings.contains { $0.contains(state.finish) }, "\(state.name): \(run.warnings)")
        #expect(repo.statusLines.contains("?? notes.txt"), "the session's work stays in the working tree")
    }

    @Test("unmerged paths without an operation (a conflicting stash pop): nothing committed")
    func unmergedPaths() async throws {
        let repo = try GitTestRepository()
        try repo.write("a.txt", "one\n")
        try repo.git(["add", "a.txt"]); try repo.git(["commit", "--quiet", "-m", "a"])
        try repo.write("a.txt", "stashed\n")
        try repo.git(["stash", "--quiet"])
        try repo.write("a.txt", "committed\n")
        try repo.git(["commit", "--quiet", "-am", "change a"])
        try repo.git(["stash", "pop"], allowFailure: true)
        let before = repo.head
        let run = await repo.complete()
        #expect(repo.head == before)
        #expect(run.gitOutcome == .skipped("unmerged paths: nothing committed"))
        #expect(run.warnings.contains { $0.contains("unmerged paths (a.txt)") })
    }

    @Test("a held index.lock is waited on with a countdown, then reported; nothing is committed")
    func heldLock() async throws {
        let repo = try GitTestRepository()
        try repo.write("work.txt", "x\n")
        let lock = repo.url(".git/index.lock")
        try Data().write(to: lock)
        let before = repo.head
        let run = await repo.complete(repo.configuration { $0.git.lockWaitSeconds = 2 })
        #expect(repo.head == before)
        #expect(run.gitOutcome == .degraded("not committed: index.lock held by another git process"))
        #expect(
            run.gitProgress.contains { $0.contains("waiting 2 s") }
                && run.gitProgress.contains { $0.contains("waiting 1 s") }
        )
        #expect(run.warnings.contains { $0.contains("rm \(lock.path)") })
        #expect(FileManager.default.fileExists(atPath: lock.path), "another process's lock is never removed")
    }

    @Test("an index.lock released during the wait: the commit goes ahead")
    func releasedLock() async throws {
        let repo = try GitTestRepository()
        try repo.write("work.txt", "x\n")
        let lock = repo.url(".git/index.lock")
        try Data().write(to: lock)
        let remover = Task {
            try await Task.sleep(for: .milliseconds(600))
            try FileManager.default.removeItem(at: lock)
        }
        let run = await repo.complete(repo.configuration { $0.git.lockWaitSeconds = 10 })
        try await remover.value
        #expect(run.gitOutcome == .done)
        #expect(run.gitProgress.contains("index.lock released"))
        #expect(repo.committedPaths.contains("work.txt"))
    }

    @Test("a detached HEAD is committed but not pushed, and the summary says so")
    func detachedHead() async throws {
        let repo = try GitTestRepository()
        try repo.git(["checkout", "--quiet", "--detach"])
        try repo.write("work.txt", "x\n")
        let remoteBefore = repo.remoteHead
        let run = await repo.complete()
        #expect(repo.headSubject.hasPrefix("Session: "))
        #expect(repo.remoteHead == remoteBefore)
        #expect(run.gitOutcome == .degraded("committed on a detached HEAD; not pushed"))
        #expect(run.finalSummary.contains("**Push pending**: detached HEAD"))
    }

    @Test("not a repository: step 5 is skipped with a warning and the rest of the flow runs")
    func notARepository() async throws {
        let folder = try GitTestFolder()
        let project = Project(root: folder.url.appendingPathComponent("plain"))
        _ = try ProjectInitializer(project: project).run()
        var c = Configuration(); c.memoryPersistence = false; c.archiveConversation = false; c.stopWatcher = false
        let plan = CompletionPlan(
            project: project,
            resolved: ResolvedConfiguration(
                configuration: c,
                warnings: [],
                emergencyStop: false,
                offerSuppressedBy: nil
            ),
            options: RunOptions()
        )
        var outcomes: [StepID: Outcome] = [:]
        for await event in SessionCompletion.run(plan) {
            if case .stepFinished(let step, let outcome, _) = event { outcomes[step] = outcome }
        }
        #expect(outcomes[.git] == .skipped("not a git repository"))
        #expect(outcomes[.handoff] == .done)
    }
}
