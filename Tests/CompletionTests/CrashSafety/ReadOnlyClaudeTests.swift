import Foundation
import Testing

@testable import Completion

/// A `.claude/` the tool may not write, made read-only for real (see `UnprivilegedRun`): the steps that cannot
/// write say so and name the file, the summary is at least shown, and nothing already on disk is lost or torn.
@Suite("Read-only .claude/")
struct ReadOnlyClaudeTests {
    @Test func aReadOnlyClaudeFolderShowsTheSummaryExitsThreeAndChangesNothingThere() throws {
        let fixture = try FixtureProject.make()
        defer { UnprivilegedRun.restore(fixture.folder); fixture.remove() }
        let claudeBefore = snapshotTree(fixture.project.claude)
        try UnprivilegedRun.prepare(fixture.folder)
        try UnprivilegedRun.shell(["chmod", "-R", "a-w", fixture.project.claude.path])

        let result = try UnprivilegedRun.run(
            ["--plain", "--yes", "--cycles", "none"],
            in: fixture.root,
            folder: fixture.folder
        )
        UnprivilegedRun.restore(fixture.folder)

        #expect(result.status == 3, "exit \(result.status): \(result.output.suffix(1500))\(result.errorOutput)")
        let output = result.output
        #expect(output.contains("# Session Summary"), "the summary is shown: \(output.suffix(1500))")
        #expect(output.contains("the session summary could not be saved"))
        #expect(output.contains("save it by hand"))
        #expect(output.contains("failed: 1. Work state capture, 3. Context file updates"), "\(output.suffix(300))")
        for (step, file) in [
            ("[1/7] Work state capture", "session-state.md"), ("[3/7] Context file updates", "current-priorities.md"),
            ("[6/7] Handoff preparation", ".checkpoint.md"),
        ] {
            let line = output.split(separator: "\n").first { $0.hasPrefix(step + ":") }.map(String.init) ?? "(no line)"
            #expect(
                (line.contains(": failed") || line.contains(": degraded")) && line.contains(file)
                    && line.contains("Permission denied"),
                "\(line)"
            )
        }
        #expect(snapshotTree(fixture.project.claude) == claudeBefore, "a file under .claude/ changed")
        #expect(KilledRun.leftoverTempFiles(fixture.root).isEmpty, "\(KilledRun.leftoverTempFiles(fixture.root))")
        // Outside `.claude/` the protocol went on: the session's code is committed and pushed.
        #expect(try fixture.git(["log", "-1", "--format=%s"]).hasPrefix("Session: "))
        #expect(try fixture.git(["show", "--name-only", "--format=", "HEAD"]).contains("src/bom.py"))
        #expect(
            try fixture.git(["rev-parse", "HEAD"]) == (try fixture.git(["rev-parse", "main"], in: fixture.remote))
        )
    }

    @Test func aReadOnlySessionStateIsLeftAsItIsAndTheRestCompletes() throws {
        let fixture = try FixtureProject.make()
        defer { UnprivilegedRun.restore(fixture.folder); fixture.remove() }
        let stateBefore = try #require(fixture.read(".claude/context/session-state.md"))
        try UnprivilegedRun.prepare(fixture.folder)
        try UnprivilegedRun.shell(["chmod", "0444", fixture.project.sessionStateFile.path])

        let result = try UnprivilegedRun.run(
            ["--plain", "--yes", "--cycles", "none"],
            in: fixture.root,
            folder: fixture.folder
        )
        var info = stat()
        #expect(
            stat(fixture.project.sessionStateFile.path, &info) == 0 && info.st_mode & 0o777 == 0o444,
            "the file's mode was changed"
        )
        UnprivilegedRun.restore(fixture.folder)

        #expect(result.status == 0, "exit \(result.status): \(result.output.suffix(1500))\(result.errorOutput)")
        let output = result.output
        let stepOne =
            output.split(separator: "\n").first { $0.hasPrefix("[1/7] Work state capture:") }.map(String.init)
            ?? "(no line)"
        #expect(
            (stepOne.contains(": failed") || stepOne.contains(": degraded")) && stepOne.contains("session-state.md"),
            "\(stepOne)"
        )
        #expect(output.contains("Permission denied") || output.contains("read-only"), "\(output.suffix(1500))")
        #expect(output.contains("[6/7] Handoff preparation: done"), "\(output.suffix(1500))")
        #expect(
            output.contains("failed: 1. Work state capture"),
            "the closing line says what failed: \(output.suffix(300))"
        )
        #expect(fixture.read(".claude/context/session-state.md") == stateBefore, "the read-only file was rewritten")
        #expect(KilledRun.leftoverTempFiles(fixture.root).isEmpty, "\(KilledRun.leftoverTempFiles(fixture.root))")
        // The summary is saved and committed, and says what went wrong.
        let summary = try #require(fixture.read(".claude/reports/sessions/session-\(SessionGathererDay.today).md"))
        #expect(summary.contains("session-state.md"), "the summary names the file")
        #expect(fixture.read(".claude/context/.checkpoint.md") != nil)
        #expect(
            try fixture.git(["show", "--name-only", "--format=", "HEAD"]).contains(
                ".claude/reports/sessions/session-\(SessionGathererDay.today).md"
            )
        )
        #expect(
            try fixture.git(["rev-parse", "HEAD"]) == (try fixture.git(["rev-parse", "main"], in: fixture.remote))
        )
    }
}
