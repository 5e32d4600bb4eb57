import Foundation
import Testing

@testable import Completion

/// A session-state.md of tens of megabytes through a whole run in a real repository: every line of the user's,
/// Latin-1 ones included, leaves the run with its bytes; the previous file is kept for rollback as a file, not in
/// memory; and the rollback puts back exactly the bytes the file had. (Speed and memory are the benchmark's
/// `sizes` rows: no timing here.)
@Suite("A large session-state.md")
struct LargeStateFileTests {
    /// About `megabytes` MB of notes, decisions and blockers, with a Latin-1 line every 1 000 lines and a
    /// capture block from an earlier run in the middle.
    static func state(megabytes: Int) -> [UInt8] {
        var bytes = Array("# Session State\n\n**Status**: Active\n**Next Step**: the BOM\n\n## Notes\n\n".utf8)
        var index = 0
        while bytes.count < megabytes << 20 {
            if index % 1_000 == 0 {
                bytes += Array("- Caf".utf8) + [0xE9, 0x20, 0x93] + Array("note \(index)".utf8) + [0x94, 0x0A]
            } else {
                bytes += Array("- Note \(index): the importer keeps the operator's comments as written.\n".utf8)
            }
            if index == 150_000 {
                bytes += Array("\n<!-- jarvis-tui:session-capture -->\nold capture\n".utf8)
                bytes += Array("<!-- /jarvis-tui:session-capture -->\n\n## Key Decisions\n\n".utf8)
            }
            index += 1
        }
        return bytes
    }

    static func lines(_ bytes: some Collection<UInt8>) -> [ArraySlice<UInt8>] {
        Array(bytes).split(separator: 0x0A, omittingEmptySubsequences: false)
    }

    @Test func userBytesSurviveAndRollbackRestoresTheFileExactly() async throws {
        let repo = try GitTestRepository()
        let path = ".claude/context/session-state.md"
        let before = Self.state(megabytes: 20)
        try repo.write(path, Data(before))
        try repo.git(["commit", "--quiet", "-am", "a long state file"])
        try repo.write("work.txt", "the session's work\n")

        let run = await repo.complete(push: .never)
        #expect(run.gitOutcome == .done)
        let after = try #require(repo.read(path))
        let kept = Set(Self.lines(after))
        for (number, line) in Self.lines(before).enumerated() where !line.starts(with: Array("**".utf8)) {
            if line.starts(with: Array("old capture".utf8)) { continue }
            guard kept.contains(line) else {
                Issue.record("line \(number + 1) lost or changed: \(String(decoding: line, as: UTF8.self))")
                break
            }
        }
        #expect(after.count - before.count < 4_096, "only the owned lines changed")
        let text = String(decoding: after, as: UTF8.self)
        #expect(text.components(separatedBy: "<!-- jarvis-tui:session-capture -->").count == 2)
        #expect(!text.contains("old capture"))

        // The previous file was kept beside the backups, not as bytes, and handed to the run's manifest.
        let manifest = try RunManifestStore(project: repo.project).load()
        let entry = try #require(manifest.files.first { $0.path == path })
        let backup = repo.project.toolStateFolder.appendingPathComponent(try #require(entry.backup))
        #expect(try Data(contentsOf: backup) == Data(before))
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: repo.project.toolStateFolder.appendingPathComponent("backup").path
        )
        #expect(!leftovers.contains { $0.hasPrefix(PreviousContent.keptPrefix) }, "\(leftovers)")

        let report = try Rollback(project: repo.project, environment: repo.environment).run()
        #expect(report.refused.isEmpty, "\(report.refused)")
        #expect(repo.read(path) == Data(before), "rollback restores every byte")
    }

    /// What a killed run had kept of a large file (it never reached its manifest) is cleared away by the next
    /// run's manifest, so killed runs do not pile up copies of the state file.
    @Test func keptContentOfAKilledRunIsClearedByTheNextRun() async throws {
        let repo = try GitTestRepository()
        let stale = repo.project.toolStateFolder.appendingPathComponent("backup/\(PreviousContent.keptPrefix)1-2")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try Data(Self.state(megabytes: 2)).write(to: stale.appendingPathComponent("1"))
        try repo.write("work.txt", "the session's work\n")
        let run = await repo.complete(push: .never)
        #expect(run.gitOutcome == .done)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
    }
}
