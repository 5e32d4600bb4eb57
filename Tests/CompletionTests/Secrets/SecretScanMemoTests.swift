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

    private func identity(_ repo: GitTestRepository, _ relative: String) throws -> FileIdentity {
        try #require(StagingGuard.lstat(path(repo, relative))).identity
    }

    @Test("a secret written into a file after the first decision is caught by the second")
    func fileChangedSinceIsReadAgain() throws {
        let repo = try GitTestRepository()
        try repo.write("src/a.swift", "let a = 1\n")
        try repo.write("src/b.swift", "let b = 2\n")
        let memo = SecretScanMemo(fineSettle: .zero, coarseSettle: .zero)
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
        let memo = SecretScanMemo(fineSettle: .zero, coarseSettle: .zero)
        let first = try decide(repo, memo)
        let second = try decide(repo, memo)
        #expect(first.heldBack.map(\.path) == ["src/key.swift"])
        #expect(second == first)
    }

    @Test("a file changed moments before its reading is not remembered")
    func freshFilesAreNotTakenOnTrust() throws {
        let repo = try GitTestRepository()
        try repo.write("src/fresh.swift", "let fresh = 1\n")
        let memo = SecretScanMemo()
        let identity = try identity(repo, "src/fresh.swift")
        let file = path(repo, "src/fresh.swift")
        let clean = SecretScanner.FileCheck(result: .clean, warning: nil)
        // The read began in the same tick as the last change, then 50 ms after it: either way a write during the
        // read could have left the change time as it was.
        for delay in [0, 50_000_000] {
            memo.remember(clean, for: file, identity: identity, readStart: later(identity.changed, by: delay))
            #expect(memo.verdict(for: file, identity: identity) == nil, "remembered \(delay) ns after the change")
        }
        memo.remember(clean, for: file, identity: identity, readStart: later(identity.changed, by: 150_000_000))
        #expect(memo.verdict(for: file, identity: identity) == clean)
    }

    @Test("a file system with whole-second times waits two seconds before a verdict is kept")
    func coarseTimesWaitLonger() {
        var info = stat()
        info.st_ino = 7
        info.st_size = 12
        info.st_ctim = timespec(tv_sec: 1_000, tv_nsec: 0)
        info.st_mtim = timespec(tv_sec: 1_000, tv_nsec: 0)
        let coarse = FileIdentity(info)
        let memo = SecretScanMemo()
        #expect(!memo.settled(coarse, before: timespec.Pair(seconds: 1_001, nanoseconds: 900_000_000)))
        #expect(memo.settled(coarse, before: timespec.Pair(seconds: 1_002, nanoseconds: 0)))
        info.st_ctim.tv_nsec = 1
        info.st_mtim.tv_nsec = 1
        let fine = FileIdentity(info)
        #expect(!memo.settled(fine, before: timespec.Pair(seconds: 1_000, nanoseconds: 90_000_000)))
        #expect(memo.settled(fine, before: timespec.Pair(seconds: 1_000, nanoseconds: 100_000_001)))
    }

    private func later(_ time: timespec.Pair, by nanoseconds: Int) -> timespec.Pair {
        let total = time.totalNanoseconds + nanoseconds
        return timespec.Pair(seconds: total / 1_000_000_000, nanoseconds: total % 1_000_000_000)
    }

    @Test("a file that could not be read is tried again")
    func unreadableIsNotRemembered() throws {
        let repo = try GitTestRepository()
        try repo.write("src/locked.swift", "let locked = 1\n")
        let memo = SecretScanMemo(fineSettle: .zero, coarseSettle: .zero)
        let file = path(repo, "src/locked.swift")
        memo.remember(
            SecretScanner.FileCheck(result: .unreadable("Permission denied"), warning: nil),
            for: file,
            identity: try identity(repo, "src/locked.swift"),
            readStart: timespec.Pair.now()
        )
        #expect(memo.verdict(for: file, identity: try identity(repo, "src/locked.swift")) == nil)
        #expect(try decide(repo, memo).stage.map(\.path) == ["src/locked.swift"])
    }
}
