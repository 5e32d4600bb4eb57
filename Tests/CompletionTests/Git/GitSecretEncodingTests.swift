import Foundation
import Testing

@testable import Completion

/// Step 5's content guard on a real repository with a bare remote, for files a byte-level scanner gets wrong:
/// UTF-16 text (little and big endian, with and without a byte-order mark), text with a stray NUL byte in its
/// first 8 KB, real binaries (skipped by their magic number), and a test-mode key (committed with a warning).
@Suite("Git secret guard, encodings and binaries")
struct GitSecretEncodingTests {
    static func utf16(_ text: String, bigEndian: Bool, mark: Bool) -> Data {
        var data = Data(mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : [])
        for unit in text.utf16 {
            let bytes = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            data.append(contentsOf: bigEndian ? bytes.reversed() : bytes)
        }
        return data
    }

    @Test("UTF-16 and NUL-bearing text files with secrets are held back; binaries and test keys are committed")
    func encodingsAndBinaries() async throws {
        var k = FakeKeys(seed: 16)
        let repo = try GitTestRepository()
        let aws = "AKIA" + k.upperDigit(16), github = "ghp_" + k.alnum(36), stripeTest = "sk_test_" + k.alnum(40)
        let held: [(path: String, data: Data, label: String)] = [
            (
                "deploy/setup.ps1",
                Self.utf16("# setup\r\n$env:AWS_ACCESS_KEY_ID = \"\(aws)\"\r\n", bigEndian: false, mark: true),
                "AWS access key, line 2"
            ),
            (
                "deploy/init.ps1", Self.utf16("Set-Item env:GH_TOKEN \"\(github)\"\r\n", bigEndian: false, mark: false),
                "GitHub token, line 1"
            ),
            (
                "docs/notes-be.txt", Self.utf16("notes\ntoken: \(github)\n", bigEndian: true, mark: true),
                "GitHub token, line 2"
            ),
            (
                "docs/notes-be-nomark.txt", Self.utf16("password: Wint3r2025!\n", bigEndian: true, mark: false),
                "password in a config"
            ),
            (
                "data/export.txt", Data("id,name\n1,a\u{0}b\n".utf8) + Data("GITHUB_TOKEN=\(github)\n".utf8),
                "GitHub token, line 3"
            ),
        ]
        let committed: [(path: String, data: Data)] = [
            (
                "assets/logo.png",
                Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) + Data("tEXt \(github)".utf8)
            ),
            (
                "dist/bundle.zip",
                Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0]) + Data("config.env GITHUB_TOKEN=\(github)".utf8)
            ),
            ("bin/tool", Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0]) + Data("\(aws)".utf8)),
            ("tests/stripe_test.rb", Data("Stripe.api_key = '\(stripeTest)'\n".utf8)),
        ]
        for file in held { try repo.write(file.path, file.data) }
        for file in committed { try repo.write(file.path, file.data) }

        let run = await repo.complete()

        #expect(run.gitOutcome == .done)
        #expect(repo.remoteHead == repo.head, "the session commit is pushed")
        for file in committed { #expect(repo.committedPaths.contains(file.path), "\(file.path) held back") }
        for file in held {
            #expect(!repo.committedPaths.contains(file.path), "\(file.path) committed")
            #expect(
                run.warnings.contains { $0.contains(file.path) && $0.contains(file.label) },
                "\(file.path): \(run.warnings)"
            )
            #expect(repo.read(file.path) == file.data, "\(file.path) changed on disk")
        }
        #expect(
            run.warnings.contains { $0.contains("tests/stripe_test.rb") && $0.contains("Stripe test-mode key") },
            "\(run.warnings)"
        )
    }
}
