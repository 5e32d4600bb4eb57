import Foundation
import Testing

@testable import Completion

@Suite("UserPromptSubmit hook: which prompts end the session")
struct UserPromptSubmitTests {
    @Test("the end-now context names the command, the project and the pass-through options")
    func endNowText() throws {
        let test = try HooksTestProject()
        defer { test.remove() }
        let nested = test.root.appendingPathComponent("src/deep")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        let reply = HookHandler(environment: [:]).handle(
            .userPromptSubmit,
            input: HooksPayload.userPromptSubmit("end session", cwd: nested.path)
        )
        let context = try #require(try hooksContext(reply, event: "UserPromptSubmit"))
        #expect(context.contains("jarvis-tui end-session --plain --yes"))
        #expect(context.contains(test.project.root.path))  // the project is the nearest .claude/ above cwd
        #expect(context.contains("--quick") && context.contains("--no-push") && context.contains("--no-commit"))
    }

    @Test("the config's departure_phrases are added to the standard ones")
    func configuredPhrases() throws {
        let test = try HooksTestProject(
            config: "session_completion:\n  departure_phrases: [\"over and out\", \"Tschüss\"]\n"
        )
        defer { test.remove() }
        let handler = HookHandler(environment: [:])
        for (prompt, confirm) in [
            ("Over and out!", true), ("tschüss", true), ("ok thanks, over and out", true),
            ("what does over and out mean?", false), ("goodbye", true),
        ] {
            let reply = handler.handle(
                .userPromptSubmit,
                input: HooksPayload.userPromptSubmit(prompt, cwd: test.root.path)
            )
            #expect(
                (try hooksContext(reply, event: "UserPromptSubmit")?.contains("Ask the user to confirm") ?? false)
                    == confirm,
                "\(prompt)"
            )
        }
    }

    @Test("a broken config never breaks the prompt: no decision, exit 0")
    func brokenConfig() throws {
        let test = try HooksTestProject(config: "session_completion:\n  departure_phrases: [unclosed\n")
        defer { test.remove() }
        let reply = HookHandler(environment: [:]).handle(
            .userPromptSubmit,
            input: HooksPayload.userPromptSubmit("over and out", cwd: test.root.path)
        )
        #expect(reply == .silent)
        let standard = HookHandler(environment: [:]).handle(
            .userPromptSubmit,
            input: HooksPayload.userPromptSubmit("goodbye", cwd: test.root.path)
        )
        #expect(!standard.stdout.isEmpty)
    }

    @Test("malformed, truncated, huge and hostile input")
    func hostileInput() throws {
        let handler = HookHandler(environment: [:])
        let truncated = handler.handle(.userPromptSubmit, input: Data(#"{"session_id": "a", "prompt": "goodb"#.utf8))
        #expect(truncated.exitCode == 1 && truncated.stdout.isEmpty)
        #expect(truncated.stderr.contains("not valid JSON") && truncated.stderr.contains("line 1, column"))
        #expect(handler.handle(.userPromptSubmit, input: Data("[1, 2]".utf8)).stderr.contains("must be a JSON object"))
        let wrongType = handler.handle(.userPromptSubmit, input: Data(#"{"prompt": 42}"#.utf8))
        #expect(wrongType.exitCode == 1 && wrongType.stderr.contains("`prompt`"))
        #expect(handler.handle(.userPromptSubmit, input: Data()).exitCode == 1)
        #expect(handler.handle(.userPromptSubmit, input: Data([0xFF, 0xFE, 0x00])).exitCode == 1)
        let deep = Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        #expect(handler.handle(.sessionStart, input: deep).stderr.contains("nested more than"))
        // A prompt of megabytes is not a farewell: silent, and not even parsed.
        let huge = HooksPayload.userPromptSubmit(String(repeating: "goodbye ", count: 200_000), cwd: "/tmp")
        #expect(handler.handle(.userPromptSubmit, input: huge) == .silent)
        // Control characters and escapes in the prompt are just text.
        let hostile = HooksPayload.userPromptSubmit("\u{1B}]0;pwned\u{07}\u{0}goodbye", cwd: "/nonexistent")
        #expect(handler.handle(.userPromptSubmit, input: hostile).exitCode == 0)
        // No prompt field, unknown fields, no cwd: nothing to say.
        #expect(
            handler.handle(
                .userPromptSubmit,
                input: Data(#"{"hook_event_name": "UserPromptSubmit", "extra": {"a": [1]}}"#.utf8)
            ) == .silent
        )
        #expect(handler.handle(.userPromptSubmit, input: Data(#"{"prompt": "goodbye"}"#.utf8)).exitCode == 0)
    }
}

@Suite("UserPromptSubmit: the config is read only when it could matter")
struct PromptPhraseFilterTests {
    @Test("an ordinary prompt never needs the config's phrases; a prompt made of its words does")
    func filter() {
        let config = "session_completion:\n  departure_phrases: [\"Over and out\", \"that'll do\"]\n"
        #expect(!PromptIntent.mayDependOnPhrases("refactor the token refresh", in: config))
        #expect(!PromptIntent.mayDependOnPhrases("what does over and out mean?", in: config))
        #expect(PromptIntent.mayDependOnPhrases("ok, over and out!", in: config))
        #expect(PromptIntent.mayDependOnPhrases("thatll do, thanks", in: config))
        #expect(PromptIntent.classify("That'll do, thanks", extraPhrases: ["that'll do"]) == .departure)
    }
}

@Suite("UserPromptSubmit and the suppression variables")
struct PromptSuppressionTests {
    @Test("with JARVIS_EMERGENCY_STOP or JARVIS_DISABLE_AC09 set, the end-now context says what that means")
    func suppression() throws {
        let test = try HooksTestProject()
        defer { test.remove() }
        let input = HooksPayload.userPromptSubmit("/end-session", cwd: test.root.path)
        let plain = try #require(
            try hooksContext(
                HookHandler(environment: [:]).handle(.userPromptSubmit, input: input),
                event: "UserPromptSubmit"
            )
        )
        #expect(!plain.contains("JARVIS_"))
        let stopped = try #require(
            try hooksContext(
                HookHandler(environment: ["JARVIS_EMERGENCY_STOP": "1"]).handle(.userPromptSubmit, input: input),
                event: "UserPromptSubmit"
            )
        )
        #expect(stopped.contains("JARVIS_EMERGENCY_STOP is set"))
        let quick = try #require(
            try hooksContext(
                HookHandler(environment: ["JARVIS_DISABLE_AC09": "true"]).handle(.userPromptSubmit, input: input),
                event: "UserPromptSubmit"
            )
        )
        #expect(quick.contains("JARVIS_DISABLE_AC09 is set") && quick.contains("pass `--quick`"))
    }
}
