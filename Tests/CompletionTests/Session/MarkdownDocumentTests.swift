import Foundation
import Testing

@testable import Completion

@Suite("Markdown state files")
struct MarkdownDocumentTests {
    @Test func roundTripWithoutEditsIsByteForByte() {
        for text in [
            "", "# T\n", "# T", "a\r\nb\r\n", "  **Status**: x  \n\n\n", "no newline at end",
            "# T\n<!-- jarvis-tui:x -->\nold\n<!-- /jarvis-tui:x -->\n",
        ] {
            #expect(MarkdownDocument(text: text).text == text)
        }
    }

    @Test func ownedFieldsAreUpdatedInPlaceAndForeignLinesKept() {
        let original =
            "# Session State\n\n- **Status**: Active   \n**next step:** old\nMy note with trailing spaces  \n\tTabbed line\n"
        var doc = MarkdownDocument(text: original)
        doc.setField("Status", to: "Done")
        doc.setField("Next Step", to: "Write tests")
        let lines = doc.text.components(separatedBy: "\n")
        #expect(lines[2] == "- **Status**: Done")
        #expect(lines[3] == "**next step:** Write tests")
        #expect(lines[4] == "My note with trailing spaces  ")
        #expect(lines[5] == "\tTabbed line")
    }

    @Test func missingFieldsAreAddedUnderTheTitle() {
        var doc = MarkdownDocument(text: "# State\n\nFree text.\n")
        doc.setField("Next Step", to: "A")
        // A blank line keeps the field from rendering glued to the user's paragraph.
        #expect(doc.text == "# State\n\n**Next Step**: A\n\nFree text.\n")
    }

    @Test("the priorities' new fields sit above the user's list with one blank line between, run after run")
    func prioritiesFieldsStandApartFromTheList() {
        let original = "# Current Priorities\n\n- [x] PR-12.9: Session completion\n- [ ] PR-13: next\n"
        var record = SessionRecord(sessionID: "s1", endedAt: Date(), day: "2026-01-01", ordinal: 1, contextWindow: 1)
        record.nextStep = "PR-13: next"
        var doc = MarkdownDocument(text: original)
        ContextFilesStep.apply(record, to: &doc, now: Date(timeIntervalSince1970: 1_700_000_000))
        let lines = doc.text.components(separatedBy: "\n")
        #expect(lines[2].hasPrefix("**Last Updated**: ") && lines[3] == "**Next Step**: PR-13: next")
        #expect(lines[4] == "" && lines[5] == "- [x] PR-12.9: Session completion")
        // Every line the user wrote, in order.
        #expect(doc.text.hasPrefix("# Current Priorities\n\n"))
        #expect(doc.text.contains("\n\n- [x] PR-12.9: Session completion\n- [ ] PR-13: next\n"))
        // The next run updates the fields in place: no second blank line.
        let once = doc.text
        ContextFilesStep.apply(record, to: &doc, now: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(doc.text == once)
    }

    @Test func crlfFilesStayCRLF() {
        var doc = MarkdownDocument(text: "# S\r\n**Status**: a\r\nkeep\r\n")
        doc.setField("Status", to: "b")
        doc.setBlock("x", to: ["one"])
        #expect(
            doc.text == "# S\r\n**Status**: b\r\nkeep\r\n\r\n<!-- jarvis-tui:x -->\r\none\r\n<!-- /jarvis-tui:x -->\r\n"
        )
    }

    @Test func aStrayCarriageReturnStaysInsideItsLine() {
        // Found by fuzzing: a lone CR must not switch the file to CRLF on the next read.
        var doc = MarkdownDocument(text: "?vvvv\u{0}\r")
        doc.setField("Next Step", to: "x")
        var again = MarkdownDocument(text: doc.text)
        again.setField("Next Step", to: "x")
        #expect(again.text == doc.text)
        #expect(doc.text.utf8.contains(UInt8(ascii: "\r")))
    }

    @Test func aMismatchedMarkerNeverSwallowsTheUsersLines() {
        // Found by fuzzing: a stray open marker and a close marker of another name are not a block; the edit adds
        // its own block and the user's lines between the stray markers survive every later edit.
        let text = "<!-- jarvis-tui:session-capture -->\nmine, keep\n<!-- /jarvis-tui:other -->\n- [ ] a\n"
        var doc = MarkdownDocument(text: text)
        doc.setBlock("session-capture", to: ["ours"])
        doc.setBlock("session-capture", to: ["ours again"])
        #expect(doc.text.hasPrefix(text))
        #expect(doc.block("session-capture") == ["ours again"])
        #expect(doc.text.components(separatedBy: "ours again").count == 2)
    }

    @Test func aTornCloseMarkerEndsTheBlockAndTheLinesAfterItStayTheUsers() {
        // Found by fuzzing: a close marker the user half edited (`<!-- /jarvis-tui:->`) no longer closed
        // the block, so the block ran on to the next close marker of its name and the edit replaced the user's
        // lines in between. A line that looks like a marker now ends any block it falls in.
        let text =
            "# S\n<!-- jarvis-tui:session-capture -->\nold\n<!-- /jarvis-tui:->\nmine, keep\n"
            + "<!-- /jarvis-tui:session-capture -->\n- [ ] a\n"
        var doc = MarkdownDocument(text: text)
        #expect(doc.block("session-capture") == nil)
        doc.setBlock("session-capture", to: ["ours"])
        doc.setBlock("session-capture", to: ["ours again"])
        #expect(doc.text.hasPrefix(text))
        #expect(doc.block("session-capture") == ["ours again"])
    }

    @Test func blocksAreReplacedNotDuplicated() {
        var doc = MarkdownDocument(text: "# S\nuser line\n")
        doc.setBlock("capture", to: ["first"])
        doc.setBlock("capture", to: ["second", "more"])
        #expect(
            doc.text == "# S\nuser line\n\n<!-- jarvis-tui:capture -->\nsecond\nmore\n<!-- /jarvis-tui:capture -->\n"
        )
        #expect(doc.block("capture") == ["second", "more"])
    }

    @Test func fieldsInsideOwnedBlocksAreNotReadAsTheUsers() {
        let doc = MarkdownDocument(text: "# S\n<!-- jarvis-tui:b -->\n**Next Step**: ours\n<!-- /jarvis-tui:b -->\n")
        #expect(doc.field("Next Step") == nil)
    }

    @Test func sectionsAndChecklistsAreRead() {
        let doc = MarkdownDocument(
            text:
                "# S\n## Blockers\n- one\n* two\n\n## Key Decisions\n1. first\n### Sub\n- nested\n## Other\n- [ ] open\n- [x] done\n"
        )
        #expect(doc.sectionItems(["Blockers"]) == ["one", "two"])
        #expect(doc.sectionItems(["Key Decisions"]) == ["first", "nested"])
        #expect(doc.checklist().map(\.text) == ["open", "done"])
        #expect(doc.checklist().map(\.checked) == [false, true])
    }

    @Test func hostileAndHugeInput() {
        let hostile =
            "\u{1b}]0;pwned\u{7}**Status**: \u{1b}[31mred\n" + String(repeating: "- item\n", count: 50_000)
            + "\u{0}\u{ffff}"
        var doc = MarkdownDocument(text: hostile)
        doc.setField("Status", to: "ok")
        doc.setBlock("b", to: ["x"])
        #expect(doc.text.contains("- item\n- item\n"))
        #expect(doc.block("b") == ["x"])
        let unterminated = MarkdownDocument(text: "<!-- jarvis-tui:b -->\n**Next Step**: x\n")
        #expect(unterminated.field("Next Step") == "x")
    }

    /// Found by the fuzzer: a stray CR right before a line feed in an LF file. "\r\n" is one Character, so a
    /// Character-based split kept the two lines as one and the field on the second went unseen.
    @Test func aStrayCarriageReturnBeforeALineFeedStillEndsTheLine() {
        let text = "# S#\r\n**Next Step**: write the tests\nuser line\n"
        let doc = MarkdownDocument(text: text)
        #expect(doc.lines == ["# S#\r", "**Next Step**: write the tests", "user line"])
        #expect(doc.field("Next Step") == "write the tests")
        #expect(doc.text == text, "read and written back byte for byte")
        let crlf = MarkdownDocument(text: "a\r\nb\r\n")
        #expect(crlf.lines == ["a", "b"])
        #expect(crlf.text == "a\r\nb\r\n")
    }
}
