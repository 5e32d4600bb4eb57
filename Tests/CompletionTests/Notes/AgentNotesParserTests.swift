import Foundation
import Testing

@testable import Completion

@Suite("The agent's notes: Markdown and JSON, and what is refused")
struct AgentNotesParserTests {
    static let markdown = """
        # Notes for the end of the session

        ## Accomplishments
        - Parse CSV headers with a BOM
        - Add the `--strict` flag

        ## Key Decisions
        - Stream the parser: files reach 2 GB
        - Keep the CLI flag names

        ## Blockers
        - Finance sample files: asked Dana on Monday, no answer yet

        ## Next Step
        Handle quoted newlines in CSV cells

        ## Files
        - `src/bom.py`: strips the byte-order mark
        - src/importer.py: the nightly entry point (see https://example.com/x)

        ## Corrections
        - Use UTC for timestamps, not local time
        """

    @Test("every Markdown section is read, with rationale, status and purpose split at the first colon")
    func markdownSections() throws {
        let notes = try AgentNotesParser.parse(Data(Self.markdown.utf8), source: "notes.md")
        #expect(notes.accomplishments == ["Parse CSV headers with a BOM", "Add the `--strict` flag"])
        #expect(
            notes.decisions == [
                .init(decision: "Stream the parser", rationale: "files reach 2 GB"),
                .init(decision: "Keep the CLI flag names", rationale: nil),
            ]
        )
        #expect(
            notes.blockers == [.init(blocker: "Finance sample files", status: "asked Dana on Monday, no answer yet")]
        )
        #expect(notes.nextStep == "Handle quoted newlines in CSV cells")
        #expect(
            notes.files == [
                .init(path: "src/bom.py", purpose: "strips the byte-order mark"),
                .init(path: "src/importer.py", purpose: "the nightly entry point (see https://example.com/x)"),
            ]
        )
        #expect(notes.corrections == ["Use UTC for timestamps, not local time"])
    }

    @Test("the same notes as JSON give the same result; files may be an object of path → purpose")
    func json() throws {
        let text = """
            {"accomplishments": ["Parse CSV headers with a BOM", "Add the `--strict` flag"],
             "decisions": [{"decision": "Stream the parser", "rationale": "files reach 2 GB"}, "Keep the CLI flag names"],
             "blockers": ["Finance sample files: asked Dana on Monday, no answer yet"],
             "next_step": "Handle quoted newlines in CSV cells",
             "files": [{"path": "src/bom.py", "purpose": "strips the byte-order mark"},
                       "src/importer.py: the nightly entry point (see https://example.com/x)"],
             "corrections": ["Use UTC for timestamps, not local time"]}
            """
        let notes = try AgentNotesParser.parse(Data(text.utf8), source: "notes.json")
        #expect(notes == (try AgentNotesParser.parse(Data(Self.markdown.utf8), source: "notes.md")))
        let object = try AgentNotesParser.parse(
            Data(#"{"files": {"a.py": "the A", "b.py": "the B"}}"#.utf8),
            source: "n"
        )
        #expect(object.files == [.init(path: "a.py", purpose: "the A"), .init(path: "b.py", purpose: "the B")])
    }

    @Test("bad notes are refused with the line and what to do")
    func refused() throws {
        let cases: [(String, Int, String)] = [
            ("## Accomplishments\n- a\n## Decisions made\n- b\n", 3, "unknown section"),
            ("just text\n## Accomplishments\n", 1, "before the first section"),
            ("## Files\n- src/a.py\n", 2, "needs its purpose"),
            ("{\"accomplishments\": [\"a\"],\n \"todo\": []}", 2, "unknown key “todo”"),
            ("{\"accomplishments\": [1]}", 1, "list of strings"),
            ("{\"accomplishments\": [\"a\"", 1, "malformed JSON"),
            ("[1, 2]", 1, "must be a JSON object"),
        ]
        for (text, line, message) in cases {
            do {
                _ = try AgentNotesParser.parse(Data(text.utf8), source: "notes")
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.line == line, "\(text): \(error)")
                #expect(error.description.contains(message), "\(text): \(error)")
                #expect(error.description.hasPrefix("notes:\(line): "))
            }
        }
    }

    @Test("hostile input: non-UTF-8 names its line, over 1 MB is refused, NUL and control bytes never crash")
    func hostile() throws {
        var latin = Data("## Accomplishments\n- ok\n- caf".utf8)
        latin.append(0xE9)
        latin.append(contentsOf: Array("\n".utf8))
        #expect(throws: AgentNotesError(source: "n", line: 3, message: "the notes are not UTF-8 text")) {
            try AgentNotesParser.parse(latin, source: "n")
        }
        let huge = Data(repeating: UInt8(ascii: "a"), count: AgentNotesParser.maximumSize + 1)
        #expect(throws: AgentNotesError.self) { try AgentNotesParser.parse(huge, source: "n") }
        let weird = "## Accomplishments\n- a\u{0}b\u{1b}[31m\r\n- \u{202e}x\n## Next Step\n\n"
        let notes = try AgentNotesParser.parse(Data(weird.utf8), source: "n")
        #expect(notes.accomplishments == ["a\\x00b\\x1b[31m", "\\u{202e}x"] && notes.nextStep == nil)
        #expect(try AgentNotesParser.parse(Data(), source: "n").isEmpty)
    }

    @Test("merging twice adds nothing twice; the agent's next step wins and its accomplishments lead")
    func mergeIdempotent() throws {
        let notes = try AgentNotesParser.parse(Data(Self.markdown.utf8), source: "notes.md")
        var record = SessionRecord(
            sessionID: "s",
            endedAt: Date(),
            day: "2026-12-02",
            ordinal: 1,
            contextWindow: 200_000
        )
        record.accomplishments = ["Initial import", "parse csv headers with a BOM."]
        record.decisions = ["Stream the parser: files reach 2 GB"]
        record.nextStep = "Old next step"
        notes.merge(into: &record)
        notes.merge(into: &record)
        #expect(
            record.accomplishments == ["Parse CSV headers with a BOM", "Add the `--strict` flag", "Initial import"]
        )
        #expect(record.decisions == ["Stream the parser: files reach 2 GB", "Keep the CLI flag names"])
        #expect(record.blockers.count == 1 && record.corrections.count == 1)
        #expect(record.nextStep == "Handle quoted newlines in CSV cells")
        #expect(record.filePurposes["src/bom.py"] == "strips the byte-order mark")
    }
}
