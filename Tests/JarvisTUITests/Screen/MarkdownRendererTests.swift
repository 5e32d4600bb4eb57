import Foundation
import Testing

@testable import JarvisScreen

@Suite struct MarkdownRendererTests {
    func roles(_ lines: [StyledLine], of text: String) -> Set<Role> {
        Set(lines.flatMap(\.spans).filter { $0.text.contains(text) }.map(\.role))
    }

    @Test func inlineEmphasisBecomesRoles() {
        let lines = MarkdownRenderer.render(
            "Some **bold**, *italic*, `code` and [a link](https://example.com).",
            width: 80
        )
        #expect(lines.count == 1)
        #expect(lines[0].plainText == "Some bold, italic, code and a link <https://example.com>.")
        #expect(roles(lines, of: "bold") == [.strong])
        #expect(roles(lines, of: "italic") == [.emphasis])
        #expect(roles(lines, of: "code") == [.code])
        #expect(roles(lines, of: "a link") == [.link])
    }

    @Test func headingsListsQuotesAndRules() {
        let text = MarkdownRenderer.render(
            "# Top\n\n## Sub\n\n- one\n- two\n  - nested\n\n1. first\n2. second\n\n> quoted\n\n---\n",
            width: 30
        )
        .map(\.plainText)
        #expect(
            text == [
                "Top", "═══", "", "Sub", "", "• one", "• two", "  • nested", "", "1. first", "2. second", "",
                "│ quoted", "", String(repeating: "─", count: 30),
            ]
        )
    }

    @Test func taskListsShowTheirState() {
        let lines = MarkdownRenderer.render("- [x] done\n- [ ] open\n", width: 40)
        #expect(lines.map(\.plainText) == ["[x] done", "[ ] open"])
        #expect(roles(lines, of: "[x]") == [.ok])
    }

    @Test func tablesAlignByDisplayWidthIncludingWideCharacters() {
        let lines = MarkdownRenderer.render("| 名前 | n |\n| --- | --- |\n| 漢字テキスト | 1 |\n| a | 22 |\n", width: 40).map(
            \.plainText
        )
        #expect(lines.count == 4)
        let bars = lines.filter { !$0.contains("┼") }.map { line in DisplayWidth.of(String(line.prefix { $0 != "│" })) }
        #expect(Set(bars).count == 1, "the column separator sits in the same column on every row: \(lines)")
        #expect(lines[1].contains("┼"))
    }

    @Test func wideTablesShrinkToTheWidth() {
        let long = String(repeating: "word ", count: 30)
        let lines = MarkdownRenderer.render("| a | b |\n|---|---|\n| \(long) | \(long) |\n", width: 40)
        #expect(lines.allSatisfy { $0.width <= 40 })
        #expect(lines.count > 4)
    }

    @Test func paragraphsWrapAtTheWidthByDisplayWidth() {
        let lines = MarkdownRenderer.render(String(repeating: "漢字 ", count: 40), width: 21)
        #expect(lines.allSatisfy { $0.width <= 21 })
        #expect(lines.count == 10)
    }

    @Test func codeBlocksKeepTheirLines() {
        let lines = MarkdownRenderer.render("```swift\nlet a = 1\n    indented\n```\n", width: 40)
        #expect(lines.map(\.plainText) == ["  let a = 1", "      indented"])
        #expect(roles(lines, of: "let a") == [.code])
    }

    @Test func controlCharactersNeverReachTheScreen() {
        let hostile =
            "# Title \u{1B}]0;owned\u{07}\n\nText \u{1B}[2J with \u{9B}31m CSI and \u{202E}bidi\n\n```\n\u{1B}[31mred\n```\n"
        let text = MarkdownRenderer.render(hostile, width: 60).map(\.plainText).joined(separator: "\n")
        #expect(
            !text.unicodeScalars.contains {
                ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E
            }
        )
    }

    @Test func malformedAndTruncatedMarkdownStillRenders() {
        for input in [
            "| a | b\n|---", "```\nunclosed code", "**unclosed *emphasis", "[link](", "<div>\n", "> > > >", "1.\n2.\n-",
            "\u{0}\u{0}", "",
        ] {
            let lines = MarkdownRenderer.render(input, width: 40)
            #expect(lines.allSatisfy { $0.width <= 40 }, "input \(input.debugDescription)")
        }
    }

    @Test func deepNestingDoesNotCrashOrOverflow() {
        let quotes = String(repeating: ">", count: 500) + " deep"
        let lists = (0..<200).map { String(repeating: "  ", count: $0) + "- level \($0)" }.joined(separator: "\n")
        for input in [quotes, lists] {
            let lines = MarkdownRenderer.render(input, width: 60)
            #expect(lines.allSatisfy { $0.width <= 60 })
        }
    }

    /// Its speed is the UI benchmark's (the review renders the summary); here, that nothing is lost or merged.
    @Test func aHugeDocumentRendersEveryItem() {
        let huge = (0..<20_000).map { "- item \($0) with **bold** and `code`" }.joined(separator: "\n")
        let lines = MarkdownRenderer.render(huge, width: 100)
        #expect(lines.count == 20_000)
        #expect(lines.first?.plainText == "• item 0 with bold and code")
        #expect(lines.last?.plainText == "• item 19999 with bold and code")
        #expect(roles(Array(lines.suffix(1)), of: "bold") == [.strong])
    }

    @Test func tooNarrowGivesNothingRatherThanGarbage() {
        #expect(MarkdownRenderer.render("# hello", width: 3).isEmpty)
    }
}
