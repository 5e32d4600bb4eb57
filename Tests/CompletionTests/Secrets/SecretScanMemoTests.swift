import Foundation
import Testing

@testable import Completion

/// Step 5's guard reuses the early staging's verdicts on files nobody changed since; on real files: a file written
/// after its first reading is read again (a secret that arrived meanwhile is held back), a file held back stays
/// held back, and a file changed moments before its reading is never taken on trust.
@Suite("Secret scan memo")
struct SecretScanMemoTests {
    private let token = "let token = \"ghp_\(GitSecretFixtures.body36)\"\n"

    private func entries(_ repo: GitTestRepository) throws -> [StatusEntry] {
        try GitRepository(root: repo.root, environment: repo.environment).status()
    }

    private func decide(_ repo: GitTestRepository, _ memo: SecretScanMemo) throws -> StagingGuard.Decision {
        try StagingGuard(settings: GitSettings(), root: repo.root, memo: memo).decide(entries(repo))
    }

    private func path(_ repo: GitTestRepository, _ relative: String) -> [UInt8] {
        Array(repo.url(relative).path.utf8)
    }

    private func identity(_ repo: GitTestRepository, _ relative: String) throws -> SecretScanMemo.Identity {
        try #require(StagingGuard.lstat(path(repo, relative))).identity
    }

    @Test("a secret written into a file after the first decision is caught by the second")
    func fileChangedSinceIsReadAgain() throws {
        let repo = try GitTestRepository()
        try repo.write("src/a.swift", "let a = 1\n")
        try repo.write("src/b.swift", "let b = 2\n")
        let memo = SecretScanMemo(settledSeconds: 0)
        #expect(try decide(repo, memo).stage.map(\.path) == ["src/a.swift", "src/b.swift"])
        #expect(memo.verdict(for: path(repo, "src/a.swift"), identity: try identity(repo, "src/a.swift")) != nil)

        try repo.write("src/a.swift", token)
        let second = try decide(repo, memo)
        #expect(second.stage.map(\.path) == ["src/b.swift"])
        #expect(second.heldBack.map(\.path) == ["src/a.swift"])
        #expect(second.heldBack.first?.reason.contains("GitHub token") == true, "\(second.heldBack)")
    }

    @Test("a file held back for a secret stays held back when its verdict is reused")
    func heldBackVerdictIsReused() throws {
        let repo = try GitTestRepository()
        try repo.write("src/key.swift", token)
        let memo = SecretScanMemo(settledSeconds: 0)
        let first = try decide(repo, memo)
        let second = try decide(repo, memo)
        #expect(first.heldBack.map(\.path) == ["src/key.swift"])
        #expect(second == first)
    }

    @Test("a file changed within two seconds of its reading is not remembered")
    func freshFilesAreNotTakenOnTrust() throws {
        let repo = try GitTestRepository()
        try repo.write("src/fresh.swift", "let fresh = 1\n")
        let memo = SecretScanMemo()
        #expect(try decide(repo, memo).stage.map(\.path) == ["src/fresh.swift"])
        #expect(
            memo.verdict(for: path(repo, "src/fresh.swift"), identity: try identity(repo, "src/fresh.swift")) == nil
        )
    }

    @Test("a file that could not be read is tried again")
    func unreadableIsNotRemembered() throws {
        let repo = try GitTestRepository()
        try repo.write("src/locked.swift", "let locked = 1\n")
        let memo = SecretScanMemo(settledSeconds: 0)
        let file = path(repo, "src/locked.swift")
        memo.remember(
            SecretScanner.FileCheck(result: .unreadable("Permission denied"), warning: nil),
            for: file,
            identity: try identity(repo, "src/locked.swift"),
            readStart: time(nil)
        )
        #expect(memo.verdict(for: file, identity: try identity(repo, "src/locked.swift")) == nil)
        #expect(try decide(repo, memo).stage.map(\.path) == ["src/locked.swift"])
    }
}
