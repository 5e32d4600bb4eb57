import Foundation
import Testing

@testable import Completion

@Suite struct TranscriptArchiveTests {
    @Test func redactsTheMainSecretPatternsAndLeavesProseAlone() {
        let r = TranscriptRedactor()
        let cases: [(String, String)] = [
            ("key -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY----- end", "private-key"),
            ("aws AKIAQ3EGRPT2ZXVJ7K4M here", "aws-access-key"),
            ("gh ghp_0123456789abcdefghijABCDEFGHIJ012345 ok", "github-token"),
            (
                "pat github_pat_11ABCDEFG0123456789_abcdefghijklmnopQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwx",
                "github-token"
            ),
            ("gl glpat-abcdefghij0123456789", "gitlab-token"),
            ("slack xoxb-1234567890-abcdefghij", "slack-token"),
            (
                "claude sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQr-AAAA",
                "anthropic-key"
            ),
            ("openai sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789T3BlbkFJAbCdEfGhIjKlMnOpQrStUv", "openai-key"),
            ("stripe sk_live_51H8xQ2LkZ0123456789abcdefABCDEFGHIJ", "stripe-key"),
            ("google AIzaSyA0123456789abcdefghijklmnopqrstuv", "google-key"),
            ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "jwt"),
            ("DB_PASSWORD=\"Xk9mQ2vLp8Rz4TwB7nYc\"", "generic-secret"),
        ]
        for (text, kind) in cases {
            let out = r.redact(text)
            #expect(out.contains("[REDACTED:\(kind)]"), "\(text) → \(out)")
        }
        let prose = "Set the token = refresh_token_value in the password field; the secret is to ask. disk-usage ok."
        #expect(r.redact(prose) == prose)
    }

    @Test func gzipRoundTripsByteForByte() throws {
        let folder = try TranscriptFixtures.temporaryFolder("gzip")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try TranscriptFixtures.bulkyTranscript(in: folder)
        var compressed = Data()
        let read = try GzipStream.compress(source) { compressed.append(contentsOf: $0) }
        let original = try Data(contentsOf: source)
        #expect(read == original.count)
        #expect(compressed.count < original.count / 3)
        #expect(compressed.prefix(2) == Data([0x1F, 0x8B]))
        #expect(try GzipStream.decompress(compressed) == original)
        // gunzip, an independent reader, agrees.
        let gz = folder.appendingPathComponent("t.jsonl.gz")
        try compressed.write(to: gz)
        let gunzip = try ProcessRunner.run(["gzip", "-dc", gz.path])
        #expect(gunzip.succeeded && gunzip.stdout == original)
        #expect(throws: GzipStream.Failure.self) { try GzipStream.decompress(compressed.prefix(compressed.count / 2)) }
    }

    @Test func digestLinesAreOneLineInertAndClippedByCharacters() {
        let redactor = TranscriptRedactor()
        #expect(TranscriptDigest.inline("a\r\nb\nc") == "a b ⏎ c")
        #expect(TranscriptDigest.inline("plain \u{1B}[31mred") == TerminalText.inert("plain \u{1B}[31mred"))
        #expect(TranscriptDigest.oneLine("run `ls`\nnow", redactor: redactor) == "`run 'ls' ⏎ now`")
        // 100 characters of three bytes each: longer than the limit in bytes, not in characters.
        let wide = String(repeating: "界", count: 100)
        #expect(TranscriptDigest.oneLine(wide, redactor: redactor) == "`\(wide)`")
        let long = String(repeating: "界", count: 200)
        #expect(TranscriptDigest.oneLine(long, redactor: redactor) == "`\(String(repeating: "界", count: 160))…`")
        #expect(TranscriptDigest.oneLine("", redactor: redactor) == "")
    }

    /// One gzip member per chunk: files of no bytes, of exactly one chunk and of a chunk and one byte all read back
    /// whole, with our reader and with gunzip.
    @Test(arguments: [0, 1, GzipStream.memberBytes, GzipStream.memberBytes + 1, 3 * GzipStream.memberBytes + 17])
    func gzipMembersRoundTripAtChunkBoundaries(size: Int) throws {
        let folder = try TranscriptFixtures.temporaryFolder("gzip-members")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("t.jsonl")
        let original = TranscriptFixtures.mixedBytes(size, randomEvery: 7)
        try original.write(to: source)
        var compressed = Data()
        #expect(try GzipStream.compress(source, level: 1) { compressed.append(contentsOf: $0) } == size)
        #expect(try GzipStream.decompress(compressed) == original)
        let gz = folder.appendingPathComponent("t.jsonl.gz")
        try compressed.write(to: gz)
        let gunzip = try ProcessRunner.run(["gzip", "-dc", gz.path])
        #expect(gunzip.succeeded && gunzip.stdout == original, "\(gunzip.errorOutput)")
    }

    @Test func digestKeepsTheConversationAndLeavesOutThinkingOutputAndSecrets() throws {
        let folder = try TranscriptFixtures.temporaryFolder("digest")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("t.jsonl")
        var lines = TranscriptFixtures.realistic(cwd: "/home/dev/acme")
        lines.append(
            TranscriptFixtures.user(
                "/home/dev/acme",
                "2025-11-20T09:07:00.000Z",
                "## Not a heading\n\u{1B}]0;title\u{07}done"
            )
        )
        try TranscriptFixtures.write(lines, to: url)
        let analysis = try TranscriptAnalyzer().analyze(url)
        let digest = try TranscriptDigest.render(url, redactor: TranscriptRedactor(), analysis: analysis, title: "s")
        #expect(digest.contains("> Add validation to the login form."))
        #expect(digest.contains("I'll add the checks to `login()`."))
        #expect(digest.contains("- 🔧 `Edit`: `/src/auth.py`"))
        #expect(digest.contains("- 🔧 `Bash`: `pytest -q ⏎ tests/test_auth.py`"))
        #expect(digest.contains("- 🔧 `TodoWrite`: `3 todos`"))
        #expect(digest.contains("**Tokens used**: 43443"))
        #expect(digest.contains("> ## Not a heading"))
        #expect(!digest.contains("SECRET-THOUGHT"))
        #expect(!digest.contains("TOOL-OUTPUT"))
        #expect(!digest.contains("Subagent: found"))
        #expect(!digest.contains("No response requested."))
        #expect(!digest.contains("sk-ant-api03"))
        #expect(!digest.contains("AKIAQ3EGRPT2ZXVJ7K4M"))
        #expect(digest.contains("[REDACTED:anthropic-key]"))
        #expect(!digest.contains("\u{1B}"))
    }

    @Test func aUserPromptIsQuotedLineByLineEmptyLinesToo() {
        let prompts = ["one line", "first\nsecond", "a\n\nb\n", "\n", "", "ü 🚀\n## heading\n> already quoted"]
        for prompt in prompts {
            let expected = prompt.split(separator: "\n", omittingEmptySubsequences: false).map { "> \($0)" }
            #expect(TranscriptDigest.quoted(prompt) == expected.joined(separator: "\n"), "\(prompt.debugDescription)")
        }
    }
}
