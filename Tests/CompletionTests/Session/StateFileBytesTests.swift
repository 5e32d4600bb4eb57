import Foundation
import Testing

@testable import Completion

/// The state files are edited as bytes: a user's line in Latin-1 or CP1252 leaves the run with the bytes it came
/// with, and a file name git reports can never break the lines it is written on.
@Suite("State files as bytes")
struct StateFileBytesTests {
    static let latin1State: [UInt8] =
        Array("# Session State\n\n**Status**: Active\n".utf8)
        + [0x43, 0x61, 0x66, 0xE9, 0x20, 0x93, 0x71, 0x94, 0x0A]  // "Café “q”" in CP1252
        + Array("**Next Step**: Handle the BOM\n## Notes\n".utf8)
        + [0x2D, 0x20, 0x6E, 0x61, 0xEF, 0x76, 0x65, 0x0A]  // "- naïve" in Latin-1
    static let latin1Priorities: [UInt8] =
        Array("# Priorities\r\n\r\n- [ ] Ship it\r\n".utf8)
        + [0x2D, 0x20, 0x5B, 0x78, 0x5D, 0x20, 0x72, 0xE9, 0x73, 0x75, 0x6D, 0xE9, 0x0D, 0x0A]  // "- [x] résumé"

    static func lines(_ bytes: some Collection<UInt8>) -> [[UInt8]] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
    }

    @Test func latin1LinesSurviveBothEditsByteForByte() {
        var document = MarkdownDocument(data: Data(Self.latin1State))
        var record = SessionRecord(sessionID: "s1", endedAt: Date(), day: "2026-01-01", ordinal: 1, contextWindow: 1000)
        record.nextStep = "next"
        record.accomplishments = ["done"]
        WorkStateCaptureStep.apply(record, to: &document, now: Date())
        let out = Self.lines(document.data)
        for line in Self.lines(Self.latin1State) where !line.starts(with: Array("**".utf8)) {
            #expect(out.contains(line), "lost \(line)")
        }
        #expect(!String(decoding: document.data, as: UTF8.self).contains("**Status**: Active\n"))
    }

    @Test func namesAreWrittenAsVisibleEscapes() {
        #expect(EscapedName.markdown("plain/name.txt") == "plain/name.txt")
        #expect(EscapedName.markdown("a\nb") == "a\\nb")
        #expect(EscapedName.markdown("x\u{1b}[31mred\u{7}") == "x\\x1b[31mred\\x07")
        #expect(EscapedName.markdown("invoice\u{202E}fdp.exe") == "invoice\\u{202e}fdp.exe")
        #expect(EscapedName.markdown("c1\u{9B}2J") == "c1\\u{9b}2J")
    }

    /// A real repository whose user wrote Latin-1 lines and whose files carry a newline, ESC, BEL, a C1 control
    /// and a right-to-left override in their names.
    @Test func aRunKeepsLatin1LinesAndTheOwnedBlockAgainstHostileNames() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let context = fixture.root.appendingPathComponent(".claude/context")
        try Data(Self.latin1State).write(to: context.appendingPathComponent("session-state.md"))
        try Data(Self.latin1Priorities).write(to: context.appendingPathComponent("current-priorities.md"))
        let hostile = [
            "new\nline.txt", "esc\u{1b}]0;owned\u{7}.txt", "c1\u{9B}2J.txt", "invoice\u{202E}fdp.txt",
            "<!-- \n/jarvis-tui:session-capture -->.md",
        ]
        for name in hostile { try fixture.write("src/" + name, "x\n") }

        for round in 1...2 {
            let result = try #require(try await fixture.complete().result)
            #expect(result.exitStatus == .completed, "round \(round)")
            if round == 1 { for name in hostile { try fixture.write("src/" + name, "y\n") } }
        }

        let state = try Data(contentsOf: context.appendingPathComponent("session-state.md"))
        let stateLines = Self.lines(state)
        for line in Self.lines(Self.latin1State) where !line.starts(with: Array("**".utf8)) {
            #expect(stateLines.contains(line), "session-state.md lost \(String(decoding: line, as: UTF8.self))")
        }
        let priorities = try Data(contentsOf: context.appendingPathComponent("current-priorities.md"))
        for line in Self.lines(Self.latin1Priorities) where !line.isEmpty {
            #expect(Self.lines(priorities).contains(line), "current-priorities.md lost a line")
        }
        #expect(!state.contains(0x1B) && !state.contains(0x07), "raw control bytes in session-state.md")
        let text = String(decoding: state, as: UTF8.self)
        #expect(!text.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x9B })
        #expect(text.components(separatedBy: "<!-- jarvis-tui:session-capture -->").count == 2)
        #expect(text.components(separatedBy: "<!-- /jarvis-tui:session-capture -->").count == 2)
        #expect(text.contains("`src/new\\nline.txt`"))
        #expect(text.contains("`src/esc\\x1b]0;owned\\x07.txt`"))
        #expect(text.contains("`src/invoice\\u{202e}fdp.txt`"))
        // What was committed is what is on disk: the Latin-1 bytes, not U+FFFD.
        let committed = try ProcessRunner.run(
            ["git", "show", "HEAD:.claude/context/session-state.md"],
            in: fixture.root
        )
        #expect(committed.stdout == state)
    }
}
