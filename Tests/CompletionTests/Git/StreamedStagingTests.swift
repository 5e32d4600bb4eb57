import Foundation
import Testing

@testable import Completion

/// The guard hands git the files it clears a batch at a time, so hashing starts while later files are still being
/// read. On real files and real repositories: git hears exactly what the guard stages, never a held-back file, and a
/// git that fails part way leaves the user's index as it was.
@Suite("Staging streamed to git while the guard reads")
struct StreamedStagingTests {
    static func entry(_ path: String, _ x: Character = "?", _ y: Character = "?") -> StatusEntry {
        StatusEntry(index: x, worktree: y, rawPath: Array(path.utf8), rawOriginalPath: nil)
    }

    static let token = "let token = \"ghp_\(GitSecretFixtures.body36)\"\n"

    /// More files than three batches, a token in one file of each of several batches.
    static let fileCount = StagingGuard.clearingBatch * 3 + 7
    static func name(_ n: Int) -> String { "src/f\(String(format: "%04d", n)).swift" }
    static let secretFiles: Set<Int> = [3, StagingGuard.clearingBatch + 1, StagingGuard.clearingBatch * 3 + 2]

    static func writeFiles(into root: URL) throws {
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("src"),
            withIntermediateDirectories: true
        )
        for n in 0..<fileCount {
            let text = secretFiles.contains(n) ? token : "let value\(n) = \(n)\n"
            try Data(text.utf8).write(to: root.appendingPathComponent(name(n)))
        }
    }

    @Test("git hears each file to stage once, in batches while later files are unread, and never a held-back one")
    func clearingHearsExactlyTheStagedFiles() throws {
        let folder = try GitTestFolder()
        try Self.writeFiles(into: folder.url)
        let last = Self.name(Self.fileCount - 1)
        let entries =
            (0..<Self.fileCount).map { Self.entry(Self.name($0)) } + [
                Self.entry("old.swift", " ", "D"), Self.entry(".env"), Self.entry(".claude/state/temp/x"),
            ]
        var heard: [[String]] = []
        let decision = StagingGuard(root: folder.url).decide(entries) { cleared in
            // The last file is read in the last batch: a token written into it now must still be found.
            if heard.isEmpty { try? Data(Self.token.utf8).write(to: folder.url.appendingPathComponent(last)) }
            heard.append(cleared.map(\.path))
        }
        let all = heard.flatMap { $0 }
        #expect(heard.count >= 4, "the deletion at once, then a batch of read files at a time: \(heard.count)")
        #expect(heard.first == ["old.swift"])
        #expect(all.count == Set(all).count, "a file heard twice")
        #expect(Set(all) == Set(decision.stage.map(\.path)))
        let held = Set(decision.heldBack.map(\.path))
        #expect(held == Set(Self.secretFiles.map(Self.name) + [".env", last]))
        #expect(held.isDisjoint(with: all))
    }

    private func earlyStart(_ repo: GitTestRepository, _ entries: [StatusEntry]) throws -> EarlyStaging {
        try #require(
            EarlyStaging.start(
                root: repo.root,
                settings: GitSettings(),
                entries: entries,
                environment: repo.environment
            )
        )
    }

    private func stagedInCopy(_ repo: GitTestRepository) throws -> Set<String> {
        var environment = repo.environment
        environment["GIT_INDEX_FILE"] = repo.root.appendingPathComponent(".git/\(EarlyStaging.copyName)").path
        let result = try ProcessRunner.run(
            ["git", "ls-files", "--cached"],
            in: repo.root,
            environment: environment,
            timeout: .seconds(60)
        )
        #expect(result.succeeded, "\(result.errorOutput)")
        return Set(result.output.split(separator: "\n").map(String.init))
    }

    @Test("the early copy holds every file the guard clears across batches, none it holds back, and is adopted")
    func earlyCopyHoldsTheClearedFiles() throws {
        let repo = try GitTestRepository()
        try Self.writeFiles(into: repo.root)
        let entries = try GitRepository(root: repo.root, environment: repo.environment).status()
        let early = try earlyStart(repo, entries)
        early.join()
        let staged = try stagedInCopy(repo)
        let clean = (0..<Self.fileCount).filter { !Self.secretFiles.contains($0) }.map(Self.name)
        #expect(staged.isSuperset(of: clean))
        #expect(staged.isDisjoint(with: Self.secretFiles.map(Self.name)))
        let final = StagingGuard(settings: GitSettings(), root: repo.root).decide(entries).stage
        #expect(early.adopt(for: final))
        #expect(try repo.git(["show", ":\(Self.name(0))"]) == "let value0 = 0")
        #expect(try repo.git(["ls-files", "--", Self.name(3)]).isEmpty)
    }

    @Test("git failing part way through the stream: the copy is dropped and the user's index is untouched")
    func failingGitDropsTheCopy() throws {
        let repo = try GitTestRepository()
        try Self.writeFiles(into: repo.root)
        let indexBefore = try #require(repo.read(".git/index"))
        // git dies on a path beyond a symbolic link (`git status` never lists one; it stands in for any failure)
        // and stops reading its input: the batches after it find the pipe closed.
        try FileManager.default.createSymbolicLink(
            at: repo.root.appendingPathComponent("link"),
            withDestinationURL: repo.root.appendingPathComponent("src")
        )
        let entries =
            [Self.entry("link/\(Self.name(0).dropFirst(4))")] + (0..<Self.fileCount).map { Self.entry(Self.name($0)) }
        let early = try earlyStart(repo, entries)
        early.join()
        let adopted = early.adopt(for: entries)
        #expect(!adopted)
        #expect(repo.read(".git/index") == indexBefore)
        #expect(
            !FileManager.default.fileExists(
                atPath: repo.root.appendingPathComponent(".git/\(EarlyStaging.copyName)").path
            )
        )
    }
}
