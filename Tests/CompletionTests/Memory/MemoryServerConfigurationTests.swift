import Foundation
import Testing

@testable import Completion

@Suite("Memory .mcp.json and ${VAR} expansion")
struct MemoryServerConfigurationTests {
    func parse(_ json: String, name: String = "memory", env: [String: String] = [:]) -> MemoryServerLookup {
        MemoryServerConfiguration.parse(
            Data(json.utf8),
            file: ".mcp.json",
            serverName: name,
            environment: env,
            directory: nil
        )
    }

    @Test func expandsVariablesTheWayClaudeCodeDoes() {
        var expansion = EnvironmentExpansion(environment: ["HOME": "/home/ann", "EMPTY": ""])
        #expect(expansion.expand("${HOME}/memory.jsonl") == "/home/ann/memory.jsonl")
        #expect(expansion.expand("${UNSET:-/tmp/fallback}") == "/tmp/fallback")
        #expect(expansion.expand("${HOME:-/ignored}") == "/home/ann")
        #expect(expansion.expand("${EMPTY:-default}") == "", "a set but empty variable is set")
        #expect(
            expansion.expand("$HOME and $(whoami)") == "$HOME and $(whoami)",
            "bare $VAR and shell syntax stay as written"
        )
        #expect(expansion.expand("${A:-${HOME}}") == "${HOME}", "one pass: a nested default is not expanded again")
        #expect(expansion.expand("${MISSING}/x") == "${MISSING}/x")
        #expect(expansion.expand("${UNTERMINATED") == "${UNTERMINATED")
        #expect(expansion.missing == ["MISSING"])
    }

    @Test func readsAStdioServerWithExpandedCommandArgsAndEnv() {
        let json = #"""
            {"mcpServers": {"memory": {"command": "${TOOLS:-/opt}/bin/mcp-server-memory", "args": ["--store", "${HOME}/m.jsonl"],
              "env": {"MEMORY_FILE_PATH": "${HOME}/.memory.jsonl", "TOKEN": "${NOT_SET}"}}}}
            """#
        guard case .stdio(let launch, let warnings) = parse(json, env: ["HOME": "/home/ann"]) else {
            Issue.record("expected a stdio server"); return
        }
        #expect(launch.command == "/opt/bin/mcp-server-memory")
        #expect(launch.arguments == ["--store", "/home/ann/m.jsonl"])
        #expect(launch.environment == ["MEMORY_FILE_PATH": "/home/ann/.memory.jsonl", "TOKEN": "${NOT_SET}"])
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("${NOT_SET}") == true)
    }

    @Test func httpAndSSEServersAreUnsupported() {
        for json in [
            #"{"mcpServers":{"memory":{"type":"http","url":"https://x/mcp"}}}"#,
            #"{"mcpServers":{"memory":{"type":"sse","url":"https://x/sse"}}}"#,
            #"{"mcpServers":{"memory":{"url":"https://x/mcp"}}}"#,
        ] {
            guard case .unsupported(let reason) = parse(json) else {
                Issue.record("\(json) must be unsupported"); continue
            }
            #expect(reason.contains(".mcp.json `mcpServers.memory`"))
        }
    }

    @Test func missingPiecesAreNotConfigured() {
        #expect({ if case .notConfigured = parse("{}") { true } else { false } }())
        guard case .notConfigured(let reason) = parse(#"{"mcpServers":{"git":{"command":"x"},"fs":{"command":"y"}}}"#)
        else {
            Issue.record("expected notConfigured"); return
        }
        #expect(reason.contains("(it has: fs, git)"))
    }

    @Test func brokenFilesAreNamedWithWhatToFix() {
        let cases: [(String, String)] = [
            ("{\"mcpServers\": {\"memory\": {\"command\": \"x\"", "not valid JSON"),
            ("{\"mcpServers\":\n {\"memory\": {\"command\": \"x\",, }}}", "line 2"),
            ("[1, 2]", "top level must be a JSON object"),
            (#"{"mcpServers": ["memory"]}"#, "`mcpServers` must be an object"),
            (#"{"mcpServers": {"memory": "npx"}}"#, "must be an object"),
            (#"{"mcpServers": {"memory": {"args": []}}}"#, "has no `command`"),
            (#"{"mcpServers": {"memory": {"command": "  "}}}"#, "has no `command`"),
            (#"{"mcpServers": {"memory": {"command": "x", "args": "--flag"}}}"#, "`args` must be a list of strings"),
            (#"{"mcpServers": {"memory": {"command": "x", "args": [1]}}}"#, "`args` must be a list of strings"),
            (
                #"{"mcpServers": {"memory": {"command": "x", "env": {"A": 1}}}}"#,
                "`env` must be an object of string values"
            ),
            (#"{"mcpServers": {"memory": {"command": "x", "type": 7}}}"#, "`type` must be a string"),
            (#"{"mcpServers": {"memory": {"command": "x", "type": "carrier-pigeon"}}}"#, "unknown `type`"),
            ("\u{FF}\u{FE}garbage", "not valid JSON"),
            ("", "not valid JSON"),
        ]
        for (json, expected) in cases {
            guard case .invalid(let message) = parse(json) else {
                Issue.record("\(json.debugDescription) must be invalid"); continue
            }
            #expect(message.contains(expected), "\(json.debugDescription): \(message)")
            #expect(message.hasPrefix(".mcp.json"))
        }
    }

    @Test func aHugeFileIsRefusedWithoutParsing() {
        let huge = Data(count: MemoryServerConfiguration.maximumFileSize + 1)
        guard
            case .invalid(let message) = MemoryServerConfiguration.parse(
                huge,
                file: ".mcp.json",
                serverName: "memory",
                environment: [:],
                directory: nil
            )
        else {
            Issue.record("expected invalid"); return
        }
        #expect(message.contains("larger than"))
    }

    @Test func deeplyNestedHostileJSONIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        if case .stdio = parse(deep) { Issue.record("must not be a server") }
    }

    @Test func theProjectFileIsReadFromTheProjectRoot() throws {
        let folder = try MemoryTestProject()
        guard
            case .notConfigured(let reason) = MemoryServerConfiguration.lookup(
                project: folder.project,
                serverName: "memory",
                environment: folder.environment
            )
        else {
            Issue.record("no file: not configured"); return
        }
        #expect(reason.contains("no .mcp.json"))
        try folder.configureServer()
        guard
            case .stdio(let launch, _) = MemoryServerConfiguration.lookup(
                project: folder.project,
                serverName: "memory",
                environment: folder.environment
            )
        else {
            Issue.record("expected the server"); return
        }
        #expect(launch.directory == folder.project.root)
        #expect(launch.environment["MEMORY_FILE_PATH"] == folder.store.path)
    }
}
