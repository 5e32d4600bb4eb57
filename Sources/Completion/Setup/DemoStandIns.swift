import Foundation

/// What the demo adds so the Tier 2 cycles do their real work on the sample project: a stretch of conversation
/// in which the user corrects the assistant twice and a failing test run is retried (for the built-in
/// reflection), and a STAND-IN `claude` program (for evolution and R&D, which run `claude -p` with the shipped
/// prompts). The stand-in lives in the demo's temp folder and is put on PATH for the demo run only: it calls no
/// model, it shows the prompt it was given.
enum DemoStandIns {
    static let claudeFolderName = "stand-in-claude-for-the-demo"

    static let claudeScript = """
        #!/bin/sh
        # STAND-IN for the Claude Code CLI, written by `jarvis-tui demo` for the demo only: it calls no model.
        # jarvis-tui runs `claude -p <prompt of .claude/commands/<cycle>.md> [--allowedTools …]`; this shows the
        # prompt it was given.
        prompt=""
        while [ $# -gt 0 ]; do
          case "$1" in
            -p) prompt="$2"; shift 2 ;;
            *) shift ;;
          esac
        done
        title=$(printf '%s\\n' "$prompt" | grep -m1 '^# ' || true)
        lines=$(printf '%s\\n' "$prompt" | wc -l)
        echo "[stand-in claude] prompt received: ${title:-(untitled)} ($lines lines)"
        echo "[stand-in claude] no model is called in the demo; with Claude Code installed the real claude runs here"

        """

    static func writeClaude(in folder: URL) throws {
        let url = folder.appendingPathComponent("claude")
        try AtomicFile.write(claudeScript, to: url)
        guard chmod(url.path, 0o755) == 0 else {
            throw FileWriteError(path: url.path, reason: String(cString: strerror(errno)))
        }
    }

    /// Appends the exchange with two corrections and a retried failing tool call to the demo transcript.
    static func appendLessonTurns(to url: URL, sessionID: String, cwd: String, at start: Date) throws {
        var lines: [String] = []
        var second = 0.0
        func line(_ type: String, _ message: String) {
            second += 5
            let stamp = Timestamp.iso(start.addingTimeInterval(second))
            lines.append(
                "{\"parentUuid\":null,\"isSidechain\":false,\"userType\":\"external\","
                    + "\"cwd\":\(SampleTranscript.jsonString(cwd)),\"sessionId\":\"\(sessionID)\",\"version\":\"2.0.14\","
                    + "\"gitBranch\":\"main\",\"uuid\":\"\(UUID().uuidString.lowercased())\",\"timestamp\":\"\(stamp)\","
                    + "\"type\":\"\(type)\",\"message\":\(message)}"
            )
        }
        let usage =
            "\"usage\":{\"input_tokens\":4,\"cache_creation_input_tokens\":120,\"cache_read_input_tokens\":13000,\"output_tokens\":60}"
        func assistant(_ block: String) {
            line(
                "assistant",
                "{\"id\":\"msg_demo\(lines.count)\",\"type\":\"message\",\"role\":\"assistant\","
                    + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[\(block)],\(usage)}"
            )
        }
        func user(_ text: String) {
            line("user", "{\"role\":\"user\",\"content\":\(SampleTranscript.jsonString(text))}")
        }
        func result(_ id: String, _ output: String, error: Bool) {
            line(
                "user",
                "{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"\(id)\",\"type\":\"tool_result\","
                    + "\"content\":\(SampleTranscript.jsonString(output)),\"is_error\":\(error)}]}"
            )
        }
        let test = "{\"command\":\"pytest -q tests/test_api.py\",\"description\":\"Run the API tests\"}"
        assistant("{\"type\":\"text\",\"text\":\"I raised the default page size to 100.\"}")
        user("No, keep the default at 50: the mobile client depends on it.")
        assistant("{\"type\":\"tool_use\",\"id\":\"toolu_demo_1\",\"name\":\"Bash\",\"input\":\(test)}")
        result(
            "toolu_demo_1",
            "Exit code 1\nFAILED tests/test_api.py::test_default_limit - assert 100 == 50",
            error: true
        )
        assistant("{\"type\":\"tool_use\",\"id\":\"toolu_demo_2\",\"name\":\"Bash\",\"input\":\(test)}")
        result("toolu_demo_2", "3 passed in 0.21s", error: false)
        assistant("{\"type\":\"text\",\"text\":\"The default is 50 again and the tests pass. Shall I push to main?\"}")
        user("Don't push to main directly; open a pull request instead.")
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
