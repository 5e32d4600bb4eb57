import Foundation
import Testing

@testable import Completion

/// Step 5 believes git, not its own list: what git skipped or could not stage is named and left out, the commit
/// message describes the commit that was made, and the advice after it keeps the commit safe.
@Suite("Git reconciled with git")
struct GitReconciliationTests {
    /// The Files list of the commit message: the paths between "Files (N):" and the next blank line.
    static func messageFiles(_ message: String) -> (count: Int?, paths: [String]) {
        let lines = message.components(separatedBy: "\n")
        guard let header = lines.firstIndex(where: { $0.hasPrefix("Files (") }) else { return (nil, []) }
        let count = Int(lines[header].dropFirst("Files (".count).prefix { $0.isNumber })
        let items = lines[(header + 1)...].prefix { $0.hasPrefix("- ") }
        return (count, items.map { String($0.dropFirst(2).prefix { $0 != " " }) })
    }

    @Test("a path git skips and a path git cannot stage are named; the rest is committed and listed")
    func skippedAndRefusedPathsAreNamed() async throws {
        let repo = try GitTestRepository()
        try repo.git(["config", "filter.boom.clean", "false"])
        try repo.git(["config", "filter.boom.required", "true"])
        try repo.write(".gitattributes", "*.bad filter=boom\n")
        try repo.write("evil/.git./config", "[core]\n")
        try repo.write("data/blob.bad", "x\n")
        try repo.write("app.txt", "x\n")

        let run = await repo.complete()

        #expect(repo.headSubject.hasPrefix("Session: "), "\(run.warnings)")
        let committed = try repo.git(["show", "--name-only", "--format=", "HEAD"])
            .split(separator: "\n").map(String.init)
        #expect(committed.contains("app.txt") && committed.contains(".gitattributes"))
        #expect(!committed.contains("evil/.git./config") && !committed.contains("data/blob.bad"))
        #expect(
            run.warnings.contains { $0.contains("evil/.git./config") && $0.contains("Ignoring path") },
            "\(run.warnings)"
        )
        #expect(
            run.warnings.contains { $0.contains("data/blob.bad") && $0.contains("clean filter 'boom' failed") },
            "\(run.warnings)"
        )
        let message = try repo.git(["log", "-1", "--format=%B"])
        let listed = Self.messageFiles(message)
        #expect(listed.count == committed.count, "\(message)")
        #expect(Set(listed.paths) == Set(committed), "\(message)")
        #expect(repo.remoteHead == repo.head)
    }

    @Test("the subject counts the commit's files, not the files held back")
    func subjectCountsTheCommit() {
        var record = SessionRecord(sessionID: "s", endedAt: Date(), day: "2026-01-01", ordinal: 1, contextWindow: 1)
        record.filesModified = (0..<301).map { FileChange(path: "f\($0)", change: .modified) }
        let commitFiles = (0..<4).map { FileChange(path: "f\($0)", change: .modified) }
        let message = CommitMessage.build(record: record, summaryPath: nil, files: commitFiles)
        #expect(message.subject == "Session: 4 files changed")
        #expect(message.body.contains("Files (4):") && !message.body.contains("f4 "))
    }

    @Test("a detached HEAD: the advice creates a branch at the commit, and following it keeps the commit")
    func detachedHeadAdvice() async throws {
        let repo = try GitTestRepository()
        try repo.git(["checkout", "--quiet", "--detach"])
        try repo.write("a.txt", "a\n")
        let run = await repo.complete()
        let sha = repo.head
        #expect(run.gitOutcome?.name == "degraded")
        #expect(!run.finalSummary.contains("check out a branch"))
        let pending = run.warnings.first { $0.contains("detached HEAD") } ?? ""
        let command = try #require(pending.split(separator: "`").dropFirst().first.map(String.init), "\(pending)")
        #expect(command.hasPrefix("git branch ") && command.hasSuffix(String(sha.prefix(12))), "\(command)")
        try repo.git(Array(command.split(separator: " ").dropFirst().map(String.init)))
        try repo.git(["checkout", "--quiet", "main"])
        let holding = try repo.git(["branch", "--contains", sha])
        #expect(holding.contains("session-"), "the commit is on no branch after following the advice")
    }

    @Test("no remote: the advice says there is none and how to add one")
    func noRemoteAdvice() async throws {
        let repo = try GitTestRepository()
        try repo.git(["remote", "remove", "origin"])
        try repo.write("a.txt", "a\n")
        let run = await repo.complete()
        #expect(repo.headSubject.hasPrefix("Session: "))
        #expect(run.finalSummary.contains("there is no remote to push to"), "\(run.finalSummary)")
        #expect(
            run.warnings.contains { $0.contains("has no remote") && $0.contains("git remote add origin URL") },
            "\(run.warnings)"
        )
        #expect(!run.finalSummary.contains("has no upstream"))
    }
}
