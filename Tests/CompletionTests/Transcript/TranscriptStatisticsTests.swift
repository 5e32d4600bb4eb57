import Foundation
import Testing

@testable import Completion

@Suite struct TranscriptStatisticsTests {
    @Test func countsLikeCcusageOnRealShapedLines() throws {
        let folder = try TranscriptFixtures.temporaryFolder("stats")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("session.jsonl")
        try TranscriptFixtures.write(TranscriptFixtures.realistic(cwd: "/home/dev/acme"), to: url)

        let analysis = try TranscriptAnalyzer().analyze(url)
        let stats = analysis.statistics
        let independent = try TranscriptFixtures.independentCount(url)
        #expect(stats.tokensUsed == independent.tokens)
        #expect(stats.contextUsed == independent.context)
        // By hand: 12,124 (msg_01A once) + 940 (sidechain) + 13,306 (msg_01B, first line) + 13,052 (no request id)
        // + 4,021 (sidechain); the synthetic message adds nothing. Context: msg_01C, 2 + 13,000.
        #expect(stats.tokensUsed == 43_443)
        #expect(stats.contextUsed == 13_002)
        #expect(stats.duplicatesSkipped == 3)
        #expect(stats.syntheticSkipped == 1)
        #expect(stats.model == "claude-opus-4-1-20250805")
        #expect(stats.gitBranch == "feature/login")
        #expect(stats.sessionID == TranscriptFixtures.session)
        #expect(stats.duration == 360)
        #expect(analysis.issues.isEmpty)
        #expect(
            analysis.lastTodoWrite?.map(\.content) == [
                "Add login form validation", "Write integration tests", "Update the docs",
            ]
        )
    }

    @Test func generatedTranscriptMatchesTheIndependentCount() throws {
        let folder = try TranscriptFixtures.temporaryFolder("generated")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("session.jsonl")
        var sample = SampleTranscript(
            sessionID: "abc",
            cwd: "/work/app",
            start: Date(timeIntervalSince1970: 1_764_000_000)
        )
        sample.bulk = 300
        try sample.write(to: url, targetBytes: 600_000)
        let stats = try TranscriptAnalyzer().analyze(url).statistics
        let independent = try TranscriptFixtures.independentCount(url)
        #expect(stats.tokensUsed == independent.tokens)
        #expect(stats.contextUsed == independent.context)
        #expect(stats.duplicatesSkipped > 0 && stats.syntheticSkipped > 0)
    }

    @Test func chunkBoundariesDoNotChangeTheResult() throws {
        let folder = try TranscriptFixtures.temporaryFolder("chunks")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("session.jsonl")
        var sample = SampleTranscript(
            sessionID: "abc",
            cwd: "/work/app",
            start: Date(timeIntervalSince1970: 1_764_000_000)
        )
        sample.bulk = 2_000
        try sample.write(to: url, targetBytes: 300_000)
        var small = TranscriptAnalyzer()
        small.chunkBytes = 4096
        let a = try TranscriptAnalyzer().analyze(url), b = try small.analyze(url)
        #expect(a == b)
        #expect(a.lineCount == b.lineCount && a.lineCount > 50)
    }

    @Test func timestampsParseWithFractionsAndOffsets() {
        #expect(TranscriptTimestamp.parse("2025-11-20T09:00:00.000Z")?.timeIntervalSince1970 == 1_763_629_200)
        #expect(TranscriptTimestamp.parse("2025-11-20T10:00:00+01:00")?.timeIntervalSince1970 == 1_763_629_200)
        #expect(TranscriptTimestamp.parse("2025-11-20T04:30:00-0430")?.timeIntervalSince1970 == 1_763_629_200)
        #expect(TranscriptTimestamp.parse("2024-02-29T23:59:59.5Z")?.timeIntervalSince1970 == 1_709_251_199.5)
        #expect(TranscriptTimestamp.parse("yesterday") == nil)
        #expect(TranscriptTimestamp.parse("2025-13-20T09:00:00Z") == nil)
        #expect(TranscriptTimestamp.parse("2025-11-20T09:00") == nil)
    }

    /// The hand-written reader agrees with Foundation's ISO8601DateFormatter wherever the formatter reads a stamp.
    @Test func handReadTimestampsAgreeWithISO8601DateFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let seconds = Double(Int64.random(in: 0...4_102_444_800, using: &generator))
            let millis = Double(Int.random(in: 0...999, using: &generator)) / 1000
            let date = Date(timeIntervalSince1970: seconds + millis)
            let offset =
                Int.random(in: -14...14, using: &generator) * 3600 + [0, 1800, 2700].randomElement(using: &generator)!
            formatter.timeZone = TimeZone(secondsFromGMT: offset)
            plain.timeZone = TimeZone(secondsFromGMT: offset)
            for text in [formatter.string(from: date), plain.string(from: date)] {
                let ours = Timestamp.parseISO(text), theirs = formatter.date(from: text) ?? plain.date(from: text)
                #expect(
                    ours != nil && theirs != nil
                        && abs(ours!.timeIntervalSince1970 - theirs!.timeIntervalSince1970) < 0.0005,
                    "\(text)"
                )
            }
        }
    }

    @Test func scannerReadsEscapedAndUnicodeFields() {
        let line =
            #"{"cwd":"/home/d\u00e9v/a \"b\"\\c","type":"user","sessionId":"s\ud83d\ude00","message":{"content":"x"}}"#
        guard case .line(let parsed) = TranscriptLineScanner.scan(Data(line.utf8)) else {
            Issue.record("not scanned"); return
        }
        #expect(parsed.cwd == "/home/dév/a \"b\"\\c")
        #expect(parsed.sessionID == "s😀")
        #expect(parsed.type == "user")
    }
}
