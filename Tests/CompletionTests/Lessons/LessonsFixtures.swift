import Foundation

@testable import Completion

/// A session transcript in Claude Code's line shapes with what the built-in reflection looks for: two user
/// corrections (lines 4 and 15), a failing test run retried with success (lines 5–8), two failed reads with the
/// same error that were not retried, and turns that look like corrections but are not (the first prompt starts
/// with "No", a thank-you mentions "no problem").
enum LessonsFixtures {
    static let firstCorrection = "No, use 3 attempts at most: the server rate-limits us."
    static let secondCorrection = "I said only the uploader — revert the logger change."
    static let retriedCommand = "pytest -q tests/test_upload.py"

    static func transcript(cwd: String) -> [String] {
        let t = TranscriptFixtures.self
        func text(_ time: String, _ id: String, _ words: String) -> String {
            t.assistant(
                cwd,
                time,
                id: id,
                request: "req_\(id)",
                usage: (3, 40, 0, 9_000),
                block: "{\"type\":\"text\",\"text\":\(SampleTranscript.jsonString(words))}"
            )
        }
        func tool(_ time: String, _ id: String, _ name: String, _ input: String) -> String {
            t.assistant(
                cwd,
                time,
                id: "msg_\(id)",
                request: "req_\(id)",
                usage: (3, 40, 0, 9_000),
                block: "{\"type\":\"tool_use\",\"id\":\"\(id)\",\"name\":\"\(name)\",\"input\":\(input)}"
            )
        }
        let bash = "{\"command\":\"\(retriedCommand)\",\"description\":\"Run the upload tests\"}"
        return [
            "{\"type\":\"summary\",\"summary\":\"Uploader retries\",\"leafUuid\":\"a1b2c3d4-0000-4000-8000-000000000001\"}",
            t.user(cwd, "2026-11-20T09:00:00.000Z", "No tests exist yet; add a retry to the uploader."),
            text("2026-11-20T09:00:05.000Z", "msg_01", "I'll wrap upload() in a retry loop with 5 attempts."),
            t.user(cwd, "2026-11-20T09:01:00.000Z", firstCorrection),
            tool("2026-11-20T09:01:05.000Z", "toolu_01", "Bash", bash),
            error(
                cwd,
                "2026-11-20T09:01:09.000Z",
                id: "toolu_01",
                output: "Exit code 1\nFAILED tests/test_upload.py::test_retry - assert 5 == 3"
            ),
            tool("2026-11-20T09:01:30.000Z", "toolu_02", "Bash", bash),
            t.toolResult(cwd, "2026-11-20T09:01:34.000Z", id: "toolu_02", output: "4 passed in 0.30s"),
            tool("2026-11-20T09:02:00.000Z", "toolu_03", "Read", "{\"file_path\":\"/src/missing.py\"}"),
            error(
                cwd,
                "2026-11-20T09:02:01.000Z",
                id: "toolu_03",
                output: "<tool_use_error>File does not exist.</tool_use_error>"
            ),
            tool("2026-11-20T09:02:10.000Z", "toolu_04", "Read", "{\"file_path\":\"/src/gone.py\"}"),
            error(
                cwd,
                "2026-11-20T09:02:11.000Z",
                id: "toolu_04",
                output: "<tool_use_error>File does not exist.</tool_use_error>"
            ),
            text("2026-11-20T09:03:00.000Z", "msg_02", "Done. I also refactored the logger."),
            t.user(cwd, "2026-11-20T09:04:00.000Z", "Thanks, no problem with the tests. Anything left?"),
            text("2026-11-20T09:04:05.000Z", "msg_03", "Only the logger clean-up."),
            t.user(cwd, "2026-11-20T09:05:00.000Z", secondCorrection),
            text("2026-11-20T09:05:05.000Z", "msg_04", "Reverted the logger change."),
        ]
    }

    static func error(_ cwd: String, _ time: String, id: String, output: String) -> String {
        TranscriptFixtures.toolResult(cwd, time, id: id, output: output)
            .replacingOccurrences(of: "\"is_error\":false", with: "\"is_error\":true")
    }

    /// Writes the transcript into `folder` and returns its URL.
    static func write(in folder: URL, cwd: String) throws -> URL {
        let url = folder.appendingPathComponent("session.jsonl")
        try TranscriptFixtures.write(transcript(cwd: cwd), to: url)
        return url
    }

    static func count(_ needle: String, in text: String?) -> Int {
        (text ?? "").components(separatedBy: needle).count - 1
    }
}
