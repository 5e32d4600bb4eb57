import Foundation

/// Writes a deterministic transcript in the line shapes Claude Code writes (`user`, `assistant` streamed one
/// content block per line with repeated usage, tool results, sidechain lines, a `<synthetic>` message,
/// `summary`, `file-history-snapshot` and `system` lines). Used by the demo, the benchmark and the tests.
package struct SampleTranscript {
    package var sessionID: String
    package var cwd: String
    package var gitBranch: String
    package var start: Date
    package var model = "claude-sonnet-4-5-20250929"
    /// Bytes of filler per tool result, thinking block and text; larger values give larger lines.
    package var bulk = 1_500
    /// Seconds between the starts of two exchanges.
    package var turnSpacing: TimeInterval = 40

    package init(sessionID: String, cwd: String, gitBranch: String = "main", start: Date) {
        self.sessionID = sessionID
        self.cwd = cwd
        self.gitBranch = gitBranch
        self.start = start
    }

    /// The prompts and replies of the demo conversation; the generator cycles through them.
    static let prompts = [
        "Add validation to the login form: reject empty user names and passwords.",
        "Now paginate the items endpoint, 50 per page by default.",
        "There is a race in the token refresh — two requests refresh at once. Fix it with a lock. The staging token is ghp_Zx8Qm2Lr5Tv9Wk3Np7Bc1Df4Gh6Jk0Ls2Mq8 if you need it.",
        "Write an ADR for keeping sessions server-side.",
    ]
    static let replies = [
        "I'll add the checks to `login()` and raise a `ValueError` with a clear message.",
        "Done: `get_items(limit=50)` now passes the limit through to `fetch`.",
        "The refresh now runs under `LOCK`, so a second caller waits and reuses the new token — café ☕ tested.",
        "I wrote docs/adr-007-sessions.md with the decision and its consequences.",
    ]

    /// Writes turns until the file reaches `targetBytes` (at least one turn). Streams: never holds the file.
    @discardableResult
    package func write(to url: URL, targetBytes: Int, turnsLimit: Int = .max) throws -> Int {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw FileWriteError(path: url.path, reason: "cannot create the file")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer = ""
        var written = 0
        var turn = 0
        func flush() throws {
            let data = Data(buffer.utf8)
            try handle.write(contentsOf: data)
            written += data.count
            buffer = ""
        }
        buffer += summaryLine() + "\n"
        while turn < turnsLimit && (turn == 0 || written + buffer.utf8.count < targetBytes) {
            for line in turnLines(turn) { buffer += line + "\n" }
            turn += 1
            if buffer.utf8.count > 1 << 20 { try flush() }
        }
        try flush()
        return written
    }

    /// The lines of one user → assistant exchange (with a tool call and its result).
    package func turnLines(_ turn: Int) -> [String] {
        let t = Double(turn) * turnSpacing
        let filler = fillerText(turn)
        let toolID = "toolu_01\(hex(turn, 22))"
        let prompt = Self.prompts[turn % Self.prompts.count]
        var lines = [
            common(parent: turn == 0 ? nil : uuid(turn - 1, 5), uuid: uuid(turn, 1), t: t, sidechain: false)
                + ",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\(json(prompt))}}"
        ]
        lines += assistantLines(turn, t: t, filler: filler, toolID: toolID)
        lines.append(
            common(parent: uuid(turn, 4), uuid: uuid(turn, 5), t: t + 9, sidechain: false)
                + ",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"\(toolID)\",\"type\":\"tool_result\",\"content\":\(json(String(filler.prefix(bulk * 3)))),\"is_error\":false}]},\"toolUseResult\":{\"stdout\":\(json(String(filler.prefix(bulk)))),\"stderr\":\"\",\"interrupted\":false,\"isImage\":false}}"
        )
        lines += occasionalLines(turn, t: t)
        return lines
    }

    /// The streamed assistant response: thinking, text and tool_use blocks, one line each, same id and usage.
    private func assistantLines(_ turn: Int, t: Double, filler: String, toolID: String) -> [String] {
        let reply = Self.replies[turn % Self.replies.count]
        let messageID = "msg_01\(hex(turn, 22))"
        let requestID = "req_011\(hex(turn &* 7 &+ 3, 21))"
        let userID = uuid(turn, 1), assistantID = uuid(turn, 2)
        let usage =
            "{\"input_tokens\":\(3 + turn % 11),\"cache_creation_input_tokens\":\(400 + (turn * 37) % 900),\"cache_read_input_tokens\":\(12_000 + turn * 120),\"output_tokens\":\(80 + (turn * 13) % 400),\"service_tier\":\"standard\"}"
        let head =
            "{\"id\":\"\(messageID)\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"\(model)\",\"content\":"
        let tail =
            ",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":\(usage)},\"requestId\":\"\(requestID)\",\"type\":\"assistant\""
        let (tool, input) = Self.toolCalls[turn % Self.toolCalls.count]
        return [
            common(
                parent: userID,
                uuid: uuid(turn, 3),
                t: t + 2,
                sidechain: false,
                message: head
                    + "[{\"type\":\"thinking\",\"thinking\":\(json("Let me look at the code first. " + String(filler.prefix(bulk)))),"
                    + "\"signature\":\"\(hex(turn, 64))\"}]" + tail
            ),
            common(
                parent: uuid(turn, 3),
                uuid: assistantID,
                t: t + 3,
                sidechain: false,
                message: head
                    + "[{\"type\":\"text\",\"text\":\(json(reply))}]" + tail
            ),
            common(
                parent: assistantID,
                uuid: uuid(turn, 4),
                t: t + 4,
                sidechain: false,
                message: head
                    + "[{\"type\":\"tool_use\",\"id\":\"\(toolID)\",\"name\":\"\(tool)\",\"input\":\(input)}]" + tail
            ),
        ]
    }

    /// The lines some exchanges add: a subagent's sidechain request, a `<synthetic>` message, a file-history
    /// snapshot and a compaction boundary.
    private func occasionalLines(_ turn: Int, t: Double) -> [String] {
        var lines: [String] = []
        if turn % 3 == 1 {
            // A subagent's request on the sidechain: counted in tokens, never as the main context.
            lines.append(
                common(
                    parent: nil,
                    uuid: uuid(turn, 6),
                    t: t + 10,
                    sidechain: true,
                    message:
                        "{\"id\":\"msg_01s\(hex(turn, 21))\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-5-20251001\",\"content\":[{\"type\":\"text\",\"text\":\"Found 3 call sites of refresh().\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":900,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":40}},\"requestId\":\"req_011s\(hex(turn, 20))\",\"type\":\"assistant\""
                )
            )
        }
        if turn % 7 == 3 {
            lines.append(
                common(
                    parent: uuid(turn, 5),
                    uuid: uuid(turn, 7),
                    t: t + 11,
                    sidechain: false,
                    message:
                        "{\"id\":\"\(uuid(turn, 8))\",\"model\":\"<synthetic>\",\"role\":\"assistant\",\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"\",\"type\":\"message\",\"usage\":{\"input_tokens\":0,\"output_tokens\":0,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0},\"content\":[{\"type\":\"text\",\"text\":\"No response requested.\"}]},\"type\":\"assistant\""
                )
            )
        }
        if turn % 4 == 2 {
            let userID = uuid(turn, 1)
            lines.append(
                "{\"type\":\"file-history-snapshot\",\"messageId\":\"\(userID)\",\"snapshot\":{\"messageId\":\"\(userID)\",\"trackedFileBackups\":{\"src/auth.py\":{\"backupFileName\":\"\(hex(turn, 16))@v2\",\"version\":2,\"backupTime\":\"\(stamp(t + 1))\"}},\"timestamp\":\"\(stamp(t + 1))\"},\"isSnapshotUpdate\":false}"
            )
        }
        if turn % 6 == 5 {
            lines.append(
                common(parent: uuid(turn, 5), uuid: uuid(turn, 9), t: t + 12, sidechain: false)
                    + ",\"type\":\"system\",\"subtype\":\"compact_boundary\",\"content\":\"Conversation compacted\",\"isMeta\":false,\"level\":\"info\"}"
            )
        }
        return lines
    }

    /// One tool call per exchange, cycling: edits, a test run, a new file, and the todo list.
    static let toolCalls: [(String, String)] = [
        (
            "Edit",
            "{\"file_path\":\"src/auth.py\",\"old_string\":\"return check(user, password)\",\"new_string\":\"if not user or not password:\\n        raise ValueError(\\\"missing credentials\\\")\\n    return check(user, password)\"}"
        ),
        (
            "Edit",
            "{\"file_path\":\"src/api.py\",\"old_string\":\"def get_items():\",\"new_string\":\"def get_items(limit=50):\"}"
        ),
        ("Bash", "{\"command\":\"pytest -q tests/test_tokens.py\",\"description\":\"Run the token tests\"}"),
        ("Write", "{\"file_path\":\"docs/adr-007-sessions.md\",\"content\":\"# ADR 007: Server-side sessions\\n\"}"),
        (
            "TodoWrite",
            "{\"todos\":[{\"content\":\"Write integration tests for the token refresh fix\",\"status\":\"in_progress\",\"activeForm\":\"Writing integration tests\"},{\"content\":\"Add login form validation\",\"status\":\"completed\",\"activeForm\":\"Adding validation\"},{\"content\":\"Update the API docs\",\"status\":\"pending\",\"activeForm\":\"Updating the API docs\"}]}"
        ),
    ]

    func summaryLine() -> String {
        "{\"type\":\"summary\",\"summary\":\"Hardening authentication before the beta\",\"leafUuid\":\"\(uuid(0, 5))\"}"
    }

    private func common(parent: String?, uuid: String, t: Double, sidechain: Bool, message: String? = nil) -> String {
        var line =
            "{\"parentUuid\":\(parent.map { "\"\($0)\"" } ?? "null"),\"isSidechain\":\(sidechain),\"userType\":\"external\",\"cwd\":\(json(cwd)),\"sessionId\":\"\(sessionID)\",\"version\":\"2.0.14\",\"gitBranch\":\(json(gitBranch))"
        if let message {
            line += ",\"message\":" + message + ",\"uuid\":\"\(uuid)\",\"timestamp\":\"\(stamp(t))\"}"
        } else {
            line += ",\"uuid\":\"\(uuid)\",\"timestamp\":\"\(stamp(t))\""
        }
        return line
    }

    /// `2025-11-20T09:00:00.000Z`, formatted by hand: a formatter per line would dominate generation time.
    private func stamp(_ offset: Double) -> String {
        let seconds = start.timeIntervalSince1970 + offset
        var whole = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&whole, &parts)
        let millis = Int(((seconds - seconds.rounded(.down)) * 1000).rounded())
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
            Int(parts.tm_year) + 1900,
            Int(parts.tm_mon) + 1,
            Int(parts.tm_mday),
            Int(parts.tm_hour),
            Int(parts.tm_min),
            Int(parts.tm_sec),
            min(millis, 999)
        )
    }

    private func uuid(_ turn: Int, _ slot: Int) -> String {
        let h = hex(turn &* 16 &+ slot, 32)
        let c = Array(h)
        return
            "\(String(c[0..<8]))-\(String(c[8..<12]))-4\(String(c[13..<16]))-a\(String(c[17..<20]))-\(String(c[20..<32]))"
    }

    private func hex(_ value: Int, _ width: Int) -> String {
        var x = UInt64(bitPattern: Int64(value)) &+ 0x9E37_79B9_7F4A_7C15
        var out = ""
        while out.count < width {
            x ^= x >> 30; x = x &* 0xBF58_476D_1CE4_E5B9; x ^= x >> 27; x = x &* 0x94D0_49BB_1331_11EB; x ^= x >> 31
            out += String(x, radix: 16)
        }
        return String(out.prefix(width))
    }

    private func fillerText(_ turn: Int) -> String {
        let words = [
            "def", "refresh(token):", "with", "LOCK:", "return", "renew(token)", "assert", "status", "==", "200",
            "\"quoted\"", "path\\to\\file", "tab\there", "ok", "self.items", "for", "item", "in", "FAILED",
            "tests/test_auth.py::test_login", "passed", "in", "0.42s",
        ]
        var text = ""
        var k = turn
        while text.utf8.count < bulk * 3 {
            text += words[k % words.count]
            text += k % 9 == 0 ? "\n" : " "
            k = k &* 31 &+ 7
            k = abs(k % 10_007)
        }
        return text
    }

    /// A JSON string literal for `text`.
    func json(_ text: String) -> String { SampleTranscript.jsonString(text) }
    func json(_ text: Substring) -> String { SampleTranscript.jsonString(String(text)) }

    package static func jsonString(_ text: String) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(text.utf8.count + 16)
        let hex = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(0x5C); out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C); out.append(UInt8(ascii: "\\"))
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0..<0x20: out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }
}
