import Foundation
import Testing

@testable import Completion

/// `inert` skips clean text with a byte scan; the scan must catch every character the cleaning removes,
/// including the multi-byte ones (C1 controls, bidi overrides), wherever they sit in the text.
@Suite("Terminal text")
struct TerminalTextTests {
    static let steering: [Unicode.Scalar] =
        (Array(0x00...0x1F) + [0x7F] + Array(0x80...0x9F)
        + [0x200E, 0x200F] + Array(0x202A...0x202E) + Array(0x2066...0x2069)).map { Unicode.Scalar($0)! }

    /// What `inert` must produce, written the slow, obvious way.
    static func reference(_ text: String, keepingNewlines: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" && keepingNewlines { out.append(scalar); continue }
            if scalar == "\t" { out.append(" "); continue }
            if steering.contains(scalar) { continue }
            out.append(scalar)
        }
        return String(out)
    }

    @Test func everySteeringCharacterIsRemovedAtTheStartMiddleAndEnd() {
        for scalar in Self.steering {
            for text in ["\(scalar)abc", "ab\(scalar)c", "abc\(scalar)", "café \(scalar) ☕"] {
                #expect(
                    TerminalText.inert(text) == Self.reference(text, keepingNewlines: false),
                    "U+\(String(scalar.value, radix: 16))"
                )
                #expect(
                    TerminalText.inertKeepingNewlines(text) == Self.reference(text, keepingNewlines: true),
                    "U+\(String(scalar.value, radix: 16))"
                )
            }
        }
    }

    @Test func cleanTextComesBackUnchangedAndNeighboursOfTheRangesAreKept() {
        // Characters that share lead bytes with the removed ones but are ordinary text.
        let text = "naïve → café ☕ \u{00A0}\u{00A9}\u{200D}\u{2029}\u{2030}\u{2065}\u{206A}\u{202F} 日本語 🙂"
        #expect(TerminalText.inert(text) == text)
        #expect(TerminalText.inertKeepingNewlines(text + "\nline two") == text + "\nline two")
        #expect(TerminalText.inert("a\nb") == "ab")
    }

    @Test func aWindowsLineEndKeepsItsNewline() {
        #expect(TerminalText.inertKeepingNewlines("one\r\ntwo\u{1B}[2J") == "one\ntwo[2J")
    }

    @Test func randomTextAgreesWithTheReference() {
        var generator = SystemRandomNumberGenerator()
        let pool: [Unicode.Scalar] =
            Self.steering + ["a", "Z", " ", "\n", "é", "☕", "\u{2028}", "\u{00A0}", "🙂", "\u{2069}", "\u{2070}"]
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...24, using: &generator)
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length { scalars.append(pool.randomElement(using: &generator)!) }
            let text = String(scalars)
            #expect(TerminalText.inert(text) == Self.reference(text, keepingNewlines: false))
            #expect(TerminalText.inertKeepingNewlines(text) == Self.reference(text, keepingNewlines: true))
        }
    }
}
