import Foundation
import Testing

@testable import Completion

/// Malformed, truncated, huge and hostile input: each is counted and named in one warning, never fatal.
@Suite struct TranscriptToleranceTests {
    let cwd = "/home/dev/acme"

    @Test func everyKindOfDamageIsCountedInOneWarning() throws {
        let folder = try TranscriptFixtures.temporaryFolder("damage")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("session.jsonl")
        var lines = TranscriptFixtures.realistic(cwd: cwd)
        lines.insert("this is not json at all", at: 2)  // line 3
        lines.insert("{\"type\":\"telemetry-beacon\",\"value\":1}", at: 4)  // line 5
        lines.insert("{\"type\":\"user\",\"message\":{\"content\":\"cut", at: 6)  // line 7
        lines.insert("", at: 7)  // blank: ignored
        var data = Data(lines.joined(separator: "\n").utf8)
        // A user line with invalid UTF-8 in its text, still counted for its timestamp.
        data.append(
            Data("\n{\"type\":\"user\",\"timestamp\":\"2025-11-20T09:07:00.000Z\",\"message\":{\"content\":\"bad ".utf8)
        )
        data.append(contentsOf: [0xFF, 0xC3, 0x28])
        data.append(Data("\"}}\n".utf8))
        // The session was still writing: the last line stops mid-usage.
        data.append(
            Data(
                TranscriptFixtures.assistant(
                    cwd,
                    "2025-11-20T09:08:00.000Z",
                    id: "msg_01Z",
                    request: "req_01Z",
                    usage: (1, 1, 1, 1),
                    block: "{\"type\":\"text\",\"text\":\"partial\"}"
                ).prefix(300).utf8
            )
        )
        try data.write(to: url)

        let analysis = try TranscriptAnalyzer().analyze(url)
        #expect(analysis.issues.count(.notJSON) == 1)
        #expect(analysis.issues.count(.unknownType) == 1)
        #expect(analysis.issues.count(.cutShort) == 1)
        #expect(analysis.issues.count(.invalidUTF8) == 1)
        #expect(analysis.issues.count(.truncatedLastLine) == 1)
        // The damage changes nothing in the statistics of the good lines.
        #expect(analysis.statistics.tokensUsed == 43_443)
        #expect(analysis.statistics.lastTimestamp == TranscriptTimestamp.parse("2025-11-20T09:07:00.000Z"))
        let warning = try #require(analysis.issues.warning(path: url.path))
        #expect(warning.contains(url.path))
        #expect(warning.contains("1 line that is not JSON (line 3)"))
        #expect(warning.contains("\"telemetry-beacon\""))
        #expect(warning.contains("line cut short (line 7)"))
        #expect(warning.contains("truncated last line"))
        #expect(warning.contains("invalid UTF-8"))
    }

    @Test func aTenMegabyteLineIsSkippedButItsUsageCounted() throws {
        let folder = try TranscriptFixtures.temporaryFolder("huge")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("session.jsonl")
        let huge = String(repeating: "x", count: 10 << 20)
        var lines = TranscriptFixtures.realistic(cwd: cwd)
        lines.append(
            TranscriptFixtures.assistant(
                cwd,
                "2025-11-20T09:10:00.000Z",
                id: "msg_01H",
                request: "req_01H",
                usage: (7, 8, 9, 10),
                block:
                    "{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"Write\",\"input\":{\"file_path\":\"/big\",\"content\":\"\(huge)\"}}"
            )
        )
        lines.append(TranscriptFixtures.toolResult(cwd, "2025-11-20T09:11:00.000Z", id: "t", output: huge))
        lines.append(TranscriptFixtures.user(cwd, "2025-11-20T09:12:00.000Z", "thanks"))
        try TranscriptFixtures.write(lines, to: url)

        resetPeak()
        let analysis = try TranscriptAnalyzer().analyze(url)
        #expect(analysis.issues.count(.oversized) == 2)
        #expect(analysis.statistics.tokensUsed == 43_443 + 34)
        #expect(analysis.statistics.contextUsed == 7 + 9 + 10)
        #expect(analysis.statistics.lastTimestamp == TranscriptTimestamp.parse("2025-11-20T09:12:00.000Z"))
        #expect(analysis.issues.warning(path: url.path)?.contains("2 oversized lines") == true)
        #expect(analysis.lineCount == lines.count)
    }

    @Test func hostileLinesDoNotCrashOrHang() throws {
        let folder = try TranscriptFixtures.temporaryFolder("hostile")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("session.jsonl")
        let hostile = [
            String(repeating: "[", count: 200_000),  // deep nesting, unterminated
            "{\"type\":\"assistant\",\"message\":" + String(repeating: "{\"a\":", count: 50_000) + "1"
                + String(repeating: "}", count: 50_000) + "}",
            "{\"type\":\"assistant\",\"message\":{\"usage\":{\"input_tokens\":-5,\"output_tokens\":1e400,\"cache_read_input_tokens\":\"many\"}}}",
            "{\"type\":\"user\",\"cwd\":\"\\\\\\\\\\\"\",\"x\":\"\\u12\"}",
            "{\"type\":\"user\"} trailing garbage",
            "{\"type\":\"user\",\"message\":{\"content\":\"\u{1B}]0;pwned\u{07}\"}}",
            String(repeating: "\\", count: 10_000),
            "\u{0}\u{0}\u{0}",
            "{}",
            "{\"type\":null}",
        ]
        try TranscriptFixtures.write(hostile, to: url)
        let analysis = try TranscriptAnalyzer().analyze(url)
        // negative and non-numeric counts are zero, 1e400 keeps its integer part
        #expect(analysis.statistics.tokensUsed == 1)
        #expect(analysis.issues.count(.unknownType) == 2)
        #expect(analysis.issues.count(.notJSON) + analysis.issues.count(.cutShort) == 4)
    }

    @Test func anEmptyOrMissingFile() throws {
        let folder = try TranscriptFixtures.temporaryFolder("empty")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("empty.jsonl")
        try Data().write(to: url)
        let analysis = try TranscriptAnalyzer().analyze(url)
        #expect(analysis.statistics.tokensUsed == 0 && analysis.issues.isEmpty)
        #expect(throws: TranscriptReadError.self) {
            try TranscriptAnalyzer().analyze(folder.appendingPathComponent("missing.jsonl"))
        }
    }

    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [
            Array("plain ascii text ".utf8), Array("naïve → café 😀 ".utf8), [0xFF], [0xC3], [0xE2, 0x82],
            [0xED, 0xA0, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xE0, 0x80, 0xAF],
        ]
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBytes { TranscriptUTF8Validation.isValid($0) } == expected, "\(bytes)")
        }
    }

    private func resetPeak() {
        if let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
            handle.write(Data("5".utf8)); try? handle.close()
        }
    }
}
