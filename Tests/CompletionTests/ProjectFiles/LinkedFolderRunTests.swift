import Foundation
import Testing

@testable import Completion

/// A whole run (the engine, a real git repository with a bare remote) in a project where one of the tool's
/// folders is a link to an outside folder: nothing outside changes, the run names the link in its warnings (so it
/// never reads "0 warnings"), and the session's work is still committed and pushed.
@Suite("Linked folder runs")
struct LinkedFolderRunTests {
    @Test(arguments: toolFolders)
    func aRunWithALinkedToolFolderChangesNothingOutside(_ folder: String) async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let sandbox = try LinkSandbox.make(in: fixture.folder)
        try sandbox.link(folder, folder.hasSuffix("backup") ? .absoluteToFolder : .relativeToFolder)
        let before = sandbox.victimListing()
        let events = try await fixture.complete()
        #expect(sandbox.victimListing() == before, "the folder behind the link changed")
        let result = try #require(events.result)
        #expect(result.warnings.contains { $0.contains("refused \(folder): it is a symlink") }, "\(result.warnings)")
        #expect(try fixture.git(["log", "-1", "--format=%s"]).hasPrefix("Session: "))
        #expect(try fixture.git(["rev-parse", "HEAD"]) == fixture.git(["rev-parse", "main"], in: fixture.remote))
        #expect(PathSafety.isSymlink(fixture.root.appendingPathComponent(folder)), "the link was replaced")
    }
}

/// The folders a run writes for Jarvis' own machinery (the component state, the lessons files, the telemetry log,
/// the log archive), each a link out of the project: nothing outside changes and the rest of the run is done.
@Suite("Linked Jarvis folder runs")
struct LinkedJarvisFolderRunTests {
    @Test(arguments: [
        ".claude/state/components", ".claude/context/lessons", ".claude/logs/telemetry", ".claude/archives/logs",
    ])
    func aRunWithALinkedJarvisFolderChangesNothingOutside(_ folder: String) async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let sandbox = try LinkSandbox.make(in: fixture.folder)
        try sandbox.link(folder, .relativeToFolder)
        // Something for each folder to receive: a rotated log to archive, a correction.
        try fixture.write(".claude/logs/session-completion.log.1", "2026-01-01 old line\n")
        let config = FixtureProject.config.replacingOccurrences(
            of: "  create_summary: true\n",
            with: "  create_summary: true\n  archive_logs: true\n"
        )
        try fixture.write(".claude/config/autonomy-config.yaml", config)
        var options = RunOptions()
        var notes = AgentNotes()
        notes.corrections = ["Keep the importer streaming"]
        options.notes = notes
        let before = sandbox.victimListing()
        let events = try await fixture.complete(options: options)
        #expect(sandbox.victimListing() == before, "the folder behind the link changed")
        let result = try #require(events.result)
        #expect(result.exitStatus == .completed, "\(result.warnings)")
        #expect(result.warnings.contains { $0.contains("refused \(folder): it is a symlink") }, "\(result.warnings)")
        #expect(try fixture.git(["log", "-1", "--format=%s"]).hasPrefix("Session: "))
        #expect(PathSafety.isSymlink(fixture.root.appendingPathComponent(folder)), "the link was replaced")
    }
}
