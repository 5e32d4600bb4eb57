import Foundation
import Testing

@testable import Completion

@Suite struct TranscriptLocatorTests {
    struct Layout {
        let folder: URL
        var project: Project { Project(root: folder.appendingPathComponent("my_app.v2")) }
        var configA: URL { folder.appendingPathComponent("config-a") }
        var configB: URL { folder.appendingPathComponent("config-b") }
        var environment: [String: String] {
            ["CLAUDE_CONFIG_DIR": "\(configA.path), \(configB.path)", "HOME": folder.path]
        }

        func projectsFolder(_ root: URL) -> URL {
            root.appendingPathComponent("projects").appendingPathComponent(
                TranscriptLocator.folderName(for: project.root.path)
            )
        }

        func transcript(_ root: URL, _ name: String, cwd: String, age: TimeInterval) throws -> URL {
            let url = projectsFolder(root).appendingPathComponent(name)
            try TranscriptFixtures.write(TranscriptFixtures.realistic(cwd: cwd), to: url)
            try FileManager.default.setAttributes(
                [.modificationDate: Date().addingTimeInterval(-age)],
                ofItemAtPath: url.path
            )
            return url
        }

        static func make() throws -> Layout {
            let layout = Layout(folder: try TranscriptFixtures.temporaryFolder("locate"))
            try FileManager.default.createDirectory(at: layout.project.claude, withIntermediateDirectories: true)
            return layout
        }
    }

    @Test func folderNameReplacesEveryNonAlphanumericCharacter() {
        #expect(TranscriptLocator.folderName(for: "/home/dev/my_app.v2") == "-home-dev-my-app-v2")
        #expect(TranscriptLocator.folderName(for: "/tmp/café x") == "-tmp-caf--x")
    }

    @Test func picksTheNewestFileThatCarriesThisProjectsCwd() throws {
        let layout = try Layout.make()
        defer { try? FileManager.default.removeItem(at: layout.folder) }
        // The folder name is lossy: /…/my-app-v2 shares it. Its newer file must not be chosen.
        let other = layout.folder.appendingPathComponent("my-app-v2").path
        _ = try layout.transcript(layout.configB, "other.jsonl", cwd: other, age: 10)
        let old = try layout.transcript(layout.configB, "old.jsonl", cwd: layout.project.root.path, age: 500)
        let mine = try layout.transcript(layout.configB, "mine.jsonl", cwd: layout.project.root.path, age: 100)
        let result = TranscriptLocator(
            project: layout.project,
            explicitPath: nil,
            sessionID: nil,
            environment: layout.environment
        ).locate()
        #expect(result.location?.url == mine)
        #expect(result.location?.source == .projectsFolder)
        #expect(old != mine)
        // Both config roots were considered, in order.
        #expect(result.searched.contains(layout.projectsFolder(layout.configA).path))
    }

    @Test func explicitPathWinsAndAMissingOneFallsBackWithAWarning() throws {
        let layout = try Layout.make()
        defer { try? FileManager.default.removeItem(at: layout.folder) }
        let found = try layout.transcript(layout.configA, "s.jsonl", cwd: layout.project.root.path, age: 0)
        let explicit = layout.folder.appendingPathComponent("given.jsonl")
        try TranscriptFixtures.write(TranscriptFixtures.realistic(cwd: "/elsewhere"), to: explicit)
        let given = TranscriptLocator(
            project: layout.project,
            explicitPath: explicit.path,
            sessionID: nil,
            environment: layout.environment
        ).locate()
        #expect(given.location == TranscriptLocation(url: explicit, source: .commandLine))

        let missing = TranscriptLocator(
            project: layout.project,
            explicitPath: "/nope/x.jsonl",
            sessionID: nil,
            environment: layout.environment
        ).locate()
        #expect(missing.location?.url == found)
        #expect(missing.warnings.first?.contains("/nope/x.jsonl") == true)
    }

    @Test func hookRecordIsTheSecondChoiceAndSessionIDNarrowsIt() throws {
        let layout = try Layout.make()
        defer { try? FileManager.default.removeItem(at: layout.folder) }
        _ = try layout.transcript(layout.configA, "newest.jsonl", cwd: layout.project.root.path, age: 0)
        let first = layout.folder.appendingPathComponent("t1.jsonl"),
            second = layout.folder.appendingPathComponent("t2.jsonl")
        try TranscriptFixtures.write(["{}"], to: first)
        try TranscriptFixtures.write(["{}"], to: second)
        let record = [
            "{\"session_id\":\"s1\",\"transcript_path\":\"\(first.path)\",\"cwd\":\"\(layout.project.root.path)\",\"ended_at\":\"2025-11-20T09:00:00Z\",\"reason\":\"exit\"}",
            "{\"session_id\":\"s2\",\"transcript_path\":\"\(second.path)\",\"cwd\":\"\(layout.project.root.path)\",\"ended_at\":\"2025-11-20T10:00:00Z\",\"reason\":\"exit\"}",
            "{\"session_id\":\"s3\",\"transcript_path\":\"/gone.jsonl\",\"cwd\":\"\(layout.project.root.path)\",\"ended_at\":\"2025-11-20T11:00:00Z\",\"reason\":\"exit\"}",
            "not json",
        ]
        try TranscriptFixtures.write(
            record,
            to: layout.project.toolStateFolder.appendingPathComponent("sessions.jsonl")
        )
        let newest = TranscriptLocator(
            project: layout.project,
            explicitPath: nil,
            sessionID: nil,
            environment: layout.environment
        ).locate()
        #expect(newest.location == TranscriptLocation(url: second, source: .hookRecord))
        let chosen = TranscriptLocator(
            project: layout.project,
            explicitPath: nil,
            sessionID: "s1",
            environment: layout.environment
        ).locate()
        #expect(chosen.location?.url == first)
    }

    @Test func sessionIDPicksAFileInTheProjectsFolder() throws {
        let layout = try Layout.make()
        defer { try? FileManager.default.removeItem(at: layout.folder) }
        _ = try layout.transcript(layout.configA, "newer.jsonl", cwd: layout.project.root.path, age: 0)
        let named = try layout.transcript(
            layout.configA,
            "\(TranscriptFixtures.session).jsonl",
            cwd: layout.project.root.path,
            age: 300
        )
        let result = TranscriptLocator(
            project: layout.project,
            explicitPath: nil,
            sessionID: TranscriptFixtures.session,
            environment: layout.environment
        ).locate()
        #expect(result.location?.url == named)
    }

    @Test func subagentTranscriptsAreCountedButNeverChosenAsTheSession() throws {
        let layout = try Layout.make()
        defer { try? FileManager.default.removeItem(at: layout.folder) }
        let root = layout.project.root.path
        let main = try layout.transcript(layout.configA, "\(TranscriptFixtures.session).jsonl", cwd: root, age: 600)
        let folder = layout.projectsFolder(layout.configA)
        // Current layout: <session>/subagents/agent-<id>.jsonl; one request repeats a main-file request (deduplicated).
        try TranscriptFixtures.write(
            [
                TranscriptFixtures.assistant(
                    root,
                    "2025-11-20T09:01:30.000Z",
                    id: "msg_01N",
                    request: "req_01N",
                    usage: (100, 10, 0, 0),
                    block: "{\"type\":\"text\",\"text\":\"n\"}",
                    sidechain: true
                ),
                TranscriptFixtures.assistant(
                    root,
                    "2025-11-20T09:00:05.000Z",
                    id: "msg_01A",
                    request: "req_01A",
                    usage: (4, 120, 2_000, 10_000),
                    block: "{\"type\":\"text\",\"text\":\"dup\"}",
                    sidechain: true
                ),
                "{\"type\":\"assistant\",\"broken",
            ],
            to: folder.appendingPathComponent("\(TranscriptFixtures.session)/subagents/agent-a1b2c3.jsonl")
        )
        // Older layout: agent-*.jsonl beside the sessions, newer than the session file; one belongs to another session.
        try TranscriptFixtures.write(
            [
                TranscriptFixtures.assistant(
                    root,
                    "2025-11-20T09:02:30.000Z",
                    id: "msg_01L",
                    request: "req_01L",
                    usage: (200, 20, 0, 0),
                    block: "{\"type\":\"text\",\"text\":\"l\"}",
                    sidechain: true
                )
            ],
            to: folder.appendingPathComponent("agent-legacy1.jsonl")
        )
        try TranscriptFixtures.write(
            [
                TranscriptFixtures.assistant(
                    root,
                    "2025-11-20T09:02:30.000Z",
                    id: "msg_01X",
                    request: "req_01X",
                    usage: (5_000, 0, 0, 0),
                    block: "{\"type\":\"text\",\"text\":\"x\"}",
                    sidechain: true
                )
                .replacingOccurrences(of: TranscriptFixtures.session, with: "another-session")
            ],
            to: folder.appendingPathComponent("agent-other.jsonl")
        )

        let findings = TranscriptFindings.gather(
            project: layout.project,
            transcriptPath: nil,
            sessionID: nil,
            environment: layout.environment
        )
        #expect(findings.location?.url == main)
        let analysis = try #require(findings.analysis)
        #expect(analysis.subagentFiles.count == 2)
        #expect(analysis.statistics.tokensUsed == 43_443 + 110 + 220)
        #expect(analysis.statistics.contextUsed == 13_002)
        #expect(
            findings.warnings.contains { $0.contains("agent-a1b2c3.jsonl") && $0.contains("1 line cut short (line 3)") }
        )
    }

    @Test func nothingFoundListsWhereItLooked() throws {
        let layout = try Layout.make()
        defer { try? FileManager.default.removeItem(at: layout.folder) }
        let result = TranscriptLocator(
            project: layout.project,
            explicitPath: nil,
            sessionID: nil,
            environment: ["HOME": layout.folder.path]
        ).locate()
        #expect(result.location == nil)
        #expect(
            result.searched.contains(
                layout.folder.appendingPathComponent(".claude/projects").appendingPathComponent(
                    TranscriptLocator.folderName(for: layout.project.root.path)
                ).path
            )
        )
        #expect(result.searched.contains(".claude/state/jarvis-tui/sessions.jsonl"))
    }
}
