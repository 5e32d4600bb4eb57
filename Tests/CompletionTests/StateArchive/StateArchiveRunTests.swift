import Foundation
import TestSupport
import Testing

@testable import Completion

/// The archive choice in whole runs on a real repository with a bare remote: chosen for the engine, through
/// `--cycles archive-state --json` on the built binary, undone by `jarvis-tui rollback`, and what Maintenance says.
@Suite("Session-state archive in a run: event, summary, second run, rollback")
struct StateArchiveRunTests {
    static let statePath = ".claude/context/session-state.md"

    func repository() throws -> (GitTestRepository, [UInt8]) {
        let repo = try GitTestRepository()
        let original = LongSessionState.bytes(older: 14)
        try repo.write(Self.statePath, Data(original))
        try repo.write("work.txt", "x\n")
        return (repo, original)
    }

    func archiveNames(_ repo: GitTestRepository) -> [String] {
        let folder = repo.url(SessionStateArchive.folder).path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    func complete(_ repo: GitTestRepository, archive: Bool) async -> [CompletionEvent] {
        var options = RunOptions()
        options.push = .never
        options.archiveSessionState = archive
        let resolved = ResolvedConfiguration(
            configuration: repo.configuration(),
            warnings: [],
            emergencyStop: false,
            offerSuppressedBy: nil
        )
        let plan = CompletionPlan(
            project: repo.project,
            resolved: resolved,
            options: options,
            environment: repo.environment
        )
        var events: [CompletionEvent] = []
        for await event in SessionCompletion.run(plan) { events.append(event) }
        return events
    }

    static func archived(_ events: [CompletionEvent]) -> [StateArchiveResult] {
        events.compactMap { if case .stateArchived(let result) = $0 { result } else { nil } }
    }

    @Test func chosenItArchivesBeforeStepOneIsInTheCommitAndTheSummaryAndRollbackRestoresTheBytes() async throws {
        let (repo, original) = try repository()
        let events = await complete(repo, archive: true)
        let result = try #require(Self.archived(events).first)
        #expect(result.archived, "\(result.sentence)")
        #expect(result.sections.count == 14)
        let after = try #require(repo.read(Self.statePath))
        let lines = LongSessionState.lines([UInt8](after)).count
        #expect(lines < SessionStateArchive.lineLimit, "\(lines) lines after the run")
        let text = String(decoding: after, as: UTF8.self)
        #expect(text.contains("## Archived History") && text.contains("**Current Work**"))
        let archive = try #require(result.archivePath)
        #expect(repo.committedPaths.contains(archive), "the archive is part of the session commit")
        let summary = events.compactMap { if case .summaryReady(let d) = $0 { d.markdown } else { nil } }.last ?? ""
        #expect(summary.contains("Session state: archived 14 older section(s)"), "\(summary)")
        #expect(summary.contains(LongSessionState.olderTitle(1)))

        // `jarvis-tui rollback` gives the user's file back byte for byte and removes the archive the run created.
        let rollback = try RollbackCommandLineTests.rollback(["--yes"], repo)
        #expect(rollback.status == 0, "\(rollback.output)\(rollback.errorOutput)")
        #expect(repo.read(Self.statePath) == Data(original))
        #expect(archiveNames(repo).isEmpty, "the archive the run created is gone")
        // So are the folders the run made for it, now empty.
        #expect(!FileManager.default.fileExists(atPath: repo.url(".claude/context/archive").path), "\(rollback.output)")
        #expect(rollback.output.contains("removed the empty folder .claude/context/archive/session-state"))
    }

    /// Rollback removes only folders the run made and only when empty: a folder that was there before the run
    /// stays, and so does one the user has put a file in since.
    @Test func rollbackKeepsFoldersThatWereThereOrHoldTheUsersFiles() async throws {
        let (repo, original) = try repository()
        let parent = repo.url(".claude/context/archive")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        #expect(Self.archived(await complete(repo, archive: true)).first?.archived == true)
        let rollback = try RollbackCommandLineTests.rollback(["--yes"], repo)
        #expect(rollback.status == 0, "\(rollback.output)\(rollback.errorOutput)")
        #expect(repo.read(Self.statePath) == Data(original))
        #expect(!FileManager.default.fileExists(atPath: repo.url(SessionStateArchive.folder).path))
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: parent.path, isDirectory: &isFolder) && isFolder.boolValue)

        try repo.write("more.txt", "y\n")
        #expect(Self.archived(await complete(repo, archive: true)).first?.archived == true)
        try repo.write(SessionStateArchive.folder + "/mine.md", "the user's own notes\n")
        let second = try RollbackCommandLineTests.rollback(["--yes"], repo)
        #expect(second.status == 0, "\(second.output)\(second.errorOutput)")
        #expect(archiveNames(repo) == ["mine.md"], "the archive goes, the user's file and its folder stay")
        #expect(!second.output.contains("removed the empty folder .claude/context/archive"), "\(second.output)")
    }

    @Test func aSecondRunWithTheChoiceFindsNothingOlderAndAddsNoArchive() async throws {
        let (repo, _) = try repository()
        #expect(Self.archived(await complete(repo, archive: true)).first?.archived == true)
        let names = archiveNames(repo)
        #expect(names.count == 1)
        try repo.write("more.txt", "y\n")
        let again = Self.archived(await complete(repo, archive: true))
        #expect(again.count == 1 && again.first?.archived == false)
        #expect(again.first?.reason?.contains("no older session sections") == true)
        #expect(archiveNames(repo) == names)
        let archive = try #require(repo.read(SessionStateArchive.folder + "/" + names[0]))
        #expect(try repo.git(["status", "--porcelain", "--", SessionStateArchive.folder]).isEmpty)
        #expect(archive.count > 0)
    }

    @Test func notChosenTheFileIsOnlyUpdatedByStepOne() async throws {
        let (repo, _) = try repository()
        let events = await complete(repo, archive: false)
        #expect(Self.archived(events).isEmpty)
        #expect(archiveNames(repo).isEmpty)
        let after = try #require(repo.read(Self.statePath))
        #expect(LongSessionState.lines([UInt8](after)).count > 300)
    }

    @Test func cyclesArchiveStateOnTheCommandLineReportsAJSONEvent() throws {
        let (repo, original) = try repository()
        let arguments = [
            "end-session", "--project", repo.root.path, "--json", "--cycles", "archive-state", "--no-push",
        ]
        let run = try JarvisBinary.run(arguments, in: repo.root, environment: repo.environment)
        #expect(run.status == 0, "\(run.output.suffix(2000))\(run.errorOutput)")
        let objects = run.output.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let event = try #require(objects.first { $0["event"] as? String == "state_archived" })
        #expect(event["archived"] as? Bool == true)
        #expect((event["sections"] as? [String])?.count == 14)
        #expect(event["path"] as? String == Self.statePath)
        #expect((event["archive"] as? String)?.hasPrefix(SessionStateArchive.folder + "/session-state-") == true)
        #expect((event["lines_after"] as? Int ?? 999) < SessionStateArchive.lineLimit)
        #expect(event["lines_before"] as? Int == LongSessionState.lines(original).count)
        let started = try #require(objects.first { $0["event"] as? String == "run_started" })
        #expect(started["cycles"] as? [String] == [], "archive-state is not a Tier 2 cycle")

        let unknown = try JarvisBinary.run(
            ["end-session", "--project", repo.root.path, "--cycles", "archive-stat"],
            in: repo.root,
            environment: repo.environment
        )
        #expect(unknown.status == 2)
        #expect(unknown.errorOutput.contains("archive-state"), "the error lists the name: \(unknown.errorOutput)")
    }

    @Test func maintenanceSaysTheChoiceExistsForALongFile() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        try AtomicFile.write(Data(LongSessionState.bytes(older: 14)), to: test.project.sessionStateFile)
        let run = await CyclesTest.runner(test.project, cycles: [:], log: CyclesEventLog()).run(.maintenance)
        let line = try #require(run.findings.first { $0.contains("session state:") })
        #expect(line.contains("over 200"), "\(line)")
        #expect(line.contains("\"Archive session-state history\"") && line.contains("--cycles archive-state"))
        #expect(line.contains("moves 14 older section(s)"))

        try AtomicFile.write(Data(LongSessionState.bytes(older: 5)), to: test.project.sessionStateFile)
        let short = await CyclesTest.runner(test.project, cycles: [:], log: CyclesEventLog()).run(.maintenance)
        #expect(short.findings.contains { $0.contains("session state:") && $0.contains("under 200") })
    }
}
