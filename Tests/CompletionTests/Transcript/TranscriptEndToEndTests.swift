import Foundation
import Testing

@testable import Completion

/// The whole run on a real git project with a transcript where Claude Code keeps it.
@Suite struct TranscriptEndToEndTests {
    @Test func aCompletionArchivesTheTranscriptAndReportsItsStatistics() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let config = fixture.folder.appendingPathComponent("claude-config")
        let folder = config.appendingPathComponent("projects").appendingPathComponent(
            TranscriptLocator.folderName(for: fixture.root.path)
        )
        let transcript = folder.appendingPathComponent("\(TranscriptFixtures.session).jsonl")
        try TranscriptFixtures.write(TranscriptFixtures.realistic(cwd: fixture.root.path), to: transcript)
        var environment = ProcessInfo.processInfo.environment
        environment["CLAUDE_CONFIG_DIR"] = config.path

        let events = try await fixture.complete(environment: environment)
        #expect(events.outcome(.chatHistory) == .done)
        let summaryPath = try #require(events.result?.summaryPath)
        let summary = String(decoding: try Data(contentsOf: URL(fileURLWithPath: summaryPath)), as: UTF8.self)
        #expect(summary.contains("| Tokens used | 43,443 / context 13,002 of 200,000 |"))
        #expect(summary.contains("Transcript: `\(transcript.path)`"))
        #expect(summary.contains("session \(TranscriptFixtures.session)"))
        #expect(summary.contains("Write integration tests"))

        let archives = fixture.project.archivesFolder
        let files = try FileManager.default.contentsOfDirectory(atPath: archives.path).sorted()
        let copy = try #require(files.first { $0.hasSuffix(".jsonl.zst") })
        let md = try #require(files.first { $0.hasSuffix(".md") })
        #expect(copy.contains(TranscriptFixtures.session))
        #expect(
            try ZstdStream.decompress(Data(contentsOf: archives.appendingPathComponent(copy)))
                == Data(contentsOf: transcript)
        )
        let digest = String(decoding: try Data(contentsOf: archives.appendingPathComponent(md)), as: UTF8.self)
        #expect(digest.contains("> Add validation to the login form."))
        #expect(!digest.contains("sk-ant-api03"))

        let checkpoint = fixture.read(".claude/context/.checkpoint.md") ?? ""
        #expect(checkpoint.contains("Archived copy: `.claude/archives/sessions/\(copy)`"))
        #expect(fixture.read(".claude/context/session-state.md")?.contains("Write integration tests") == true)
        // The archive is never committed, and git does not even list it as untracked.
        #expect(try fixture.git(["log", "--name-only", "--format="]).contains("archives") == false)
        #expect(
            try fixture.git(["status", "--porcelain", "--untracked-files=all"]).contains(".claude/archives") == false
        )
    }

    @Test func withoutATranscriptTheStepSaysWhereItLooked() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        var environment = ProcessInfo.processInfo.environment
        environment["CLAUDE_CONFIG_DIR"] = fixture.folder.appendingPathComponent("empty-config").path
        let events = try await fixture.complete(environment: environment)
        guard case .skipped(let reason, _) = events.outcome(.chatHistory) else {
            Issue.record("step 4 was not skipped"); return
        }
        #expect(reason.contains("no transcript found"))
        #expect(reason.contains("empty-config/projects/"))
        #expect(!FileManager.default.fileExists(atPath: fixture.project.archivesFolder.path))
    }

    @Test func archiveConversationOffKeepsNoCopyButStillCounts() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        try fixture.write(".claude/config/autonomy-config.yaml", "session_completion:\n  archive_conversation: false\n")
        let transcript = fixture.folder.appendingPathComponent("given.jsonl")
        try TranscriptFixtures.write(TranscriptFixtures.realistic(cwd: fixture.root.path), to: transcript)
        var options = RunOptions()
        options.transcriptPath = transcript.path
        var environment = ProcessInfo.processInfo.environment
        environment["CLAUDE_CONFIG_DIR"] = fixture.folder.appendingPathComponent("empty-config").path
        let events = try await fixture.complete(options: options, environment: environment)
        #expect(events.outcome(.chatHistory) == .skipped("archive_conversation is off in the config"))
        #expect(!FileManager.default.fileExists(atPath: fixture.project.archivesFolder.path))
        let summary = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: try #require(events.result?.summaryPath))),
            as: UTF8.self
        )
        #expect(summary.contains("| Tokens used | 43,443"))
    }

    @Test(arguments: ["file in the way", "symlink out of the project"])
    func anArchiveFolderThatCannotBeWrittenDegradesTheStep(_ obstacle: String) async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let outside = fixture.folder.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        if obstacle == "file in the way" {
            try fixture.write(".claude/archives", "not a folder\n")
        } else {
            try FileManager.default.createDirectory(
                at: fixture.project.claude.appendingPathComponent("archives"),
                withIntermediateDirectories: true
            )
            try FileManager.default.createSymbolicLink(at: fixture.project.archivesFolder, withDestinationURL: outside)
        }
        let transcript = fixture.folder.appendingPathComponent("given.jsonl")
        try TranscriptFixtures.write(TranscriptFixtures.realistic(cwd: fixture.root.path), to: transcript)
        var options = RunOptions()
        options.transcriptPath = transcript.path
        var environment = ProcessInfo.processInfo.environment
        environment["CLAUDE_CONFIG_DIR"] = fixture.folder.appendingPathComponent("empty-config").path
        let events = try await fixture.complete(options: options, environment: environment)
        guard case .degraded(let reason, _) = events.outcome(.chatHistory) else {
            Issue.record("step 4 was \(String(describing: events.outcome(.chatHistory))), not degraded")
            return
        }
        #expect(reason.contains("compressed copy was not written"))
        #expect(reason.contains("digest was not written"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        // The pointer to the original transcript is still in the summary.
        let summary = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: try #require(events.result?.summaryPath))),
            as: UTF8.self
        )
        #expect(summary.contains("Transcript: `\(transcript.path)`"))
    }
}
