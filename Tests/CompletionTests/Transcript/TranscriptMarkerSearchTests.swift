import Foundation
import Testing

@testable import Completion

/// The marker search that decides which transcript lines the digest and the review decode: a line is skipped when
/// its marker is not found, so a miss would drop a prompt, an answer or a failed tool call from the digest.
@Suite("Transcript marker search")
struct TranscriptMarkerSearchTests {
    private func found(_ line: String, _ marker: String) -> Bool {
        Array(line.utf8).withUnsafeBytes { TranscriptAnalyzer.contains($0, Array(marker.utf8)) }
    }

    @Test("found at the start, in the middle, at the very end, and after near misses")
    func foundWherever() {
        let marker = "\"tool_result\""
        #expect(found("\"tool_result\",\"x\":1}", marker))
        #expect(found("{\"type\":\"tool_result\",\"content\":\"x\"}", marker))
        #expect(found("{\"a\":\"b\",\"type\":\"tool_result\"", marker))
        #expect(found("\"tool_resul \"tool_resulT\" \"\"tool_result\"", marker))
        #expect(found(String(repeating: "\"a\":\"b\",", count: 10_000) + marker, marker))
    }

    @Test("not found: absent, cut short, longer than the line, or an empty line")
    func notFound() {
        let marker = "\"type\":\"thinking\""
        #expect(!found("{\"type\":\"text\",\"text\":\"thinking\"}", marker))
        #expect(!found("{\"type\":\"thinkin", marker))
        #expect(!found("\"type\"", marker))
        #expect(!found("", marker))
        #expect(!found("{\"type\": \"thinking\"}", marker), "the markers are exact bytes: a space is a different line")
    }

    @Test("bytes that are not UTF-8 around the marker do not hide it")
    func nonUTF8AroundTheMarker() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x22] + Array("tool_use\"".utf8) + [0xC3]
        #expect(bytes.withUnsafeBytes { TranscriptAnalyzer.contains($0, Array("\"tool_use\"".utf8)) })
    }
}
