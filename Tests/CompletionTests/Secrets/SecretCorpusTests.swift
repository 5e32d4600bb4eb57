import Foundation
import Testing

@testable import Completion

/// The labelled corpus through the file scanner the git guard uses (`SecretScanner.check(filesAt:)`, on
/// real files): ≥ 98 % of the secrets held back, ≤ 2 % of the ordinary look-alikes. The misses are printed.
@Suite("Secret scanner, labelled corpus")
struct SecretCorpusTests {
    static func scan(_ samples: [CorpusSample], in folder: URL) throws -> [SecretScanner.FileCheck] {
        var files: [(path: [UInt8], size: Int?)] = []
        for (index, sample) in samples.enumerated() {
            let url = folder.appendingPathComponent("\(index)").appendingPathComponent(sample.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(sample.text.utf8).write(to: url)
            files.append((Array(url.path.utf8), sample.text.utf8.count))
        }
        return SecretScanner.check(filesAt: files)
    }

    static func isHeld(_ check: SecretScanner.FileCheck) -> Bool {
        if case .secret = check.result { true } else { false }
    }

    @Test("the corpus has at least 100 secrets over 40 families and 100 look-alikes")
    func corpusSize() {
        let secrets = SecretCorpus.secrets
        #expect(secrets.count >= 100)
        #expect(Set(secrets.map(\.label)).count >= 40, "\(Set(secrets.map(\.label)).sorted())")
        #expect(LookAlikeCorpus.samples.count >= 100)
    }

    @Test("at least 98 % of the secrets are held back")
    func secretsHeldBack() throws {
        let folder = try GitTestFolder()
        let secrets = SecretCorpus.secrets
        let checks = try Self.scan(secrets, in: folder.url)
        let missed = zip(secrets, checks).filter { !Self.isHeld($0.1) }
        let report = missed.map { "  missed \($0.0.label) in \($0.0.path): \($0.0.text.prefix(160))" }.joined(
            separator: "\n"
        )
        print("secret corpus: \(secrets.count - missed.count) of \(secrets.count) held back\n\(report)")
        #expect(Double(secrets.count - missed.count) >= 0.98 * Double(secrets.count), "\n\(report)")
    }

    @Test("at most 2 % of the look-alikes are held back")
    func lookAlikesPass() throws {
        let folder = try GitTestFolder()
        let samples = LookAlikeCorpus.samples
        let checks = try Self.scan(samples, in: folder.url)
        let flagged = zip(samples, checks).compactMap { sample, check -> String? in
            guard case .secret(let finding) = check.result else { return nil }
            return
                "  flagged \(sample.label) in \(sample.path) as \(finding.family.rawValue): \(sample.text.prefix(160))"
        }
        print("look-alike corpus: \(flagged.count) of \(samples.count) held back\n" + flagged.joined(separator: "\n"))
        #expect(Double(flagged.count) <= 0.02 * Double(samples.count), "\n\(flagged.joined(separator: "\n"))")
    }

    @Test("the digest redactor replaces the corpus secrets with a marker naming the family")
    func redactorUsesTheSameRules() {
        let secrets = SecretCorpus.secrets
        let redactor = TranscriptRedactor()
        let unredacted = secrets.filter { !redactor.redact($0.text).contains("[REDACTED:") }
        #expect(
            Double(secrets.count - unredacted.count) >= 0.98 * Double(secrets.count),
            "\(unredacted.map { "\($0.label): \($0.text.prefix(100))" })"
        )
        let lookAlikes = LookAlikeCorpus.samples.filter { SecretPatterns.redact($0.text) != $0.text }
        // Test-mode keys are redacted too (they are still keys), so only they may differ.
        #expect(
            lookAlikes.allSatisfy { $0.label == "stripe-test" } || lookAlikes.count <= 2,
            "\(lookAlikes.map(\.path))"
        )
    }

    @Test("test-mode Stripe keys warn instead of holding the file back")
    func testKeysWarn() throws {
        let folder = try GitTestFolder()
        let samples = LookAlikeCorpus.samples.filter { $0.label == "stripe-test" }
        let checks = try Self.scan(samples, in: folder.url)
        #expect(samples.count == 3)
        for (sample, check) in zip(samples, checks) {
            #expect(check.result == .clean, "\(sample.path)")
            #expect(check.warning?.family == .stripeTestKey, "\(sample.path)")
        }
    }
}
