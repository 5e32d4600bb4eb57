import Foundation
import Testing

@testable import Completion

/// The analysis notes where the digest's lines are, and the digest then reads only those. Whatever the file holds,
/// the digest must be the very one a read of the whole file gives, also when lines were appended after the
/// analysis or the file was replaced meanwhile.
@Suite("Digest line index")
struct DigestLineIndexTests {
    private let cwd = "/home/dev/acme"

    /// The digest through the analysis's index, and the one read from the whole file.
    private func bothDigests(_ url: URL, analysis: TranscriptAnalysis) throws -> (indexed: String, whole: String) {
        var whole = analysis
        whole.digestLines = nil
        return (
            try TranscriptDigest.render(url, redactor: TranscriptRedactor(), analysis: analysis, title: "s"),
            try TranscriptDigest.render(url, redactor: TranscriptRedactor(), analysis: whole, title: "s")
        )
    }

    /// Lines a real transcript holds beside the digest's own: CRLF endings, blank lines, damaged JSON, bytes that
    /// are not UTF-8, a line over the reader's limit, a sidechain, tool output, thinking only.
    private func hostileLines() -> [String] {
        var lines = TranscriptFixtures.realistic(cwd: cwd)
        lines.insert(TranscriptFixtures.user(cwd, "2025-11-20T09:01:00.000Z", "first\r\nsecond") + "\r", at: 2)
        lines.insert("", at: 3)
        lines.insert("{\"type\":\"user\",\"message\":{\"content\":\"cut", at: 4)
        lines.insert(TranscriptFixtures.user(cwd, "2025-11-20T09:02:00.000Z", "caf\u{E9} \u{1F600}"), at: 5)
        lines.append(
            TranscriptFixtures.toolResult(cwd, "2025-11-20T09:03:00.000Z", id: "t9", output: "TOOL-OUTPUT")
        )
        lines.append(TranscriptFixtures.user(cwd, "2025-11-20T09:04:00.000Z", "last words"))
        return lines
    }

    @Test func theIndexedDigestIsTheWholeFilesDigest() throws {
        let folder = try TranscriptFixtures.temporaryFolder("digest-index")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("t.jsonl")
        var data = Data(hostileLines().joined(separator: "\n").utf8)
        data.append(contentsOf: [0x0A, 0xFF, 0xFE, 0x0A])  // a line that is not UTF-8
        data.append(Data(TranscriptFixtures.user(cwd, "2025-11-20T09:05:00.000Z", "after the bad bytes").utf8))
        data.append(0x0A)
        try data.write(to: url)
        var analyzer = TranscriptAnalyzer()
        analyzer.maxLineBytes = 1  // the reader's floor: the long tool output is an oversized line
        let analysis = try analyzer.analyze(url)
        let index = try #require(analysis.digestLines)
        #expect(index.rangeCount > 0)
        #expect(index.analyzedEnd == data.count)
        let (indexed, whole) = try bothDigests(url, analysis: analysis)
        #expect(indexed == whole)
        #expect(indexed.contains("> first"))
        #expect(indexed.contains("after the bad bytes"))
        #expect(!indexed.contains("TOOL-OUTPUT"))
    }

    /// The ranges are kept as distances a byte or a few long: gaps and lengths of every size, a line at the very
    /// start, adjacent lines merged, must come back exactly as noted.
    @Test func everyNotedLineComesBackWhateverTheGapsBetweenThem() throws {
        let folder = try TranscriptFixtures.temporaryFolder("digest-index-gaps")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("t.jsonl")
        var data = Data()
        var index = DigestLineIndex()
        var expected: [String] = []
        var generator = SystemRandomNumberGenerator()
        for n in 0..<3_000 {
            // Lengths from none to past two LEB128 bytes (16 384), most of them short.
            let length = [0, 1, 5, 126, 127, 128, 300, 16_383, 16_384, 20_000][n % 10]
            let text = "\(n):" + String(repeating: "x", count: length)
            let offset = data.count
            data.append(Data(text.utf8))
            data.append(0x0A)
            if n == 0 || n % 7 != 0 && Int.random(in: 0..<3, using: &generator) != 0 {
                index.add(offset: offset, end: data.count - 1)
                expected.append(text)
            }
            index.read(through: data.count - 1)
        }
        try data.write(to: url)
        var read: [String] = []
        try index.forEachLine(in: url) { line in
            read.append(String(decoding: line.bytes, as: UTF8.self))
            return true
        }
        #expect(read == expected)
        #expect(index.analyzedEnd == data.count)
        #expect(index.rangeCount < expected.count, "adjacent lines share a range")
    }

    @Test func linesAppendedAfterTheAnalysisAreInTheDigest() throws {
        let folder = try TranscriptFixtures.temporaryFolder("digest-append")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("t.jsonl")
        // The last line is still being written when the analysis reads it: no newline yet.
        var lines = hostileLines()
        lines.append(TranscriptFixtures.user(cwd, "2025-11-20T09:06:00.000Z", "half"))
        try TranscriptFixtures.write(lines, to: url, trailingNewline: false)
        let analysis = try TranscriptAnalyzer().analyze(url)
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n".utf8))
        try handle.write(
            contentsOf: Data((TranscriptFixtures.user(cwd, "2025-11-20T09:07:00.000Z", "typed later") + "\n").utf8)
        )
        try handle.close()
        let (indexed, whole) = try bothDigests(url, analysis: analysis)
        #expect(indexed == whole)
        #expect(indexed.components(separatedBy: "> half").count == 2, "the half-written line, once")
        #expect(indexed.contains("> typed later"))
    }

    @Test func aTranscriptRewrittenAfterTheAnalysisIsReadWhole() throws {
        let folder = try TranscriptFixtures.temporaryFolder("digest-moved")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("t.jsonl")
        try TranscriptFixtures.write(hostileLines(), to: url)
        let analysis = try TranscriptAnalyzer().analyze(url)
        // Compacted by another tool: different lines, at different offsets.
        let rewritten = [TranscriptFixtures.user(cwd, "2025-11-20T10:00:00.000Z", "a shorter story")]
        try TranscriptFixtures.write(rewritten + hostileLines().suffix(2), to: url)
        let index = try #require(analysis.digestLines)
        #expect(throws: DigestLineIndex.Moved.self) { try index.forEachLine(in: url) { _ in true } }
        let (indexed, whole) = try bothDigests(url, analysis: analysis)
        #expect(indexed == whole)
        #expect(indexed.contains("> a shorter story"))
        #expect(!indexed.contains("Add validation"))
    }

    @Test func theIndexSkipsWhatTheDigestLeavesOut() throws {
        let folder = try TranscriptFixtures.temporaryFolder("digest-skips")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try TranscriptFixtures.bulkyTranscript(in: folder)
        let analysis = try TranscriptAnalyzer().analyze(source)
        let index = try #require(analysis.digestLines)
        var noted = 0
        try index.forEachLine(in: source) { line in
            noted += line.bytes.count
            return true
        }
        // Tool output is most of this transcript: the digest reads a small part of it.
        #expect(noted > 0 && noted < analysis.bytes / 2, "\(noted) of \(analysis.bytes) bytes")
        let (indexed, whole) = try bothDigests(source, analysis: analysis)
        #expect(indexed == whole)
    }
}
