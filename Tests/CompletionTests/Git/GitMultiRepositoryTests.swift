import Foundation
import Testing

@testable import Completion

@Suite("Git multi-repository, end to end")
struct GitMultiRepositoryTests {
    @Test(
        "the project and the repositories from git.repositories and cross-project-commits.json each get their own commit and push"
    )
    func eachRepositoryCommits() async throws {
        let repo = try GitTestRepository()
        let lib = try GitTestRepository(name: "lib", in: repo.folder, initialise: false)
        let tools = try GitTestRepository(name: "tools", in: repo.folder, initialise: false)
        try repo.write("app.txt", "app change\n")
        try lib.write("lib.txt", "lib change\n")
        try lib.write("lib/.env", "SECRET=1\n")
        try tools.write("tool.txt", "tool change\n")
        let tracker = """
            {"version": 1, "sessions": {
              "2026-01-01_old": {"date": "2026-01-01", "lastActivity": "2026-01-01T10:00:00Z", "projects": {"gone": {"path": "/nonexistent/repo"}}},
              "2026-11-25_now": {"date": "2026-11-25", "lastActivity": "2026-11-25T09:00:00Z",
                "projects": {"tools": {"path": "\(tools.root.path)", "commits": [{"hash": "abc", "branch": "main"}]}}}
            }}
            """
        try repo.write(".claude/logs/cross-project-commits.json", tracker)

        let run = await repo.complete(repo.configuration { $0.git.repositories = ["../lib", "../missing"] })

        #expect(run.gitOutcome == .done, "\(String(describing: run.gitOutcome))")
        for (repository, file) in [(repo, "app.txt"), (lib, "lib.txt"), (tools, "tool.txt")] {
            #expect(repository.headSubject.hasPrefix("Session: "))
            #expect(repository.committedPaths.contains(file))
            #expect(repository.remoteHead == repository.head)
        }
        #expect(!lib.committedPaths.contains("lib/.env"))
        #expect(run.gitProgress.contains { $0.hasPrefix("../lib: committed") && $0.hasSuffix("pushed") })
        #expect(run.gitProgress.contains { $0.hasPrefix("tools: committed") })
        #expect(run.warnings.contains { $0.contains("../missing") && $0.contains("does not exist") })
        #expect(run.finalSummary.contains("`../lib/lib/.env`: secret by name"))
        let body = try lib.git(["log", "-1", "--format=%b"])
        #expect(body.contains("- lib.txt (added)"))
    }

    @Test("another repository with nothing to commit: step 5 is done and that repository gets no commit")
    func cleanOtherRepository() async throws {
        let repo = try GitTestRepository()
        let lib = try GitTestRepository(name: "lib", in: repo.folder, initialise: false)
        let libHead = lib.head
        try repo.write("app.txt", "x\n")
        let run = await repo.complete(repo.configuration { $0.git.repositories = [lib.root.path] })
        #expect(run.gitOutcome == .done, "\(String(describing: run.gitOutcome))")
        #expect(run.gitProgress.contains("lib: nothing to commit"), "\(run.gitProgress)")
        #expect(lib.head == libHead)
        #expect(repo.committedPaths.contains("app.txt"))
    }

    @Test("a problem in another repository degrades step 5 and names the repository")
    func otherRepositoryProblem() async throws {
        let repo = try GitTestRepository()
        let lib = try GitTestRepository(name: "lib", in: repo.folder, initialise: false)
        try lib.write("x.txt", "x\n")
        try Data().write(to: lib.url(".git/MERGE_HEAD"))
        try repo.write("app.txt", "x\n")
        let run = await repo.complete(repo.configuration { $0.git.repositories = [lib.root.path] })
        #expect(run.gitOutcome == .degraded("lib: a merge is in progress: nothing committed"))
        #expect(repo.committedPaths.contains("app.txt"))
    }
}
