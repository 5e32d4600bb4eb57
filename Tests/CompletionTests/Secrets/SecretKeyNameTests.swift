import Foundation
import Testing

@testable import Completion

/// Names that only look like a credential's (`sort_key`, `PRIMARY_KEY`, `max_tokens`) hold identifiers or
/// settings, so a random value under them is not reported; the same value under a real secret name is.
@Suite("Secret scanner, names that are not secrets")
struct SecretKeyNameTests {
    static func families(_ text: String) -> [SecretFamily] { SecretScanner.scan(text: text).map(\.family) }

    static var value: String {
        var keys = FakeKeys(seed: 23)
        return keys.alnum(40)
    }

    @Test("a random value under a name with an underscore part, in any letter case, is not reported")
    func underscorePartsAreNotSecrets() {
        let names = [
            "sort_key", "PRIMARY_KEY", "tableSort_Key", "max_token_budget", "reset_password_token",
            "password_reset_secret", "keychain_service_key", "Key_Alias",
        ]
        for name in names {
            #expect(Self.families("\(name) = \"\(Self.value)\"\n").isEmpty, "\(name)")
        }
    }

    @Test("the same value under a secret's name is reported, so the names above are what spares them")
    func theSameValueUnderASecretName() {
        for name in ["api_key", "SORT_SECRET", "client_token", "keychain_secret"] {
            #expect(!Self.families("\(name) = \"\(Self.value)\"\n").isEmpty, "\(name)")
        }
    }

    @Test("only ASCII letters are compared without case: no other byte stands in for `_`, `-` or a letter")
    func onlyLettersFold() {
        func contains(_ word: String, in text: String) -> Bool {
            Array(text.utf8).withUnsafeBufferPointer { buffer in
                ScanBytes(base: buffer).containsAny([Array(word.utf8)], in: 0..<buffer.count)
            }
        }
        #expect(contains("sort_key", in: "X_SORT_KEY"))
        #expect(contains("api-key", in: "Api-Key"))
        #expect(!contains("api-key", in: "api\rkey"))
        #expect(!contains("sort_key", in: "sort\u{7F}key"))
    }
}
