import Foundation
import Testing

@testable import Completion

@Suite struct TranscriptTodoTests {
    @Test func readsBothTodoFileShapesUnderTheConfigRoot() throws {
        let folder = try TranscriptFixtures.temporaryFolder("todos")
        defer { try? FileManager.default.removeItem(at: folder) }
        let todos = folder.appendingPathComponent("todos")
        try FileManager.default.createDirectory(at: todos, withIntermediateDirectories: true)
        try Data(
            #"[{"id":"1","content":"Old shape pending","status":"pending","priority":"high"},{"id":"2","content":"Old shape done","status":"completed","priority":"low"}]"#
                .utf8
        )
        .write(to: todos.appendingPathComponent("s1-agent-s1.json"))
        try Data(#"[{"content":"Subagent item","status":"in_progress","activeForm":"Doing"}]"#.utf8)
            .write(to: todos.appendingPathComponent("s1-agent-other.json"))
        try Data(#"[{"content":"New shape","status":"in_progress","activeForm":"Working"}]"#.utf8)
            .write(to: todos.appendingPathComponent("s2-agent-s2.json"))
        try Data("{not json".utf8).write(to: todos.appendingPathComponent("s3-agent-s3.json"))

        var warnings: [String] = []
        let first = try #require(
            SessionTodos.fromTodoFiles(sessionID: "s1", configRoots: [folder], warnings: &warnings)
        )
        #expect(first.pending == ["Old shape pending"])
        #expect(first.completed == ["Old shape done"])
        #expect(first.source.hasSuffix("s1-agent-s1.json"))
        let second = try #require(
            SessionTodos.fromTodoFiles(sessionID: "s2", configRoots: [folder], warnings: &warnings)
        )
        #expect(second.pending == ["New shape"])
        #expect(SessionTodos.fromTodoFiles(sessionID: "s3", configRoots: [folder], warnings: &warnings) == nil)
        #expect(warnings.count == 1 && warnings[0].contains("s3-agent-s3.json"))
    }

    @Test func fallsBackToTheLastTodoWriteAndFillsTheRecordWithoutDuplicates() throws {
        let folder = try TranscriptFixtures.temporaryFolder("todowrite")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = Project(root: folder.appendingPathComponent("app"))
        let transcript = folder.appendingPathComponent("t.jsonl")
        try TranscriptFixtures.write(TranscriptFixtures.realistic(cwd: project.root.path), to: transcript)
        let findings = TranscriptFindings.gather(
            project: project,
            transcriptPath: transcript.path,
            sessionID: nil,
            environment: ["CLAUDE_CONFIG_DIR": folder.appendingPathComponent("none").path]
        )
        #expect(findings.todos?.source == "the last TodoWrite in the transcript")

        var record = SessionRecord(
            sessionID: "generated",
            endedAt: Date(),
            day: "2025-11-20",
            ordinal: 1,
            contextWindow: 200_000
        )
        record.accomplishments = ["Add login form validation"]
        record.pendingTodos = ["Update the docs"]
        findings.apply(to: &record, sessionGiven: false)
        #expect(record.accomplishments == ["Add login form validation"])
        #expect(record.pendingTodos == ["Update the docs", "Write integration tests"])
        #expect(record.sessionID == TranscriptFixtures.session)
        #expect(record.tokensUsed == 43_443)
        #expect(record.contextUsed == 13_002)
        #expect(record.model == "claude-opus-4-1-20250805")
        #expect(record.startedAt == TranscriptTimestamp.parse("2025-11-20T09:00:00.000Z"))
    }
}
