import Foundation
import Testing

@testable import Completion

@Suite("Git secret scanner")
struct GitSecretScannerTests {
    @Test("each family's fixture is found with its family and line", arguments: GitSecretFixtures.secrets.indices)
    func findsFixture(_ index: Int) {
        let (family, text) = GitSecretFixtures.secrets[index]
        let findings = SecretScanner.scan(text: "line one\n" + text)
        #expect(findings.first?.family.rawValue == family, "\(text)")
        #expect(findings.first?.line == 2)
    }

    @Test("near-misses pass", arguments: GitSecretFixtures.nearMisses.indices)
    func nearMissPasses(_ index: Int) {
        let text = GitSecretFixtures.nearMisses[index]
        #expect(SecretScanner.scan(text: text).isEmpty, "\(text)")
    }

    @Test("redact replaces secrets and keeps the rest")
    func redacts() {
        let key = "AKIA" + "Z7Q3MX5TR2WN8VPL"
        let text = "id \(key) ok\n" + GitSecretFixtures.secrets[0].text + "db_password = \"q7ZpL2xR9vKm4TbW8s\"\n"
        let redacted = SecretPatterns.redact(text)
        #expect(!redacted.contains(key))
        #expect(redacted.contains("id [REDACTED:aws-access-key] ok"))
        #expect(!redacted.contains("MIIEowIBAAKCAQEA"))
        #expect(redacted.contains("[REDACTED:private-key]\n"))
        #expect(redacted.contains("db_password = \"[REDACTED:generic-secret]\""))
        #expect(SecretPatterns.redact("nothing here ✓") == "nothing here ✓")
        // A JSON line that holds JSON (a transcript's tool input) escapes its quotes.
        let nested = #"{"input": "{\"api_key\": \"q7ZpL2xR9vKm4TbW8s\"}"}"#
        #expect(SecretPatterns.redact(nested) == #"{"input": "{\"api_key\": \"[REDACTED:generic-secret]\"}"}"#)
    }

    @Test("a file is streamed: a secret after 3 MB, across a chunk boundary, is found with its line")
    func streamsLargeFile() throws {
        let folder = try GitTestFolder()
        let filler = String(repeating: "let value = computeSomething(42) // filler line\n", count: 21_846)  // ≈ 1 MB
        let boundary = SecretScanner.chunkSize - SecretScanner.overlap - 10
        var data = Data(filler.utf8.prefix(boundary))
        let linesBefore = data.filter { $0 == 0x0A }.count
        data.append(Data(("\n" + "ghp_" + GitSecretFixtures.body36 + "\n").utf8))
        let url = folder.url.appendingPathComponent("big.txt")
        try data.write(to: url)
        guard case .secret(let finding) = SecretScanner.firstSecret(inFileAt: Array(url.path.utf8)) else {
            Issue.record("not found"); return
        }
        #expect(finding.family == .gitHubToken)
        #expect(finding.line == linesBefore + 2)

        var large = Data(repeating: UInt8(ascii: "a"), count: 3 << 20)
        large.append(Data(("\n" + "sk_" + "live_" + "51Hq8Lm2Kd9Zx7Wp4Tn3Vb6C\n").utf8))
        try large.write(to: url)
        guard case .secret(let late) = SecretScanner.firstSecret(inFileAt: Array(url.path.utf8)) else {
            Issue.record("late secret not found"); return
        }
        #expect(late.family == .stripeKey && late.line == 2)
    }

    @Test("binary, empty, unreadable and hostile inputs")
    func hostileInput() throws {
        let folder = try GitTestFolder()
        // A real binary (known by its magic number) is skipped; text with a stray NUL byte is still scanned.
        let binary = folder.url.appendingPathComponent("b.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01] + Array(("ghp_" + GitSecretFixtures.body36).utf8)).write(
            to: binary
        )
        #expect(SecretScanner.firstSecret(inFileAt: Array(binary.path.utf8)) == .binary)
        let nul = folder.url.appendingPathComponent("dump.txt")
        try Data([0x00, 0x01, 0x0A] + Array(("ghp_" + GitSecretFixtures.body36).utf8)).write(to: nul)
        guard case .secret(let found) = SecretScanner.firstSecret(inFileAt: Array(nul.path.utf8)) else {
            Issue.record("a secret after a NUL byte must be found"); return
        }
        #expect(found.family == .gitHubToken && found.line == 2)
        let empty = folder.url.appendingPathComponent("e")
        try Data().write(to: empty)
        #expect(SecretScanner.firstSecret(inFileAt: Array(empty.path.utf8)) == .clean)
        if case .unreadable = SecretScanner.firstSecret(inFileAt: Array((folder.url.path + "/missing").utf8)) {
        } else {
            Issue.record("a missing file must be unreadable")
        }
        // Truncated patterns at the very end of the input, invalid UTF-8 and long runs must not crash.
        for text in ["-----BEGIN ", "eyJ", "sk-", "key=", "key = \"", "AKIA", "xoxb-", ":", "="] {
            #expect(SecretScanner.scan(text: text).isEmpty)
        }
        #expect(SecretScanner.scan(bytes: [0xFF, 0xFE, 0x3D, 0x22] + Array(repeating: 0x41, count: 5000)).isEmpty)
        #expect(SecretScanner.scan(text: String(repeating: "=", count: 100_000)).isEmpty)
    }
}
