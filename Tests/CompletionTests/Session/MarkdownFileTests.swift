import Foundation
import Testing

@testable import Completion

/// The streamed state-file editor against the document held in memory: the same reads and the same bytes out for
/// the same edit, on hand-made edge cases and on seeded random files (CRLF, torn markers, no title, bytes that are
/// not UTF-8), including files whose lines run across the reader's chunks.
@Suite("Streamed state files")
struct MarkdownFileTests {
    static func record() -> SessionRecord {
        var record = SessionRecord(sessionID: "s1", endedAt: Date(), day: "2026-01-01", ordinal: 1, contextWindow: 1000)
        record.nextStep = "the next thing"
        record.currentWork = "the importer"
        record.accomplishments = ["shipped the parser"]
        record.decisions = ["Use streams", "a brand new decision"]
        record.blockers = ["waiting on finance"]
        return record
    }

    /// Writes `bytes` to a file in a fresh folder and opens it streamed.
    static func streamed(_ bytes: [UInt8]) throws -> (MarkdownFile, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mdfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("state.md")
        try Data(bytes).write(to: url)
        let file = try #require(try MarkdownFile.open(url, files: ProjectFiles(root: folder)))
        return (file, folder)
    }

    /// Step 1's edit both ways; the streamed file's bytes must equal the document's.
    static func expectSameEdit(_ bytes: [UInt8], _ label: String) throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        var document = MarkdownDocument(bytes: bytes)
        WorkStateCaptureStep.apply(record(), to: &document, now: now)
        var (file, folder) = try streamed(bytes)
        defer { try? FileManager.default.removeItem(at: folder) }
        WorkStateCaptureStep.apply(record(), to: &file, now: now)
        let streamedBytes = try file.editedData()
        #expect(streamedBytes == document.data, "\(label): the streamed edit differs")
    }

    static let cases: [String] = [
        "",
        "\n",
        "# Session State\n",
        "# Session State",
        "# Session State\n\n**Status**: Active\n**Next Step**: x\n\nNotes\n",
        "no title\n**Status**: old\n",
        "no title, no newline",
        "# T\r\n\r\n**Status**: a\r\nline\r\n",
        "# T\r\nmixed\nendings\r\n",
        "# T\n\n<!-- jarvis-tui:session-capture -->\nold\n<!-- /jarvis-tui:session-capture -->\n",
        "# T\n<!-- jarvis-tui:session-capture -->\n**Status**: inside\n<!-- /jarvis-tui:session-capture -->\ntail",
        "# T\n<!-- jarvis-tui:session-capture -->\ntorn\n<!-- /jarvis-tui:->\n**Status**: after\n",
        "<!-- jarvis-tui:session-capture -->\n# T\n<!-- /jarvis-tui:session-capture -->\n",
        "# T\n\n## Key Decisions\n- Use streams\n- other\n\n## Blockers\n- waiting on finance\n",
        "  # not a title\n- **Status**: bullet\n**Status:** second\n",
        "# T\n\n**A**: 1\n**B**: 2\n   \n",
        "# Current Priorities\n\n- [ ] a list under the title\n",
        "# T\n\n**Status**: a\nglued paragraph\n",
        "# T\n- list right under the title\n",
        "no title\n- item\n",
        "\nblank first line\n",
    ]

    @Test func sameBytesAsTheDocumentOnEdgeCases() throws {
        for (index, text) in Self.cases.enumerated() { try Self.expectSameEdit(Array(text.utf8), "case \(index)") }
        try Self.expectSameEdit(Array("# T\n".utf8) + [0xE9, 0x0A, 0x2A, 0x2A, 0xFF, 0x0D, 0x0A], "latin-1")
    }

    /// Random files of lines drawn from the shapes the editor cares about, with stray bytes.
    @Test func sameBytesAsTheDocumentOnRandomFiles() throws {
        var random = SystemRandomNumberGenerator()
        var seeded = SeededLines(seed: UInt64.random(in: 0...UInt64.max, using: &random))
        for round in 0..<300 {
            let bytes = seeded.file(lines: Int(seeded.next() % 40))
            try Self.expectSameEdit(bytes, "round \(round), seed \(seeded.seed)")
        }
    }

    /// Lines longer than the reader's chunk, and a file of several chunks with the edits near its ends.
    @Test func linesAcrossChunksKeepTheirBytes() throws {
        let long = [UInt8](repeating: 0x61, count: FileChunks.size + 17) + [0xE9]
        var bytes = Array("# Session State\r\n\r\n**Status**: Active\r\n".utf8) + long + [0x0D, 0x0A]
        bytes += Array(repeating: Array("- a line of notes that is not a field\r\n".utf8), count: 60_000).flatMap { $0 }
        bytes += Array("<!-- jarvis-tui:session-capture -->\r\nold\r\n<!-- /jarvis-tui:session-capture -->\r\n".utf8)
        try Self.expectSameEdit(bytes, "chunks, CRLF")
        try Self.expectSameEdit(long + Array("\n**Next Step**: x".utf8), "long first line, no final newline")
    }

    @Test func readsWhatTheDocumentReads() throws {
        let text =
            "# S\n\n**Current Work**: importer\n**Next Session Pickup:**\n1. first\n2. second\n\n## Blockers\n"
            + "- one\n- None\n<!-- jarvis-tui:x -->\n- owned\n<!-- /jarvis-tui:x -->\n- two\n## Key Decisions\n- d\n"
        let document = MarkdownDocument(text: text)
        let (file, folder) = try Self.streamed(Array(text.utf8))
        defer { try? FileManager.default.removeItem(at: folder) }
        var blockers: [String] = []
        var decisions: [String] = []
        let found = try file.read(
            fields: ["Current Work", "Next Step"],
            labels: ["Next Session Pickup"],
            sections: [.init(["Blockers"]) { blockers.append($0) }, .init(["Key Decisions"]) { decisions.append($0) }]
        )
        #expect(found.fields["Current Work"] == document.field("Current Work"))
        #expect(found.fields["Next Step"] == nil && document.field("Next Step") == nil)
        #expect(found.labels["Next Session Pickup"] == document.labelItems("Next Session Pickup"))
        #expect(blockers == document.sectionItems(["Blockers"]) && blockers == ["one", "None", "two"])
        #expect(decisions == document.sectionItems(["Key Decisions"]))
    }

    @Test func aFileChangedSinceItWasOpenedIsNotOverwritten() throws {
        let (file, folder) = try Self.streamed(Array("# S\n\n**Status**: a\n".utf8))
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = Project(root: folder)
        file.setField("Status", to: "b")
        try Data("# S\n\n**Status**: the user's newer edit\n".utf8).write(to: file.url)
        #expect(throws: FileWriteError.self) {
            try file.write(via: ProjectWriter(project: project, dryRun: false))
        }
        #expect(try Data(contentsOf: file.url) == Data("# S\n\n**Status**: the user's newer edit\n".utf8))
    }
}

/// A seeded source of Markdown-ish lines: titles, fields, markers (whole and torn), list items, blank lines with
/// spaces, CRs and bytes that are not UTF-8.
struct SeededLines {
    let seed: UInt64
    private var state: UInt64

    init(seed: UInt64) {
        self.seed = seed
        state = seed | 1
    }

    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    static let shapes: [[UInt8]] = [
        "# Session State", "## Key Decisions", "## Blockers", "### Deeper", "**Status**: old", "**Next Step**: a",
        "- **Current Work**: b", "Last Updated: c", "", "   ", "- Use streams", "- [ ] todo", "**Label:**",
        "<!-- jarvis-tui:session-capture -->", "<!-- /jarvis-tui:session-capture -->", "<!-- jarvis-tui:other -->",
        "<!-- /jarvis-tui:other -->", "<!-- /jarvis-tui:->", "  <!-- jarvis-tui:session-capture --> ", "plain text",
        "** not a field", "#no space",
    ].map { Array($0.utf8) }

    mutating func file(lines: Int) -> [UInt8] {
        let crlf = next() % 3 == 0
        var out: [UInt8] = []
        for index in 0..<lines {
            if index > 0 { out += crlf && next() % 20 != 0 ? [0x0D, 0x0A] : [0x0A] }
            out += Self.shapes[Int(next() % UInt64(Self.shapes.count))]
            switch next() % 10 {
            case 0: out += [0xE9, 0xFF]
            case 1: out.append(0x0D)
            case 2: out += Array(" trailing ".utf8)
            default: break
            }
        }
        if next() % 2 == 0 { out += crlf ? [0x0D, 0x0A] : [0x0A] }
        return out
    }
}
