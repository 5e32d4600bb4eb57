import Foundation
import Testing

@testable import Completion

@Suite("SessionEnd and SessionStart hooks: no session lost, the checkpoint handed over")
struct SessionHooksTests {
    @Test("session-end appends exactly {session_id, transcript_path, cwd, ended_at, reason} and prints nothing")
    func sessionEndRecord() throws {
        let test = try HooksTestProject()
        defer { test.remove() }
        let ended = Date(timeIntervalSince1970: 1_795_000_000)
        let handler = HookHandler(environment: [:], now: { ended })
        let reply = handler.handle(
            .sessionEnd,
            input: HooksPayload.sessionEnd(cwd: test.root.path, session: "s-1", reason: "logout")
        )
        #expect(reply == .silent)
        _ = handler.handle(
            .sessionEnd,
            input: HooksPayload.sessionEnd(cwd: test.root.path, session: "s-2", reason: "clear")
        )
        let lines = try #require(test.read(".claude/state/jarvis-tui/sessions.jsonl")).split(separator: "\n").map(
            String.init
        )
        #expect(lines.count == 2)
        #expect(
            lines[0]
                == #"{"session_id":"s-1","transcript_path":"/home/user/.claude/projects/-work-app/s-1.jsonl","cwd":"\#(test.root.path)","ended_at":"\#(Timestamp.iso(ended))","reason":"logout"}"#
        )
        let parsed = try OrderedJSON.parse(Data(lines[1].utf8))
        guard case .object(let members) = parsed else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["session_id", "transcript_path", "cwd", "ended_at", "reason"])
        #expect(EndedSessionLog.read(test.project).map(\.sessionID) == ["s-1", "s-2"])
    }

    @Test("concurrent session-end hooks (two windows closing) lose no line")
    func concurrentEnds() async throws {
        let test = try HooksTestProject()
        defer { test.remove() }
        let root = test.root.path
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    _ = HookHandler(environment: [:]).handle(
                        .sessionEnd,
                        input: HooksPayload.sessionEnd(cwd: root, session: "s-\(index)")
                    )
                }
            }
        }
        let sessions = EndedSessionLog.read(test.project)
        #expect(Set(sessions.compactMap(\.sessionID)) == Set((0..<40).map { "s-\($0)" }))
    }

    @Test("session-end outside any project records nothing and still exits 0; a torn line is skipped when read")
    func sessionEndEdges() throws {
        let outside = HookHandler(environment: [:]).handle(
            .sessionEnd,
            input: HooksPayload.sessionEnd(cwd: "/", session: "x")
        )
        #expect(outside == .silent)
        let test = try HooksTestProject()
        defer { test.remove() }
        try test.write(
            ".claude/state/jarvis-tui/sessions.jsonl",
            #"{"session_id":"a","ended_at":"2026-11-01T10:00:00.000Z"}"# + "\n"
                + #"{"session_id":"b","ended_at":"2026-11-0"# + "\n"
        )
        _ = HookHandler(environment: [:]).handle(
            .sessionEnd,
            input: HooksPayload.sessionEnd(cwd: test.root.path, session: "c")
        )
        #expect(EndedSessionLog.read(test.project).compactMap(\.sessionID) == ["a", "c"])
    }

    @Test("session-start adds the checkpoint to the new session's context")
    func checkpointHandedOver() throws {
        let test = try HooksTestProject()
        defer { test.remove() }
        let checkpoint =
            "---\ncreated: 2026-11-24T18:00:00.000Z\nsession: s-1\nstatus: completed\n---\n\n## Next Session Instructions\n\nContinue with: write the integration tests\n"
        try test.write(".claude/context/.checkpoint.md", checkpoint)
        let reply = HookHandler(environment: [:]).handle(
            .sessionStart,
            input: HooksPayload.sessionStart(cwd: test.root.path)
        )
        let context = try #require(try hooksContext(reply, event: "SessionStart"))
        #expect(context.contains(checkpoint))
        #expect(!context.contains("without a session completion"))
        // Resumed or compacted sessions keep their own context.
        #expect(
            HookHandler(environment: [:]).handle(
                .sessionStart,
                input: HooksPayload.sessionStart(cwd: test.root.path, source: "resume")
            ) == .silent
        )
        #expect(
            HookHandler(environment: [:]).handle(
                .sessionStart,
                input: HooksPayload.sessionStart(cwd: test.root.path, source: "compact")
            ) == .silent
        )
        #expect(
            try hooksContext(
                HookHandler(environment: [:]).handle(
                    .sessionStart,
                    input: HooksPayload.sessionStart(cwd: test.root.path, source: "clear")
                ),
                event: "SessionStart"
            ) != nil
        )
    }

    @Test("a huge checkpoint is cut with a pointer to the file")
    func hugeCheckpoint() throws {
        let test = try HooksTestProject()
        defer { test.remove() }
        try test.write(".claude/context/.checkpoint.md", String(repeating: "line of checkpoint text\n", count: 20_000))
        let context = try #require(
            try hooksContext(
                HookHandler(environment: [:]).handle(
                    .sessionStart,
                    input: HooksPayload.sessionStart(cwd: test.root.path)
                ),
                event: "SessionStart"
            )
        )
        #expect(context.count < HookHandler.checkpointLimit + 1_000)
        #expect(context.contains("read the whole file: .claude/context/.checkpoint.md"))
    }

    @Test("a session that ended without a completion is pointed out, with the command to complete it")
    func incompleteSessionNote() throws {
        let test = try HooksTestProject()
        defer { test.remove() }
        let base = Date(timeIntervalSince1970: 1_795_000_000)
        func end(_ id: String, at offset: TimeInterval) {
            _ = HookHandler(environment: [:], now: { base.addingTimeInterval(offset) })
                .handle(
                    .sessionEnd,
                    input: HooksPayload.sessionEnd(cwd: test.root.path, session: id, reason: "prompt_input_exit")
                )
        }
        func checkpoint(at offset: TimeInterval) throws {
            try test.write(
                ".claude/context/.checkpoint.md",
                "---\ncreated: \(Timestamp.iso(base.addingTimeInterval(offset)))\nstatus: completed\n---\nContinue with: X\n"
            )
        }
        func startContext() throws -> String? {
            try hooksContext(
                HookHandler(environment: [:]).handle(
                    .sessionStart,
                    input: HooksPayload.sessionStart(cwd: test.root.path, session: "new")
                ),
                event: "SessionStart"
            )
        }

        // No record, no checkpoint: nothing to say.
        #expect(try startContext() == nil)
        // One session ended, never completed.
        end("s-1", at: 0)
        let first = try #require(try startContext())
        #expect(first.contains("the previous session (s-1"))
        #expect(
            first.contains(
                "jarvis-tui end-session --plain --yes --session-id s-1 --transcript /home/user/.claude/projects/-work-app/s-1.jsonl"
            )
        )
        // Completed later (checkpoint written after it ended): no note any more.
        try checkpoint(at: 60)
        #expect(try startContext()?.contains("without a session completion") == false)
        // The next session completed inside itself (/end-session), then the window closed: no note.
        try checkpoint(at: 3_000)
        end("s-2", at: 3_600)
        #expect(try startContext()?.contains("without a session completion") == false)
        // The session after that ended without a completion: the note names it.
        end("s-3", at: 7_200)
        let third = try #require(try startContext())
        #expect(third.contains("the previous session (s-3"))
        #expect(third.contains("Continue with: X"))  // and the checkpoint is still handed over
    }
}
