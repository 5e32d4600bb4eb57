import Foundation
import Testing

@testable import Completion

/// Step 5's files are hashed into a copy of the index while steps 1–4 run; on real repositories: the copy stands in
/// for the index only when it cannot differ from what step 5 stages itself, and the user's index is never touched
/// otherwise.
@Suite("Early staging")
struct EarlyStagingTests {
    private func start(_ repo: GitTestRepository) throws -> EarlyStaging {
        let entries = try GitRepository(root: repo.root, environment: repo.environment).status()
        return try #require(
            EarlyStaging.start(
                root: repo.root,
                settings: GitSettings(),
                entries: entries,
                environment: repo.environment
            )
        )
    }

    private func stage(_ repo: GitTestRepository, _ paths: [String]) throws {
        try repo.git(
            ["update-index", "--add", "--remove", "-z", "--stdin"],
            input: Data(paths.flatMap { Array($0.utf8) + [0] })
        )
    }

    private func earlyCopyExists(_ repo: GitTestRepository) -> Bool {
        FileManager.default.fileExists(atPath: repo.root.appendingPathComponent(".git/\(EarlyStaging.copyName)").path)
    }

    private func entries(_ repo: GitTestRepository) throws -> [StatusEntry] {
        try GitRepository(root: repo.root, environment: repo.environment).status()
    }

    @Test("a whole run: files edited by the steps after the early hashing are committed as the steps left them")
    func wholeRunCommitsTheFilesAsStep5SeesThem() async throws {
        let repo = try GitTestRepository()
        try repo.write("src/a.swift", "let a = 1\n")
        try repo.write("src/b.swift", "let b = 2\n")
        // A user's edit of a file that step 1 then rewrites: hashed early, changed before step 5.
        let state = try #require(repo.read(".claude/context/session-state.md"))
        try repo.write(
            ".claude/context/session-state.md",
            Data(String(decoding: state, as: UTF8.self).utf8) + Data("\nA line of mine.\n".utf8)
        )

        let run = await repo.complete()

        #expect(run.gitOutcome == .done)
        #expect(run.gitProgress.contains { $0.contains("hashed while the earlier steps ran") }, "\(run.gitProgress)")
        #expect(repo.statusLines.isEmpty, "\(repo.statusLines)")
        let committed = try repo.gitData(["show", "HEAD:.claude/context/session-state.md"])
        #expect(committed == repo.read(".claude/context/session-state.md"))
        #expect(String(decoding: committed, as: UTF8.self).contains("A line of mine."))
        #expect(String(decoding: committed, as: UTF8.self).contains("jarvis-tui:session-capture"))
        #expect(repo.committedPaths.isSuperset(of: ["src/a.swift", "src/b.swift"]))
        #expect(!earlyCopyExists(repo))
    }

    @Test("the files the guard holds back are known to the summary, and the copy is still adopted after")
    func heldBackFilesThenAdopt() throws {
        let repo = try GitTestRepository()
        try repo.write("src/a.swift", "let a = 1\n")
        try repo.write("src/key.swift", "let token = \"ghp_\(GitSecretFixtures.body36)\"\n")
        let early = try start(repo)
        #expect(early.heldBackFiles().map(\.path) == ["src/key.swift"])
        let final = StagingGuard(settings: GitSettings(), root: repo.root).decide(try entries(repo)).stage
        #expect(final.map(\.path) == ["src/a.swift"])
        #expect(early.adopt(for: final))
        #expect(try repo.git(["show", ":src/a.swift"]) == "let a = 1")
        #expect(!earlyCopyExists(repo))
    }

    @Test("adopted: a file edited after the early hashing is staged with its new content")
    func adoptedCopyIsRestagedWhereFilesChanged() throws {
        let repo = try GitTestRepository()
        try repo.write("src/a.swift", "let a = 1\n")
        try repo.write("src/b.swift", "let b = 2\n")
        let early = try start(repo)
        early.join()
        try repo.write("src/a.swift", "let a = 100 // edited during the run\n")
        let final = try entries(repo)
        #expect(early.adopt(for: final))
        #expect(!earlyCopyExists(repo))
        try stage(repo, final.map(\.path))
        #expect(try repo.git(["show", ":src/a.swift"]) == "let a = 100 // edited during the run")
        #expect(try repo.git(["show", ":src/b.swift"]) == "let b = 2")
    }

    @Test("not adopted when a file staged early is held back now: the user's index stays as it was")
    func notAdoptedWhenAFileIsHeldBackNow() throws {
        let repo = try GitTestRepository()
        try repo.write("src/a.swift", "let a = 1\n")
        try repo.write("src/b.swift", "let b = 2\n")
        let early = try start(repo)
        early.join()
        let indexBefore = try #require(repo.read(".git/index"))
        // b.swift now holds a token: the guard holds it back, so it is not in the final set.
        try repo.write("src/b.swift", "let token = \"ghp_\(GitSecretFixtures.body36)\"\n")
        let final = StagingGuard(settings: GitSettings(), root: repo.root).decide(try entries(repo)).stage
        #expect(final.map(\.path) == ["src/a.swift"])
        #expect(!early.adopt(for: final))
        #expect(repo.read(".git/index") == indexBefore)
        #expect(!earlyCopyExists(repo))
    }

    @Test("not adopted when the index changed after it was copied: the user's own staging is kept")
    func notAdoptedWhenTheIndexChanged() throws {
        let repo = try GitTestRepository()
        try repo.write("src/a.swift", "let a = 1\n")
        let early = try start(repo)
        try repo.write("notes.txt", "staged by the user meanwhile\n")
        try repo.git(["add", "notes.txt"])
        let indexAfterUser = try #require(repo.read(".git/index"))
        #expect(!early.adopt(for: try entries(repo)))
        #expect(repo.read(".git/index") == indexAfterUser)
        #expect(try repo.git(["diff", "--cached", "--name-only"]) == "notes.txt")
    }

    @Test("not adopted while another git holds index.lock; the lock is not removed")
    func notAdoptedWhileIndexLockIsHeld() throws {
        let repo = try GitTestRepository()
        try repo.write("src/a.swift", "let a = 1\n")
        let early = try start(repo)
        let lock = repo.root.appendingPathComponent(".git/index.lock")
        try Data().write(to: lock)
        #expect(!early.adopt(for: try entries(repo)))
        #expect(FileManager.default.fileExists(atPath: lock.path))
        #expect(try repo.git(["diff", "--cached", "--name-only"], allowFailure: true).isEmpty)
    }

    @Test("nothing starts early during a merge, with index.lock held, or with nothing to stage")
    func nothingStartsWhenInTheWay() throws {
        let repo = try GitTestRepository()
        #expect(
            EarlyStaging.start(
                root: repo.root,
                settings: GitSettings(),
                entries: try entries(repo),
                environment: repo.environment
            ) == nil
        )
        try repo.write("src/a.swift", "let a = 1\n")
        let lock = repo.root.appendingPathComponent(".git/index.lock")
        try Data().write(to: lock)
        #expect(
            EarlyStaging.start(
                root: repo.root,
                settings: GitSettings(),
                entries: try entries(repo),
                environment: repo.environment
            ) == nil
        )
        try FileManager.default.removeItem(at: lock)
        try Data("0123456789012345678901234567890123456789\n".utf8).write(
            to: repo.root.appendingPathComponent(".git/MERGE_HEAD")
        )
        #expect(
            EarlyStaging.start(
                root: repo.root,
                settings: GitSettings(),
                entries: try entries(repo),
                environment: repo.environment
            ) == nil
        )
        #expect(!earlyCopyExists(repo))
    }

    @Test("discarded: the copy is gone and the index untouched")
    func discardRemovesTheCopy() throws {
        let repo = try GitTestRepository()
        try repo.write("src/a.swift", "let a = 1\n")
        let indexBefore = try #require(repo.read(".git/index"))
        let early = try start(repo)
        early.discard()
        #expect(!earlyCopyExists(repo))
        #expect(repo.read(".git/index") == indexBefore)
        #expect(!early.adopt(for: try entries(repo)), "a discarded copy cannot be adopted")
    }
}
