import Foundation
import Testing

@testable import Completion

/// Step 5's staging starts from gathering's `git status`, before the run knows whether step 5 will stage; on real
/// repositories: what the steps' setup claims is handed over once, and what nobody claims leaves no copy of the
/// index behind and the user's index as it was.
@Suite("Staging started from gathering")
struct GatheredStagingTests {
    private func holder(_ repo: GitTestRepository) -> GatheredStaging {
        GatheredStaging(root: repo.root, settings: GitSettings(), environment: repo.environment)
    }

    private func entries(_ repo: GitTestRepository) throws -> [StatusEntry] {
        try GitRepository(root: repo.root, environment: repo.environment).status()
    }

    private func earlyCopyExists(_ repo: GitTestRepository) -> Bool {
        FileManager.default.fileExists(atPath: repo.root.appendingPathComponent(".git/\(EarlyStaging.copyName)").path)
    }

    @Test("claimed once: the staging goes to the claimer, a second gather starts nothing new")
    func claimedOnce() throws {
        let repo = try GitTestRepository()
        try repo.write("src/a.swift", "let a = 1\n")
        let gathered = holder(repo)
        gathered.start(from: try entries(repo))
        try repo.write("src/b.swift", "let b = 2\n")
        gathered.start(from: try entries(repo))
        let staging = try #require(gathered.claim())
        #expect(gathered.claim() == nil)
        #expect(staging.adopt(for: try entries(repo)))
        #expect(try repo.git(["diff", "--cached", "--name-only"]) == "src/a.swift")
    }

    @Test("not claimed: the copy is removed and the index untouched")
    func unclaimedIsDiscarded() throws {
        let repo = try GitTestRepository()
        try repo.write("src/a.swift", "let a = 1\n")
        let indexBefore = try #require(repo.read(".git/index"))
        let gathered = holder(repo)
        gathered.start(from: try entries(repo))
        #expect(earlyCopyExists(repo))
        gathered.discardUnclaimed()
        #expect(!earlyCopyExists(repo))
        #expect(repo.read(".git/index") == indexBefore)
    }

    @Test("a dry run starts no staging: nothing is written under .git")
    func dryRunWritesNothing() async throws {
        let repo = try GitTestRepository()
        try repo.write("src/a.swift", "let a = 1\n")
        let indexBefore = try #require(repo.read(".git/index"))
        let run = await repo.complete(options: { $0.dryRun = true })
        #expect(run.gitOutcome?.kind == .skipped, "\(String(describing: run.gitOutcome))")
        #expect(!earlyCopyExists(repo))
        #expect(repo.read(".git/index") == indexBefore)
    }

    @Test("a finished session with nothing new to commit: no copy of the index is left behind")
    func nothingNewLeavesNoCopy() async throws {
        let repo = try GitTestRepository()
        try repo.write("src/a.swift", "let a = 1\n")
        #expect(await repo.complete().gitOutcome == .done)
        // A file the guard holds back keeps the status non-empty, so gathering has something to stage from.
        try repo.write("src/key.swift", "let token = \"ghp_\(GitSecretFixtures.body36)\"\n")
        _ = await repo.complete()
        #expect(!earlyCopyExists(repo))
        #expect(try repo.git(["status", "--porcelain"]) == "?? src/key.swift")
        #expect(try repo.git(["diff", "--cached", "--name-only"], allowFailure: true).isEmpty)
    }
}
