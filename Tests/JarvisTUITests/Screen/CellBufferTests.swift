import Testing

@testable import JarvisScreen

@Suite struct CellBufferTests {
    @Test func wideCharactersTakeTwoColumns() {
        #expect(DisplayWidth.of("漢字") == 4)
        #expect(DisplayWidth.of("🚀") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("❤️") == 2)
    }

    @Test func aWideCharacterThatDoesNotFitLeavesABlank() {
        var buffer = CellBuffer(width: 5, height: 1)
        let used = buffer.put("ab漢字", x: 0, y: 0, role: .normal)
        #expect(buffer.text == "ab漢")
        #expect(used == 5)
        #expect(buffer[4, 0].text == " ")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.put("漢字", x: 0, y: 0, role: .normal)
        buffer.put("x", x: 1, y: 0, role: .normal)
        #expect(buffer.text == " x字")
        buffer.put("y", x: 2, y: 0, role: .normal)
        #expect(buffer.text == " xy")
    }

    @Test func truncationEndsWithAnEllipsisAndRespectsWidth() {
        #expect(DisplayWidth.truncate("漢字テキスト", to: 7) == "漢字テ…")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.of(DisplayWidth.pad("漢", to: 5)) == 5)
    }

    @Test func drawingOutsideTheBufferIsIgnored() {
        var buffer = CellBuffer(width: 3, height: 2)
        buffer.put("hello", x: -2, y: 0, role: .normal)
        buffer.put("x", x: 0, y: 5, role: .normal)
        buffer.put("y", x: 9, y: 1, role: .normal)
        #expect(buffer.text == "llo\n")
    }

    @Test func wrappingBreaksLongWordsAndKeepsWidth() {
        let lines = TextWrap.wrap("a verylongwordthatdoesnotfit here", width: 8)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 8 })
        #expect(lines.joined().replacingOccurrences(of: " ", with: "") == "averylongwordthatdoesnotfithere")
        #expect(TextWrap.wrap("漢字漢字", width: 1).count == 4)
    }
}
