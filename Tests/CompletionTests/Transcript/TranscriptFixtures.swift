import Foundation

@testable import Completion

/// Transcript lines in the shapes Claude Code writes (copied in structure from real session files: streamed
/// assistant responses repeat `message.id`, `requestId` and `usage` on every content-block line; sidechain lines
/// come from subagents; `<synthetic>` messages carry zero usage; summary and file-history lines have no usage).
enum TranscriptFixtures {
    static let session = "7d3c1a2b-9e8f-4a6b-8c7d-1e2f3a4b5c6d"

    static func common(
        _ cwd: String,
        _ time: String,
        sidechain: Bool = false,
        branch: String = "feature/login"
    ) -> String {
        "\"parentUuid\":null,\"isSidechain\":\(sidechain),\"userType\":\"external\",\"cwd\":\(SampleTranscript.jsonString(cwd)),\"sessionId\":\"\(session)\",\"version\":\"2.0.14\",\"gitBranch\":\"\(branch)\",\"uuid\":\"\(UUID().uuidString.lowercased())\",\"timestamp\":\"\(time)\""
    }

    static func assistant(
        _ cwd: String,
        _ time: String,
        id: String,
        request: String?,
        model: String = "claude-opus-4-1-20250805",
        usage: (Int, Int, Int, Int),
        block: String,
        sidechain: Bool = false
    ) -> String {
        let requestPart = request.map { ",\"requestId\":\"\($0)\"" } ?? ""
        return
            "{\(common(cwd, time, sidechain: sidechain)),\"message\":{\"id\":\"\(id)\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"\(model)\",\"content\":[\(block)],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":\(usage.0),\"cache_creation_input_tokens\":\(usage.2),\"cache_read_input_tokens\":\(usage.3),\"cache_creation\":{\"ephemeral_5m_input_tokens\":\(usage.2),\"ephemeral_1h_input_tokens\":0},\"output_tokens\":\(usage.1),\"service_tier\":\"standard\"}}\(requestPart),\"type\":\"assistant\"}"
    }

    static func user(_ cwd: String, _ time: String, _ text: String) -> String {
        "{\(common(cwd, time)),\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\(SampleTranscript.jsonString(text))}}"
    }

    static func toolResult(_ cwd: String, _ time: String, id: String, output: String) -> String {
        "{\(common(cwd, time)),\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"\(id)\",\"type\":\"tool_result\",\"content\":\(SampleTranscript.jsonString(output)),\"is_error\":false}]},\"toolUseResult\":{\"stdout\":\(SampleTranscript.jsonString(output)),\"stderr\":\"\",\"interrupted\":false,\"isImage\":false}}"
    }

    /// A small session: two streamed responses, a subagent, a synthetic message, a response without request id,
    /// summary, file-history and system lines, and a TodoWrite.
    static func realistic(cwd: String) -> [String] {
        [
            "{\"type\":\"summary\",\"summary\":\"Login form validation\",\"leafUuid\":\"a1b2c3d4-0000-4000-8000-000000000001\"}",
            user(
                cwd,
                "2025-11-20T09:00:00.000Z",
                "Add validation to the login form. My key is sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 don't leak it"
            ),
            "{\"type\":\"file-history-snapshot\",\"messageId\":\"m1\",\"snapshot\":{\"messageId\":\"m1\",\"trackedFileBackups\":{},\"timestamp\":\"2025-11-20T08:59:59.000Z\"},\"isSnapshotUpdate\":false}",
            assistant(
                cwd,
                "2025-11-20T09:00:05.000Z",
                id: "msg_01A",
                request: "req_01A",
                usage: (4, 120, 2_000, 10_000),
                block:
                    "{\"type\":\"thinking\",\"thinking\":\"SECRET-THOUGHT: consider the empty password case\",\"signature\":\"EqQBCkYIBxgCKkB\"}"
            ),
            assistant(
                cwd,
                "2025-11-20T09:00:06.000Z",
                id: "msg_01A",
                request: "req_01A",
                usage: (4, 120, 2_000, 10_000),
                block: "{\"type\":\"text\",\"text\":\"I'll add the checks to `login()`.\"}"
            ),
            assistant(
                cwd,
                "2025-11-20T09:00:07.000Z",
                id: "msg_01A",
                request: "req_01A",
                usage: (4, 120, 2_000, 10_000),
                block:
                    "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"Edit\",\"input\":{\"file_path\":\"/src/auth.py\",\"old_string\":\"a\",\"new_string\":\"b\"}}"
            ),
            toolResult(
                cwd,
                "2025-11-20T09:00:09.000Z",
                id: "toolu_01",
                output: "TOOL-OUTPUT: The file /src/auth.py has been updated."
            ),
            assistant(
                cwd,
                "2025-11-20T09:01:00.000Z",
                id: "msg_01S",
                request: "req_01S",
                model: "claude-haiku-4-5-20251001",
                usage: (900, 40, 0, 0),
                block: "{\"type\":\"text\",\"text\":\"Subagent: found 3 call sites\"}",
                sidechain: true
            ),
            assistant(
                cwd,
                "2025-11-20T09:02:00.000Z",
                id: "msg_01B",
                request: "req_01B",
                usage: (6, 300, 500, 12_500),
                block:
                    "{\"type\":\"tool_use\",\"id\":\"toolu_02\",\"name\":\"TodoWrite\",\"input\":{\"todos\":[{\"content\":\"Add login form validation\",\"status\":\"completed\",\"activeForm\":\"Adding validation\"},{\"content\":\"Write integration tests\",\"status\":\"in_progress\",\"activeForm\":\"Writing tests\"},{\"content\":\"Update the docs\",\"status\":\"pending\",\"activeForm\":\"Updating docs\"}]}}"
            ),
            assistant(
                cwd,
                "2025-11-20T09:02:01.000Z",
                id: "msg_01B",
                request: "req_01B",
                usage: (6, 310, 500, 12_500),
                block:
                    "{\"type\":\"tool_use\",\"id\":\"toolu_03\",\"name\":\"Bash\",\"input\":{\"command\":\"pytest -q\\ntests/test_auth.py\",\"description\":\"Run tests\"}}"
            ),
            assistant(
                cwd,
                "2025-11-20T09:03:00.000Z",
                id: "b3f1c0de-0000-4000-8000-000000000009",
                request: nil,
                model: "<synthetic>",
                usage: (0, 0, 0, 0),
                block: "{\"type\":\"text\",\"text\":\"No response requested.\"}"
            ),
            assistant(
                cwd,
                "2025-11-20T09:04:00.000Z",
                id: "msg_01C",
                request: nil,
                usage: (2, 50, 0, 13_000),
                block:
                    "{\"type\":\"text\",\"text\":\"Validation is in place; AWS key AKIAQ3EGRPT2ZXVJ7K4M was in the logs.\"}"
            ),
            "{\(common(cwd, "2025-11-20T09:05:00.000Z")),\"type\":\"system\",\"subtype\":\"informational\",\"content\":\"Conversation compacted\",\"isMeta\":false,\"level\":\"info\"}",
            assistant(
                cwd,
                "2025-11-20T09:06:00.000Z",
                id: "msg_01D",
                request: "req_01D",
                usage: (1, 20, 0, 4_000),
                block: "{\"type\":\"text\",\"text\":\"Subagent wrap-up\"}",
                sidechain: true
            ),
        ]
    }

    static func write(_ lines: [String], to url: URL, trailingNewline: Bool = true) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var text = lines.joined(separator: "\n")
        if trailingNewline { text += "\n" }
        try Data(text.utf8).write(to: url)
    }

    /// A 2 MB sample transcript with bulky tool output, written to `t.jsonl` in `folder`: what the compressors get.
    static func bulkyTranscript(in folder: URL) throws -> URL {
        let source = folder.appendingPathComponent("t.jsonl")
        var sample = SampleTranscript(sessionID: "s", cwd: "/x", start: Date(timeIntervalSince1970: 0))
        sample.bulk = 3_000
        try sample.write(to: source, targetBytes: 2_000_000)
        return source
    }

    /// `size` bytes, one in `randomEvery` random and the rest a repeating pattern: partly compressible input.
    static func mixedBytes(_ size: Int, randomEvery: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data(
            (0..<size).map { index in
                index % randomEvery == 0 ? UInt8.random(in: 0...255, using: &generator) : UInt8(index % 251)
            }
        )
    }

    static func temporaryFolder(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "jt-transcript-\(name)-\(UUID().uuidString.prefix(8))"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// An independent count by the same rules, written differently: every line fully decoded with
    /// JSONSerialization, deduplication by a dictionary of first occurrences, context from a reversed search.
    static func independentCount(_ url: URL) throws -> (tokens: Int, context: Int?) {
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        var objects: [[String: Any]] = []
        for line in text.split(separator: "\n") {
            if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] {
                objects.append(object)
            }
        }
        func usage(_ o: [String: Any]) -> [String: Int]? {
            guard o["type"] as? String == "assistant", let m = o["message"] as? [String: Any],
                m["model"] as? String != "<synthetic>", let u = m["usage"] as? [String: Any]
            else { return nil }
            var r: [String: Int] = [:]
            for key in ["input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"] {
                r[key] = (u[key] as? NSNumber)?.intValue ?? 0
            }
            return r
        }
        var firstByKey: [String: Int] = [:]
        var tokens = 0
        for (index, o) in objects.enumerated() {
            guard let u = usage(o) else { continue }
            let m = o["message"] as! [String: Any]
            if let id = m["id"] as? String, let request = o["requestId"] as? String {
                let key = id + "/" + request
                if firstByKey[key] != nil { continue }
                firstByKey[key] = index
            }
            tokens += u.values.reduce(0, +)
        }
        let lastMain = objects.reversed().first { usage($0) != nil && ($0["isSidechain"] as? Bool) != true }
        let context = lastMain.flatMap(usage).map {
            $0["input_tokens"]! + $0["cache_creation_input_tokens"]! + $0["cache_read_input_tokens"]!
        }
        return (tokens, context)
    }
}
