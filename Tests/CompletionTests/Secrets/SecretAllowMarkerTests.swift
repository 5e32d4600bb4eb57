import Foundation
import Testing

@testable import Completion

/// A line carrying `pragma: allowlist secret` or `jarvis: allow-secret`, in any letter case, is never reported;
/// the marker counts only on the secret's own line and only when spelled with the ASCII letters themselves.
@Suite("Secret scanner, allow markers")
struct SecretAllowMarkerTests {
    static func findings(_ text: String) -> [SecretFinding] { SecretScanner.scan(text: text) }

    static var token: String {
        var keys = FakeKeys(seed: 11)
        return "ghp_" + keys.alnum(36)
    }

    @Test("the marker in any letter case allows the line's secret")
    func anyCase() {
        for marker in ["pragma: allowlist secret", "PRAGMA: AllowList Secret", "Jarvis: Allow-Secret"] {
            #expect(Self.findings("token = \(Self.token)  # \(marker)\n").isEmpty, "\(marker)")
        }
    }

    @Test("a marker on another line, cut short, or spelled with a look-alike letter allows nothing")
    func onlyTheRealMarkerOnTheSameLine() {
        let cases = [
            "# pragma: allowlist secret\ntoken = \(Self.token)\n",
            "token = \(Self.token)  # pragma: allowlist secre\n",
            // A Cyrillic і in place of the Latin i.
            "token = \(Self.token)  # pragma: allowl\u{0456}st secret\n",
            "token = \(Self.token)  # jarvis: allow secret\n",
        ]
        for text in cases {
            #expect(Self.findings(text).map(\.family) == [.gitHubToken], "\(text)")
        }
    }

    @Test("the marker at the very end of the text, without a newline, still counts")
    func atTheEnd() {
        #expect(Self.findings("\(Self.token) jarvis: allow-secret").isEmpty)
    }
}
