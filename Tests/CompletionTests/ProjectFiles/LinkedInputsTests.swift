import Foundation
import Testing

@testable import Completion

/// The readers and writers outside `.claude/`'s own state files: the cross-project commit tracker, `.gitignore`,
/// the git directory's exclude file and index snapshots, the checkpoint's list of files to read, the finished
/// run's journal, the size check of the archive. A link at each is refused; nothing behind it is read, written or
/// deleted, and the run still does the rest.
@Suite("Linked inputs")
struct LinkedInputsTests {
    /// A tracker naming a repository outside the project, where a link in the project can point.
    static func outsideTracker(in sandbox: LinkSandbox) throws -> URL {
        let repository = sandbox.victim.appendingPathComponent("their-repo")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        let tracker = """
            {"sessions": {"2026-12-02_s": {"lastActivity": "2026-12-02T09:00:00Z",
              "projects": {"theirs": {"path": "\(repository.path)"}}}}}
            """
        let url = sandbox.victim.appendingPathComponent("cross-project-commits.json")
        try Data(tracker.utf8).write(to: url)
        return url
    }

    @Test func aLinkedCrossProjectTrackerNamesNoRepositoryToCommit() throws {
        let tracker = ".claude/logs/cross-project-commits.json"
        let links: [(at: String, to: String)] = [
            (tracker, "../../../victim/cross-project-commits.json"), (".claude/logs", "../../victim"),
        ]
        for (at, target) in links {
            let sandbox = try LinkSandbox.make()
            defer { sandbox.remove() }
            let outside = try Self.outsideTracker(in: sandbox)
            for absolute in [false, true] {
                let link = sandbox.root.appendingPathComponent(at)
                try? FileManager.default.removeItem(at: link)
                try FileManager.default.createDirectory(
                    at: link.deletingLastPathComponent(),
                    withIntermediateDirectories: true
                )
                let destination = absolute ? (at == tracker ? outside.path : sandbox.victim.path) : target
                try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: destination)
                let (targets, warnings) = RepositoryTargets.resolve(
                    project: Project(root: sandbox.root),
                    settings: GitSettings(),
                    environment: [:]
                )
                #expect(targets.map(\.label) == ["app"], "a repository outside was added through \(at)")
                #expect(warnings.contains { $0.contains("refused \(at): it is a symlink") }, "\(warnings)")
            }
        }
    }

    @Test func aLinkedGitignoreDoesNotCountAsIgnoringTheToolsPaths() async throws {
        let repo = try GitTestRepository()
        // The rules `init` wrote, moved outside and linked back: git does not follow a linked .gitignore.
        let outside = repo.folder.url.appendingPathComponent("outside-gitignore")
        try #require(repo.read(".gitignore")).write(to: outside)
        try FileManager.default.removeItem(at: repo.url(".gitignore"))
        try FileManager.default.createSymbolicLink(
            atPath: repo.url(".gitignore").path,
            withDestinationPath: outside.path
        )
        try repo.git(["add", "--all"])
        try repo.git(["commit", "--quiet", "-m", "Link the ignore rules"])
        let before = try Data(contentsOf: outside)
        try repo.write("a.txt", "a\n")
        let run = await repo.complete()
        #expect(run.gitOutcome == .done, "\(String(describing: run.gitOutcome))")
        #expect(run.warnings.contains { $0.contains("refused .gitignore: it is a symlink") }, "\(run.warnings)")
        let exclude = String(decoding: repo.read(".git/info/exclude") ?? Data(), as: UTF8.self)
        #expect(exclude.contains("/.claude/context/.checkpoint.md"), "\(exclude)")
        #expect(repo.statusLines.isEmpty, "the tool's files are left untracked: \(repo.statusLines)")
        #expect(try Data(contentsOf: outside) == before)
    }

    @Test func aLinkedExcludeFileIsNotWrittenThrough() async throws {
        let repo = try GitTestRepository(initialise: false)
        let outside = repo.folder.url.appendingPathComponent("their-exclude")
        try Data("theirs\n".utf8).write(to: outside)
        let exclude = repo.url(".git/info/exclude")
        try? FileManager.default.removeItem(at: exclude)
        try FileManager.default.createSymbolicLink(atPath: exclude.path, withDestinationPath: outside.path)
        try repo.write("a.txt", "a\n")
        let run = await repo.complete()
        #expect(run.gitOutcome == .done, "\(String(describing: run.gitOutcome))")
        #expect(try Data(contentsOf: outside) == Data("theirs\n".utf8), "the file behind the link was changed")
        #expect(PathSafety.isSymlink(exclude), "the link was replaced by a copy of what it points to")
        #expect(
            run.warnings.contains {
                $0.contains("could not update .git/info/exclude")
                    && $0.contains("refused info/exclude: it is a symlink")
            },
            "\(run.warnings)"
        )
    }

    @Test func aLinkedSnapshotFolderInTheGitDirectoryLosesNothingOutside() async throws {
        let repo = try GitTestRepository()
        let victim = repo.folder.url.appendingPathComponent("victim")
        try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: true)
        // Named like the snapshots the prune deletes, and older than any the runs make.
        for index in 0..<7 {
            let url = victim.appendingPathComponent("index-before-\(String(repeating: "\(index)", count: 40))")
            try Data("theirs \(index)\n".utf8).write(to: url)
            let old = Date(timeIntervalSinceNow: -86_400 * Double(10 + index))
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path)
        }
        let link = repo.url(".git/jarvis-tui")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: victim.path)
        let before = snapshotTree(victim)
        for round in 1...2 {
            try repo.write("a\(round).txt", "\(round)\n")
            let run = await repo.complete()
            #expect(run.gitOutcome == .done, "round \(round): \(String(describing: run.gitOutcome))")
            #expect(repo.committedPaths.contains("a\(round).txt"))
        }
        #expect(snapshotTree(victim) == before, "the folder behind .git/jarvis-tui changed")
        #expect(PathSafety.isSymlink(link))
        #expect(!FileManager.default.fileExists(atPath: repo.url(".git/jarvis-tui-index.backup").path))
    }

    @Test func theCheckpointListsNoSummaryThatIsALink() throws {
        for kind in LinkKind.allCases {
            let sandbox = try LinkSandbox.make()
            defer { sandbox.remove() }
            let summary = ".claude/reports/sessions/session-2026-12-02.md"
            try sandbox.link(summary, kind)
            let project = Project(root: sandbox.root)
            let context = Self.context(project)
            context.summary = SummaryDocument(path: sandbox.root.appendingPathComponent(summary).path, markdown: "")
            let checkpoint = HandoffStep.render(context: context)
            #expect(!checkpoint.contains(summary), "\(kind): the next session is sent to the link\n\(checkpoint)")

            try FileManager.default.removeItem(at: sandbox.root.appendingPathComponent(summary))
            try ProjectFiles(project).write("# Summary\n", to: sandbox.root.appendingPathComponent(summary))
            #expect(HandoffStep.render(context: context).contains("- `\(summary)`"), "the real summary is listed")
        }
    }

    @Test func aLinkedJournalOrOutcomeRecordIsNotTakenForTheRunsOwn() throws {
        let sandbox = try LinkSandbox.make()
        defer { sandbox.remove() }
        let project = Project(root: sandbox.root)
        let now = Date()
        var journal = RunJournal(
            sessionID: "s1",
            startedAt: Timestamp.iso(now),
            day: "2026-12-02",
            ordinal: 1,
            baselineCommit: nil
        )
        journal.finished = true
        try JSONEncoder().encode(journal).write(to: sandbox.victim.appendingPathComponent("journal.json"))
        try Data("## Final Outcome\nTHEIRS\n".utf8).write(to: sandbox.victim.appendingPathComponent("outcome.md"))
        try FileManager.default.createDirectory(at: project.toolStateFolder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: RunJournal.url(project).path,
            withDestinationPath: sandbox.victim.appendingPathComponent("journal.json").path
        )
        #expect(RunJournal.completed(project, now: now) == nil, "an outside journal was read")

        let summary = project.summariesFolder.appendingPathComponent("session-2026-12-02.md")
        let record = FinalOutcome.file(for: summary.path, project: project)
        try FileManager.default.createDirectory(
            at: record.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try FileManager.default.createSymbolicLink(
            atPath: record.path,
            withDestinationPath: sandbox.victim.appendingPathComponent("outcome.md").path
        )
        #expect(FinalOutcome.read(summaryPath: summary.path, project: project) == nil, "an outside outcome was shown")
    }

    @Test(arguments: [LinkKind.relativeToFile, .absoluteToFile, .relativeToFolder, .dangling])
    func theSizeOfALinkedFileIsRefused(_ kind: LinkKind) throws {
        let sandbox = try LinkSandbox.make()
        defer { sandbox.remove() }
        let archive = ".claude/archives/sessions/2026-12-02-s.jsonl.zst"
        try sandbox.link(archive, kind)
        let files = ProjectFiles(root: sandbox.root)
        expectRefused(archive, "size (\(kind))") {
            _ = try files.size(of: sandbox.root.appendingPathComponent(archive))
        }
        try FileManager.default.removeItem(at: sandbox.root.appendingPathComponent(archive))
        try files.write("twelve bytes", to: sandbox.root.appendingPathComponent(archive))
        #expect(try files.size(of: sandbox.root.appendingPathComponent(archive)) == 12)
    }

    static func context(_ project: Project) -> StepContext {
        let plan = CompletionPlan(
            project: project,
            resolved: ResolvedConfiguration(
                configuration: Configuration(),
                warnings: [],
                emergencyStop: false,
                offerSuppressedBy: nil
            ),
            options: RunOptions(),
            environment: [:]
        )
        let record = SessionRecord(sessionID: "s1", endedAt: Date(), day: "2026-12-02", ordinal: 1, contextWindow: 1000)
        return StepContext(
            plan: plan,
            record: record,
            responder: SafeDefaultResponder(),
            writer: ProjectWriter(project: project, dryRun: false),
            emit: { _ in }
        )
    }
}
