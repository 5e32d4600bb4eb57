import Foundation
import Testing

@testable import Completion

@Suite("Rollback of the last completion")
struct RollbackTests {
    /// The files a completion rewrites or creates in a fresh project, with their bytes before the run (nil: absent).
    static func snapshot(_ repo: GitTestRepository) -> [String: Data?] {
        let paths = [
            ".claude/context/session-state.md", ".claude/context/current-priorities.md",
            ".claude/context/.checkpoint.md",
            ".claude/reports/sessions/session-\(SessionGatherer.dayStamp(Date())).md", "work.txt", ".gitignore",
        ]
        return Dictionary(uniqueKeysWithValues: paths.map { ($0, repo.read($0)) })
    }

    @Test("an unpushed session commit is reset and every rewritten file is restored byte for byte")
    func restoresHeadAndFiles() async throws {
        let repo = try GitTestRepository()
        try repo.write(
            ".claude/context/session-state.md",
            "# Session State\n\n**Current Work**: rollback test\nmy own line ✓\n"
        )
        try repo.git(["commit", "--quiet", "-am", "state"])
        try repo.write("work.txt", "the session's work\n")
        try repo.write("partial.txt", "staged version\n")
        try repo.git(["add", "partial.txt"])
        try repo.write("partial.txt", "working version\n")
        let head = repo.head
        let before = Self.snapshot(repo)
        let stagedBefore = try repo.git(["diff", "--cached"])

        let run = await repo.complete(push: .never)
        #expect(repo.head != head && repo.headSubject.hasPrefix("Session: "))
        let manifest = try RunManifestStore(project: repo.project).load()
        #expect(manifest.commits.map(\.commit) == [repo.head] && manifest.commits.first?.pushed == false)
        #expect(run.gitOutcome == .done)

        let report = try Rollback(project: repo.project, environment: repo.environment).run()
        #expect(report.refused.isEmpty, "\(report.refused)")
        #expect(repo.head == head)
        for (path, bytes) in before { #expect(repo.read(path) == bytes, "\(path) differs after rollback") }
        #expect(report.done.contains { $0.hasPrefix("reset main") })
        #expect(report.done.contains { $0.hasPrefix("deleted .claude/context/.checkpoint.md") })
        #expect(report.done.contains { $0.hasPrefix("restored .claude/context/session-state.md") })
        #expect(
            repo.statusLines == ["AM partial.txt", "?? work.txt"],
            "the session's own work is uncommitted again: \(repo.statusLines)"
        )
        #expect(try repo.git(["diff", "--cached"]) == stagedBefore, "the user's own staging is back")
        #expect(repo.read("partial.txt") == Data("working version\n".utf8))
        #expect(report.done.contains { $0.contains("the index as it was before the run") })
        #expect(PendingPushStore(project: repo.project).load().records.isEmpty)

        let again = try Rollback(project: repo.project, environment: repo.environment).run()
        #expect(again.refused.isEmpty)
        #expect(
            again.done.first?.hasPrefix("nothing to undo") == true
                && again.done.first?.contains("already rolled back") == true
        )
        #expect(repo.head == head)
    }

    @Test("a pushed commit is refused with the git revert command: nothing changes; with partial the rest is undone")
    func refusesPushedCommit() async throws {
        let repo = try GitTestRepository()
        try repo.write("work.txt", "x\n")
        _ = await repo.complete()
        let pushed = repo.head
        #expect(repo.remoteHead == pushed)
        let stateBefore = repo.read(".claude/context/session-state.md")
        let checkpoint = repo.read(".claude/context/.checkpoint.md")
        #expect(checkpoint != nil)

        let refused = try Rollback(project: repo.project, environment: repo.environment).run()
        #expect(refused.done.isEmpty)
        #expect(refused.refused.last?.hasPrefix("nothing was changed") == true)
        #expect(repo.read(".claude/context/.checkpoint.md") == checkpoint)
        #expect(try RunManifestStore(project: repo.project).load().rolledBackAt == nil)

        let report = try Rollback(project: repo.project, environment: repo.environment).run(partial: true)
        #expect(repo.head == pushed)
        #expect(report.refused.contains { $0.contains("revert \(pushed)") && $0.contains("origin/main") })
        #expect(report.refused.contains { $0.hasPrefix(".claude/context/session-state.md: part of a commit") })
        #expect(repo.read(".claude/context/session-state.md") == stateBefore)
        #expect(report.done.contains { $0.hasPrefix("deleted .claude/context/.checkpoint.md") })
        #expect(repo.statusLines.isEmpty)
    }

    @Test("a commit made after the run, or a file edited since, is never undone")
    func laterWorkIsKept() async throws {
        let repo = try GitTestRepository()
        try repo.write("work.txt", "x\n")
        _ = await repo.complete(push: .never)
        try repo.write(".claude/context/.checkpoint.md", "edited by the user\n")
        try repo.write("later.txt", "later\n")
        try repo.git(["add", "later.txt"]); try repo.git(["commit", "--quiet", "-m", "later work"])
        let head = repo.head
        let report = try Rollback(project: repo.project, environment: repo.environment).run()
        #expect(repo.head == head)
        #expect(report.refused.contains { $0.contains("no longer the session commit") && $0.contains("revert") })
        #expect(
            report.refused.contains { $0 == ".claude/context/.checkpoint.md: changed since the run; left as it is" }
        )
        #expect(repo.read(".claude/context/.checkpoint.md") == Data("edited by the user\n".utf8))
    }

    @Test("a git add made after the run stays staged; the run's own staging is undone")
    func laterStagingIsKept() async throws {
        let repo = try GitTestRepository()
        try repo.write("work.txt", "the session's work\n")
        _ = await repo.complete(push: .never)
        let session = repo.head
        try repo.write("later.txt", "staged after the run\n")
        try repo.write("work.txt", "edited and staged after the run\n")
        try repo.git(["add", "later.txt", "work.txt"])

        let report = try Rollback(project: repo.project, environment: repo.environment).run()
        #expect(report.refused.isEmpty, "\(report.lines)")
        #expect(repo.head != session)
        let staged = try repo.git(["diff", "--cached", "--name-only"]).split(separator: "\n").map(String.init)
        #expect(staged == ["later.txt", "work.txt"], "only what was added after the run is staged: \(staged)")
        #expect(try repo.git(["show", ":work.txt"]) == "edited and staged after the run")
        #expect(report.done.contains { $0.contains("2 path(s) staged since the run stay staged") })
    }

    @Test("no manifest, or a damaged one: a clear error and nothing changed")
    func missingOrMalformedManifest() throws {
        let repo = try GitTestRepository()
        #expect(throws: RunManifestStore.LoadError.self) { try Rollback(project: repo.project).run() }
        let store = RunManifestStore(project: repo.project)
        for text in ["{", "[]", "{\"version\": 1}", String(repeating: "\u{0}", count: 100)] {
            try AtomicFile.write(text, to: store.manifestFile)
            do {
                _ = try Rollback(project: repo.project).run()
                Issue.record("accepted \(text.prefix(10))")
            } catch {
                #expect(error.description.contains("last-run.json cannot be read"))
            }
        }
    }
}
