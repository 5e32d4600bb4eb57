import Foundation
import Testing

@testable import Completion

/// The scan's cost stays linear in its input: one long line made of the candidates each matcher starts
/// from costs four times as much at four times the size. A matcher that re-reads the line or backtracks over
/// a long run costs sixteen times as much.
@Suite("Secret scanner, cost")
struct SecretScanCostTests {

    static func seconds(_ work: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        work()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func input(of unit: String, bytes: Int) -> [UInt8] {
        let unitBytes = Array(unit.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes + unitBytes.count)
        while out.count < bytes { out += unitBytes }
        return out
    }

    /// How long it takes is a benchmark row (`jarvis-bench sizes`, the digest of 16 000 key-like tokens), measured
    /// beside its baseline: under a sanitizer on a shared machine a time limit here measured the machine.
    @Test("a 1 MB line of key-like tokens is scanned to its end: the last token is found too")
    func megabyteOfTokens() {
        var k = FakeKeys(seed: 3)
        var line = Self.input(
            of: "ghp_" + k.alnum(36) + " sk-" + k.alnum(48) + " key=" + k.alnum(24) + " ",
            bytes: 1 << 20
        )
        let last = "ghp_" + k.alnum(36)
        line += Array(" \(last)".utf8)
        let lastRange = (line.count - last.utf8.count)..<line.count
        var findings: [SecretFinding] = []
        let elapsed = Self.seconds { findings = SecretScanner.scan(bytes: line) }
        #expect(findings.contains { $0.range == lastRange && $0.family == .gitHubToken }, "\(findings.suffix(3))")
        print("scan of a 1 MB line of key-like tokens: \(String(format: "%.3f", elapsed)) s")
    }

    @Test("a line of candidates four times as long costs four times as much, not sixteen")
    func linearOnLongLines() {
        var k = FakeKeys(seed: 7)
        let units: [(String, String)] = [
            ("github tokens", "ghp_" + k.alnum(36) + "/"),
            ("aws keys", "AKIA" + k.upperDigit(16) + "/"),
            ("assignments", "key="),
            ("quoted assignments", "token=\""),
            ("password fields", "password: " + k.password(10) + " "),
            ("private key headers", "-----BEGIN " + "RSA PRIVATE KEY-----"),
            ("urls", "postgres://a:" + k.password(8) + "@h/"),
            ("jwts", k.jwt() + "."),
            ("base64", k.base64(4096)),
            ("bearer", "Bearer Bearer "),
            ("curl", "curl -u a:" + k.password(8) + " "),
            ("telegram digits", "1234567890:"),
            ("allow-listed", "token = \"" + k.alnum(32) + "\" "),
        ]
        for (name, unit) in units {
            let small = Self.input(of: unit, bytes: 1 << 16), large = Self.input(of: unit, bytes: 1 << 18)
            // Best of three: the machine is shared, and the best run is the one least disturbed.
            let smallTime = (0..<3).map { _ in Self.seconds { _ = SecretScanner.scan(bytes: small) } }.min()!
            let largeTime = (0..<3).map { _ in Self.seconds { _ = SecretScanner.scan(bytes: large) } }.min()!
            print(
                "scan of \(name): 64 KB \(String(format: "%.3f", smallTime)) s, 256 KB \(String(format: "%.3f", largeTime)) s"
            )
            // Linear is 4×; quadratic is 16×. The slack absorbs a shared machine's noise.
            #expect(largeTime <= 8 * smallTime + 0.2, "\(name): \(smallTime) s → \(largeTime) s")
        }
    }
}
