import Completion
import Foundation
import Testing

@testable import JarvisTUI

@Suite("Plain and JSON renderers")
struct RendererTests {
    @Test func plainLinesNameStepAndOutcome() {
        let line = PlainRenderer.line(
            for: .stepFinished(.git, .degraded("committed; push failed"), .milliseconds(1500))
        )
        #expect(line == "[5/7] Git operations: degraded — committed; push failed (1.5 s)")
    }

    @Test func plainLinesAreInertToTerminalEscapes() throws {
        let hostile = "\u{1b}]0;owned\u{7}\u{1b}[2Jfile\u{8}\u{9b}31m.txt"
        let line = try #require(PlainRenderer.line(for: .stepProgress(.git, "staged \(hostile)")))
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) })
        #expect(line.contains("file"))
    }

    @Test func jsonObjectsCarryEventAndEscapedText() throws {
        let object = JSONRenderer.object(for: .warning(.cleanup, "bad \u{1b}[31m name"))
        #expect(object["event"] as? String == "warning")
        #expect(object["step"] as? String == "cleanup")
        let data = try JSONSerialization.data(withJSONObject: object)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("\u{1b}"))
        #expect(text.contains("\\u001b") || text.contains("\\u001B"))
    }

    @Test func jsonStepsCarryTheirCauseApartFromTheWording() {
        let clean = JSONRenderer.object(
            for: .stepFinished(.git, .skipped("the tree was clean", because: .nothingToCommit), .zero)
        )
        #expect(clean["outcome"] as? String == "skipped")
        #expect(clean["cause"] as? String == "nothing_to_commit")
        let other = JSONRenderer.object(for: .stepFinished(.git, .skipped("nothing to commit"), .zero))
        #expect(other["cause"] is NSNull)
    }
}
