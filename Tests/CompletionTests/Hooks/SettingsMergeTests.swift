import Foundation
import Testing

@testable import Completion

@Suite("init merges the hooks into .claude/settings.local.json")
struct SettingsMergeTests {
    static let foreign = """
        {
          "$schema": "https://json.schemastore.org/claude-code-settings.json",
          "permissions": {
            "allow": [
              "Bash(npm run test:*)",
              "Read(~/.zshrc)"
            ],
            "deny": []
          },
          "env": {
            "FOO": "bär \\"quoted\\" \\\\ path/with/slash",
            "EMOJI": "🚀"
          },
          "hooks": {
            "PreToolUse": [
              {
                "matcher": "Bash",
                "hooks": [
                  {
                    "type": "command",
                    "command": "./check.sh",
                    "timeout": 30
                  }
                ]
              }
            ],
            "UserPromptSubmit": [
              {
                "hooks": [
                  {
                    "type": "command",
                    "command": "echo prompt-context"
                  }
                ]
              }
            ]
          },
          "cleanupPeriodDays": 1.0e2,
          "includeCoAuthoredBy": false,
          "statusLine": null
        }

        """

    private func files(_ root: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[url.path] = FileManager.default.contents(atPath: url.path)
            }
        }
        return result
    }

    @Test("init twice leaves exactly the files init once leaves")
    func idempotent() throws {
        let test = try HooksTestProject()
        defer { test.remove() }
        try test.write(".claude/settings.local.json", Self.foreign)
        let first = try ProjectInitializer(project: test.project).run()
        #expect(first.updated.contains { $0.hasPrefix(".claude/settings.local.json") })
        let once = files(test.root)
        let second = try ProjectInitializer(project: test.project).run()
        #expect(files(test.root) == once)
        #expect(second.kept.contains(".claude/settings.local.json"))
        #expect(second.created.isEmpty && second.updated.isEmpty)
    }

    @Test("every foreign key, value and order survives; the three hooks are added in Claude Code's shape")
    func keepsForeignKeys() throws {
        let test = try HooksTestProject()
        defer { test.remove() }
        try test.write(".claude/settings.local.json", Self.foreign)
        _ = try ProjectInitializer(project: test.project).run()
        let before = try OrderedJSON.parse(Data(Self.foreign.utf8))
        let after = try OrderedJSON.parse(Data(try #require(test.read(".claude/settings.local.json")).utf8))
        guard case .object(let old) = before, case .object(let new) = after else { Issue.record("not objects"); return }
        #expect(new.map(\.key) == old.map(\.key))
        for member in old where member.key != "hooks" {
            #expect(after[member.key] == member.value, "\(member.key)")
        }
        #expect(after["cleanupPeriodDays"] == .number("1.0e2"))
        #expect(after["env"]?["FOO"]?.stringValue == "bär \"quoted\" \\ path/with/slash")
        guard case .object(let hooks)? = after["hooks"] else { Issue.record("no hooks"); return }
        #expect(hooks.map(\.key) == ["PreToolUse", "UserPromptSubmit", "SessionStart", "SessionEnd"])
        #expect(after["hooks"]?["PreToolUse"] == before["hooks"]?["PreToolUse"])
        guard case .array(let prompt)? = after["hooks"]?["UserPromptSubmit"] else {
            Issue.record("no UserPromptSubmit"); return
        }
        #expect(prompt.count == 2)
        #expect(
            prompt[0]
                == before["hooks"]?["UserPromptSubmit"].flatMap { if case .array(let a) = $0 { a[0] } else { nil } }
        )
        for (event, command) in [
            ("UserPromptSubmit", "user-prompt-submit"), ("SessionStart", "session-start"),
            ("SessionEnd", "session-end"),
        ] {
            guard case .array(let groups)? = after["hooks"]?[event], let last = groups.last else {
                Issue.record("missing \(event)"); continue
            }
            #expect(last["matcher"] == .string(""))
            guard case .array(let entries)? = last["hooks"] else { Issue.record("missing \(event)"); continue }
            #expect(
                entries == [
                    .object([
                        .init(key: "type", value: .string("command")),
                        .init(key: "command", value: .string("jarvis-tui hook \(command)")),
                    ])
                ]
            )
        }
    }

    @Test("a settings file in Claude Code's own layout is rewritten byte for byte except for the added hooks")
    func layoutKept() throws {
        let test = try HooksTestProject()
        defer { test.remove() }
        let merged = try ClaudeSettingsMerger.merge(existing: Data(Self.foreign.utf8), path: "settings.json")
        let text = try #require(merged.text)
        // Everything before "hooks" is unchanged text.
        let prefix = Self.foreign[..<Self.foreign.range(of: "  \"hooks\"")!.lowerBound]
        #expect(text.hasPrefix(String(prefix).replacingOccurrences(of: "1.0e2", with: "1.0e2")))
        #expect(
            text.hasSuffix(
                "  \"cleanupPeriodDays\": 1.0e2,\n  \"includeCoAuthoredBy\": false,\n  \"statusLine\": null\n}\n"
            )
        )
        // A file without a trailing newline stays without one; no file gets a new one with a newline.
        let bare = try ClaudeSettingsMerger.merge(existing: Data("{\"a\":1}".utf8), path: "s").text
        #expect(bare?.hasSuffix("}") == true && bare?.hasPrefix("{\n  \"a\": 1,\n  \"hooks\": {") == true)
        let new = try ClaudeSettingsMerger.merge(existing: nil, path: "s")
        #expect(new.text?.hasSuffix("}\n") == true)
        let blank = try ClaudeSettingsMerger.merge(existing: Data(" \n".utf8), path: "s")
        #expect(blank.added.count == 3)
    }

    @Test("hooks already present (also through an absolute path) are not added again")
    func alreadyPresent() throws {
        let existing = """
            {"hooks": {"SessionEnd": [{"matcher": "", "hooks": [{"type": "command", "command": "/usr/local/bin/jarvis-tui  hook session-end"}]}]}}
            """
        let merged = try ClaudeSettingsMerger.merge(existing: Data(existing.utf8), path: "s")
        #expect(merged.added == ["UserPromptSubmit", "SessionStart"])
    }

    @Test("a malformed settings file is reported with file, line and column and not overwritten; init writes nothing")
    func malformed() throws {
        let cases: [(String, Int, Int)] = [
            ("{\n  \"a\": 1,\n  \"b\": [1, 2,,]\n}\n", 3, 14),
            ("{\n  \"model\": \"opus\",\n}\n", 3, 1),
            ("{\n  // comment\n  \"a\": 1\n}\n", 2, 3),
            ("{\"a\": \"unterminated\n", 1, 20),
            ("{\"hooks\": [] }", 1, 2),
            ("[1, 2]", 1, 1),
            ("{\"hooks\": {\"SessionStart\": {\"matcher\": \"\"}}}", 1, 12),
        ]
        for (text, line, column) in cases {
            let test = try HooksTestProject()
            defer { test.remove() }
            try test.write(".claude/settings.local.json", text)
            do {
                _ = try ProjectInitializer(project: test.project).run()
                Issue.record("init accepted \(text)")
            } catch let error as ConfigurationError {
                #expect(error.file == test.project.localSettingsFile.path)
                #expect(error.line == line, "\(text): \(error)")
                #expect(error.column == column, "\(text): \(error)")
                #expect(error.description.contains("the file was not changed"))
            }
            #expect(test.read(".claude/settings.local.json") == text)
            // nothing else written either
            #expect(!FileManager.default.fileExists(atPath: test.project.configFile.path))
        }
    }

    @Test("a new project gets a settings.json with just the hooks")
    func fresh() throws {
        let test = try HooksTestProject()
        defer { test.remove() }
        let report = try ProjectInitializer(project: test.project).run()
        #expect(report.created.contains { $0.hasPrefix(".claude/settings.local.json") })
        let settings = try OrderedJSON.parse(Data(try #require(test.read(".claude/settings.local.json")).utf8))
        guard case .object(let members) = settings, case .object(let hooks)? = settings["hooks"] else {
            Issue.record("shape"); return
        }
        #expect(members.map(\.key) == ["hooks"])
        #expect(hooks.map(\.key) == ["UserPromptSubmit", "SessionStart", "SessionEnd"])
        let command = try #require(test.read(".claude/commands/end-session.md"))
        #expect(command.contains("jarvis-tui end-session --plain --yes --notes - $ARGUMENTS"))
        #expect(command.contains("## Key Decisions") && command.contains("- path: purpose"))
        #expect(command.contains("--quick") && command.contains("--no-push") && command.contains("--no-commit"))
    }
}

@Suite("Order-keeping JSON: parse, print, hostile input")
struct OrderedJSONTests {
    @Test("round trip of JSON.stringify(…, null, 2) text is exact")
    func roundTrip() throws {
        let text = SettingsMergeTests.foreign.trimmingCharacters(in: .newlines)
        #expect(try OrderedJSON.parse(Data(text.utf8)).pretty() == text)
    }

    @Test("escapes, surrogate pairs, numbers and literals")
    func values() throws {
        let value = try OrderedJSON.parse(
            Data(#"{"s": "a\nb\t\u00e9\ud83d\ude80\/", "n": [-0, 1.5E-3, 10], "t": true, "f": false, "z": null}"#.utf8)
        )
        #expect(value["s"] == .string("a\nb\té🚀/"))
        #expect(value["n"] == .array([.number("-0"), .number("1.5E-3"), .number("10")]))
        #expect(value["t"] == .bool(true) && value["f"] == .bool(false) && value["z"] == .null)
        #expect(OrderedJSON.quote("a\u{1}\"\\é") == #""a\u0001\"\\é""#)
    }

    @Test("malformed input: a position and a reason, never a crash")
    func malformed() {
        let inputs = [
            "", "{", "{\"a\"", "{\"a\":}", "[01]", "[1.]", "[1e]", "\"\\x\"", "\"\\ud800\"", "tru", "{} {}", "{'a': 1}",
            "[\"\u{1}\"]", String(repeating: "{\"a\":", count: 10_000),
        ]
        for input in inputs {
            #expect(throws: JSONSyntaxError.self, "\(input.prefix(20))") { try OrderedJSON.parse(Data(input.utf8)) }
        }
        // invalid UTF-8
        #expect(throws: JSONSyntaxError.self) { try OrderedJSON.parse(Data([0x22, 0xC3, 0x28, 0x22])) }
    }
}
