import Foundation
import Testing

@testable import Completion

/// The digest's redaction as a user meets it: a key that a control character splits is still redacted (the digest
/// drops control characters, which would otherwise join the key again after the redaction had missed it).
@Suite("Digest redaction")
struct DigestRedactionTests {
    /// A transcript of one user prompt holding `count` AWS-shaped access keys, 21 bytes each with a space.
    static func promptTranscript(keys count: Int, in folder: URL, seed: UInt64) throws -> URL {
        var k = FakeKeys(seed: seed)
        var prompt = ""
        prompt.reserveCapacity(count * 21)
        for _ in 0..<count { prompt += "AKIA" + k.upperDigit(16) + " " }
        let url = folder.appendingPathComponent("keys-\(count).jsonl")
        try TranscriptFixtures.write(
            [TranscriptFixtures.user("/work/app", "2025-11-20T09:00:00.000Z", prompt)],
            to: url
        )
        return url
    }

    static func seconds(_ work: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try work()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    @Test(
        "a key split by a control or zero-width character is redacted in the digest",
        arguments: [
            "\u{1B}", "\u{07}", "\u{7F}", "\u{85}", "\u{202E}", "\u{0}", "\u{200B}", "\u{2060}", "\u{FEFF}", "\u{AD}",
        ]
    )
    func controlCharacterInsideAKey(separator: String) throws {
        let folder = try TranscriptFixtures.temporaryFolder("digest-split")
        defer { try? FileManager.default.removeItem(at: folder) }
        var k = FakeKeys(seed: 21)
        let body = k.alnum(36)
        let token = "ghp_" + body.prefix(10) + separator + body.dropFirst(10)
        let url = folder.appendingPathComponent("split.jsonl")
        try TranscriptFixtures.write(
            [TranscriptFixtures.user("/work/app", "2025-11-20T09:00:00.000Z", "use \(token) for the push")],
            to: url
        )
        let digest = try TranscriptDigest.render(url, redactor: TranscriptRedactor())
        #expect(!digest.contains(String(body.dropFirst(10))), "the key's tail survived: \(digest)")
        #expect(!digest.contains("ghp_" + body.prefix(10)), "the key's head survived: \(digest)")
        #expect(digest.contains("> use [REDACTED:github-token] for the push"), "\(digest)")
    }
}

/// The digest's cost stays linear in the length of a prompt full of keys. Timed, so it runs in the pass of the
/// time-limit suites (`scripts/test`), away from the end-to-end suites that keep both cores busy.
@Suite("Digest redaction, cost")
struct DigestRedactionCostTests {
    @Test("a prompt of keys four times as long costs about four times as much, not sixteen")
    func linearInThePromptsLength() throws {
        let folder = try TranscriptFixtures.temporaryFolder("digest-cost")
        defer { try? FileManager.default.removeItem(at: folder) }
        let small = try DigestRedactionTests.promptTranscript(keys: 16_000, in: folder, seed: 11)
        let large = try DigestRedactionTests.promptTranscript(keys: 64_000, in: folder, seed: 12)
        var digest = ""
        var smallTimes: [Double] = [], largeTimes: [Double] = []
        // Best of three, the sizes taking turns: the machine is shared, and the best run is the least disturbed.
        for _ in 0..<3 {
            smallTimes.append(
                try DigestRedactionTests.seconds {
                    _ = try TranscriptDigest.render(small, redactor: TranscriptRedactor())
                }
            )
            largeTimes.append(
                try DigestRedactionTests.seconds {
                    digest = try TranscriptDigest.render(large, redactor: TranscriptRedactor())
                }
            )
        }
        let smallTime = smallTimes.min()!, largeTime = largeTimes.min()!
        print(
            "digest of 16 000 keys \(String(format: "%.3f", smallTime)) s, 64 000: \(String(format: "%.3f", largeTime)) s"
        )
        // Linear is 4×; the in-place replacement this replaced was past 10×.
        #expect(largeTime <= 8 * smallTime + 0.5, "\(smallTime) s → \(largeTime) s")
        let redacted = digest.components(separatedBy: "[REDACTED:aws-access-key]").count - 1
        #expect(redacted > 63_000, "only \(redacted) of 64 000 keys redacted")
        let survivors = SecretScanner.scan(text: digest)
        #expect(survivors.isEmpty, "\(survivors.count) keys survived the redaction")
    }
}
