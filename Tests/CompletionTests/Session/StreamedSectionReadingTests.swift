import Foundation
import Testing

@testable import Completion

/// The streamed reader reads a plain ASCII line of a section on its bytes and tests each field and label on the
/// bytes before decoding a line: on seeded random lines and files it must take exactly what the document held in
/// memory takes, item for item.
@Suite("Streamed section reading")
struct StreamedSectionReadingTests {
    /// What `MarkdownDocument.sectionItems` makes of a line inside a section that is not a heading.
    static func documentReading(_ line: String) -> SectionLine {
        let trimmed = line.trimmingBlanks()
        if MarkdownDocument.isBoldLabel(trimmed) { return .end }
        if trimmed.isEmpty || trimmed.hasPrefix("<!--") { return .skip }
        return .item(MarkdownDocument.stripListMarker(trimmed))
    }

    static let pieces = [
        " ", "\t", "*", "**", ":", "- ", "* ", "+ ", "[ ] ", "[x] ", "[X] ", ".", "1", "42", "<!--", "a", "b c", "#",
        "\r", "-", "x",
    ]

    @Test func asciiLinesReadAsTheirText() {
        var random = SystemRandomNumberGenerator()
        var seeded = SeededLines(seed: UInt64.random(in: 0...UInt64.max, using: &random))
        var read = 0
        for round in 0..<20_000 {
            let line = (0..<Int(seeded.next() % 9)).map { _ in Self.pieces[Int(seeded.next() % 21)] }.joined()
            let bytes = Array(line.utf8)
            guard let parsed = bytes.withUnsafeBytes({ SectionLine.ascii($0) }) else {
                #expect(line.hasPrefix("#"), "round \(round), seed \(seeded.seed): \(line.debugDescription) refused")
                continue
            }
            read += 1
            let expected = Self.documentReading(line)
            #expect(parsed == expected, "round \(round), seed \(seeded.seed): \(line.debugDescription)")
        }
        #expect(read > 10_000)
    }

    @Test func linesThatAreNotASCIIGoTheTextWay() {
        for line in ["- café", "- \u{00A0}item", "#\u{0301} not a heading", "## Blockers"] {
            #expect(Array(line.utf8).withUnsafeBytes { SectionLine.ascii($0) } == nil, "\(line)")
        }
    }

    static let shapes: [String] = [
        "# Session State", "## Blockers", "## Key Decisions", "### Decisions", "## Pending Todos", "## Notes",
        "#### Deeper", "#no space", "- item", "  - [ ] todo ", "\t* [x] done\t", "+ plus", "1. first", "12.no space",
        "3.", "- 4. nested", "**Next Session Pickup:**", "**Label**: value", "**  **: x", "** not a label",
        "***x**:", "- **Decision**: why", "<!-- comment -->", "", "  ", "None", "- None", "**Current Work**: b",
        "- **Current Task:** c", "Next Step: d", "**Status**: s", "<!-- jarvis-tui:session-capture -->",
        "<!-- /jarvis-tui:session-capture -->", "café - ünïcode", "- \u{00A0}nbsp item\u{00A0}", "- item.",
    ]

    /// A seeded file of the shapes above, with CRLF endings, stray CRs and bytes that are not UTF-8.
    static func file(_ seeded: inout SeededLines, lines: Int) -> [UInt8] {
        let crlf = seeded.next() % 3 == 0
        var out: [UInt8] = []
        for index in 0..<lines {
            if index > 0 { out += crlf ? [0x0D, 0x0A] : [0x0A] }
            out += Array(shapes[Int(seeded.next() % UInt64(shapes.count))].utf8)
            switch seeded.next() % 12 {
            case 0: out += [0xE9, 0xFF]
            case 1: out.append(0x0D)
            case 2: out += Array(" trailing. ".utf8)
            default: break
            }
        }
        return out
    }

    @Test func aStreamedReadTakesWhatTheDocumentTakes() throws {
        var random = SystemRandomNumberGenerator()
        var seeded = SeededLines(seed: UInt64.random(in: 0...UInt64.max, using: &random))
        let fields = ["Current Work", "Current Task", "Next Step", "Status", "Next Step"]
        let sections = [["Blockers"], ["Key Decisions", "Decisions"], ["Pending Todos"]]
        for round in 0..<300 {
            let bytes = Self.file(&seeded, lines: Int(seeded.next() % 60))
            let label = "round \(round), seed \(seeded.seed)"
            let document = MarkdownDocument(bytes: bytes)
            let (file, folder) = try MarkdownFileTests.streamed(bytes)
            defer { try? FileManager.default.removeItem(at: folder) }
            var items = sections.map { _ in [String]() }
            let found = try file.read(
                fields: fields,
                labels: ["Next Session Pickup", "Label"],
                sections: sections.indices.map { index in .init(sections[index]) { items[index].append($0) } }
            )
            for name in fields { #expect(found.fields[name] == document.field(name), "\(label): \(name)") }
            for name in ["Next Session Pickup", "Label"] {
                #expect((found.labels[name] ?? []) == document.labelItems(name), "\(label): \(name)")
            }
            for (index, titles) in sections.enumerated() {
                #expect(items[index] == document.sectionItems(titles), "\(label): \(titles)")
            }
        }
    }

    /// Step 1 reads the user's decisions and blockers in one pass: each of the agent's notes is left out only when
    /// its own list in the user's file already holds it, never because the other list does.
    @Test func agentNotesAreComparedWithTheirOwnSection() throws {
        let text =
            "# S\n\n## Key Decisions\n- Use streams.\n- waiting on finance\n\n## Blockers\n- Waiting on finance\n"
            + "- a brand new decision\n"
        var record = MarkdownFileTests.record()
        record.blockers = ["waiting on finance", "use streams", "the sample files"]
        var (file, folder) = try MarkdownFileTests.streamed(Array(text.utf8))
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(
            WorkStateCaptureStep.agentSections(record, document: file) == [
                "", "### Decisions This Session", "- a brand new decision", "", "### Blockers This Session",
                "- use streams", "- the sample files",
            ]
        )
        WorkStateCaptureStep.apply(record, to: &file, now: Date(timeIntervalSince1970: 1_700_000_000))
        var document = MarkdownDocument(text: text)
        WorkStateCaptureStep.apply(record, to: &document, now: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(try file.editedData() == document.data)
    }
}
