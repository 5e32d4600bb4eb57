import Foundation

/// One row of the secret table: the family it finds, how a candidate starts (one or two bytes, the cheap
/// filter the scan loop applies to every byte), and the matcher that confirms it. A matcher receives the
/// candidate's offset and returns the byte range of the secret, or nil.
struct SecretPattern: Sendable {
    let family: SecretFamily
    let leads: [String]
    let match: @Sendable (ScanBytes, Int) -> Range<Int>?
    var trigger: UInt8 { leads[0].utf8.first! }
}

/// The secret patterns, one family per row, and `redact` for anything that shows text to people or writes it
/// to disk (transcript digests, logs). Families: private-key headers, AWS access keys, GitHub, GitLab, Slack,
/// Anthropic, OpenAI, Stripe and Google credentials, JWTs, and a generic `key = "<high-entropy>"` rule.
public enum SecretPatterns {
    /// Placeholder words: a value containing one of them is a documented sample, not a secret.
    static let placeholderWords = ["example", "placeholder", "changeme", "change_me", "your_", "your-", "xxxx", "dummy", "redacted", "sample"]
    static let tokenPlaceholderWords = ["example", "placeholder", "xxxx", "dummy", "redacted"]
    /// Words in a name that make its value a secret candidate (`api_key`, `DB_PASSWORD`, `client_secret`, …).
    static let secretNameWords = ["key", "secret", "token", "password", "passwd", "pwd", "credential", "auth"]

    static let table: [SecretPattern] = [
        SecretPattern(family: .privateKey, leads: ["--"], match: privateKey),
        SecretPattern(family: .awsAccessKey, leads: ["AK", "AS", "AB", "AC"], match: awsAccessKey),
        SecretPattern(family: .googleKey, leads: ["AI"], match: googleAPIKey),
        SecretPattern(family: .googleKey, leads: ["GO"], match: googleOAuthSecret),
        SecretPattern(family: .gitHubToken, leads: ["gh", "gi"], match: gitHubToken),
        SecretPattern(family: .gitLabToken, leads: ["gl"], match: gitLabToken),
        SecretPattern(family: .slackToken, leads: ["xo"], match: slackToken),
        SecretPattern(family: .slackToken, leads: ["ho"], match: slackWebhook),
        SecretPattern(family: .anthropicKey, leads: ["sk"], match: anthropicKey),
        SecretPattern(family: .openAIKey, leads: ["sk"], match: openAIKey),
        SecretPattern(family: .stripeKey, leads: ["sk"], match: stripeKey),
        SecretPattern(family: .stripeKey, leads: ["rk"], match: stripeKey),
        SecretPattern(family: .jwt, leads: ["ey"], match: jwt),
        SecretPattern(family: .genericSecret, leads: ["="], match: genericAssignment),
        SecretPattern(family: .genericSecret, leads: [":"], match: genericAssignment),
    ]

    /// For each byte value, the rows it can start (empty for most bytes, so the scan loop stays cheap).
    static let byTrigger: [[SecretPattern]] = {
        var rows = [[SecretPattern]](repeating: [], count: 256)
        for pattern in table { rows[Int(pattern.trigger)].append(pattern) }
        return rows
    }()

    /// For each pair of bytes (first × 256 + second), whether a candidate may start there: the scan loop's
    /// only work for almost every byte.
    static let leadPairs: [Bool] = {
        var pairs = [Bool](repeating: false, count: 65_536)
        for pattern in table {
            for lead in pattern.leads {
                let bytes = Array(lead.utf8)
                if bytes.count == 1 {
                    for second in 0..<256 { pairs[Int(bytes[0]) << 8 | second] = true }
                } else {
                    pairs[Int(bytes[0]) << 8 | Int(bytes[1])] = true
                }
            }
        }
        return pairs
    }()

    /// Returns `text` with every secret replaced by `[REDACTED:<family>]` (for a generic assignment only the
    /// value is replaced, so `api_key = "[REDACTED:generic-secret]"` still says what was there).
    public static func redact(_ text: String) -> String {
        var utf8 = Array(text.utf8)
        let findings = SecretScanner.scan(bytes: utf8)
        guard !findings.isEmpty else { return text }
        for finding in findings.reversed() {
            utf8.replaceSubrange(finding.range, with: Array("[REDACTED:\(finding.family.rawValue)]".utf8))
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    // MARK: the matchers, one per family

    static func privateKey(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.has("-----BEGIN ", at: i) else { return nil }
        let labelStart = i + 11
        let labelEnd = s.run(from: labelStart, limit: 48) { ByteClass.isUpperOrDigit($0) || $0 == 0x20 }
        guard s.has("-----", at: labelEnd) else { return nil }
        let label = s.lowercasedString(labelStart..<labelEnd)
        guard label.contains("private key") else { return nil }
        // Redact the whole block when its end marker follows.
        var j = labelEnd + 5
        let limit = min(s.count, j + 16_384)
        while j < limit {
            if s[j] == UInt8(ascii: "-"), s.has("-----END ", at: j) {
                let close = s.run(from: j + 9, limit: 48) { ByteClass.isUpperOrDigit($0) || $0 == 0x20 }
                if s.has("-----", at: close) { return i..<(close + 5) }
            }
            j += 1
        }
        return i..<(labelEnd + 5)
    }

    static func awsAccessKey(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.boundaryBefore(i), s.has("AKIA", at: i) || s.has("ASIA", at: i) || s.has("ABIA", at: i) || s.has("ACCA", at: i) else { return nil }
        let end = s.run(from: i + 4, limit: 17, ByteClass.isUpperOrDigit)
        guard end - i == 20, s.boundaryAfter(end) else { return nil }
        // AWS documents its samples with the suffix EXAMPLE (AKIAIOSFODNN7EXAMPLE).
        if s.has("EXAMPLE", at: end - 7) { return nil }
        return i..<end
    }

    static func googleAPIKey(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.boundaryBefore(i), s.has("AIza", at: i) else { return nil }
        let end = s.run(from: i + 4, limit: 36, ByteClass.isToken)
        guard end - i == 39, s.boundaryAfter(end), looksRandom(s, (i + 4)..<end) else { return nil }
        return i..<end
    }

    static func googleOAuthSecret(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        tokenWithPrefix(s, i, prefix: "GOCSPX-", minimum: 28)
    }

    static func gitHubToken(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        if s.has("github_pat_", at: i) { return tokenWithPrefix(s, i, prefix: "github_pat_", minimum: 60) }
        guard s.has("gh", at: i), i + 4 <= s.count, s[i + 3] == UInt8(ascii: "_"),
              "pousr".utf8.contains(s[i + 2]) else { return nil }
        guard s.boundaryBefore(i) else { return nil }
        let end = s.run(from: i + 4, limit: 256, ByteClass.isAlnum)
        guard end - (i + 4) >= 36, s.boundaryAfter(end), looksRandom(s, (i + 4)..<end) else { return nil }
        return i..<end
    }

    static func gitLabToken(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        tokenWithPrefix(s, i, prefix: "glpat-", minimum: 20)
    }

    static func slackToken(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.has("xox", at: i), i + 4 < s.count, "baprse".utf8.contains(s[i + 3]), s[i + 4] == UInt8(ascii: "-"),
              s.boundaryBefore(i) else { return nil }
        let end = s.run(from: i + 5, limit: 256, ByteClass.isToken)
        guard end - (i + 5) >= 20, s.boundaryAfter(end), looksRandom(s, (i + 5)..<end) else { return nil }
        var digits = 0
        for k in (i + 5)..<end where ByteClass.of(s[k]) == ByteClass.digit { digits += 1 }
        return digits >= 4 ? i..<end : nil
    }

    static func slackWebhook(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        let prefix: StaticString = "hooks.slack.com/services/"
        guard s.has(prefix, at: i) else { return nil }
        let start = i + prefix.utf8CodeUnitCount
        let end = s.run(from: start, limit: 128) { ByteClass.isAlnum($0) || $0 == UInt8(ascii: "/") }
        guard end - start >= 20, s[start] == UInt8(ascii: "T"), looksRandom(s, start..<end) else { return nil }
        return i..<end
    }

    static func anthropicKey(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        tokenWithPrefix(s, i, prefix: "sk-ant-", minimum: 32)
    }

    static func openAIKey(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.has("sk-", at: i), !s.has("sk-ant-", at: i), s.boundaryBefore(i) else { return nil }
        var start = i + 3
        for project in ["proj-", "svcacct-", "admin-"] as [StaticString] where s.has(project, at: start) {
            start += project.utf8CodeUnitCount
            break
        }
        let end = s.run(from: start, limit: 512, ByteClass.isToken)
        guard end - start >= 32, s.boundaryAfter(end), looksRandom(s, start..<end), mixesLettersAndDigits(s, start..<end) else { return nil }
        return i..<end
    }

    static func stripeKey(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.boundaryBefore(i), s.has("k_live_", at: i + 1) || s.has("k_test_", at: i + 1),
              s[i] == UInt8(ascii: "s") || s[i] == UInt8(ascii: "r") else { return nil }
        let end = s.run(from: i + 8, limit: 256, ByteClass.isAlnum)
        guard end - (i + 8) >= 24, s.boundaryAfter(end), looksRandom(s, (i + 8)..<end) else { return nil }
        return i..<end
    }

    static func jwt(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.has("eyJ", at: i), s.boundaryBefore(i) else { return nil }
        let isPart: (UInt8) -> Bool = { ByteClass.isToken($0) }
        let headerEnd = s.run(from: i, limit: 2048, isPart)
        guard headerEnd - i >= 10, headerEnd < s.count, s[headerEnd] == UInt8(ascii: "."), s.has("eyJ", at: headerEnd + 1) else { return nil }
        let payloadEnd = s.run(from: headerEnd + 1, limit: 16_384, isPart)
        guard payloadEnd - headerEnd > 10, payloadEnd < s.count, s[payloadEnd] == UInt8(ascii: ".") else { return nil }
        let signatureEnd = s.run(from: payloadEnd + 1, limit: 2048, isPart)
        guard signatureEnd - payloadEnd > 10 else { return nil }
        return i..<signatureEnd
    }

    /// `name = "value"`, `name: value`, `"name": "value"`, `name := "value"`, `name => 'value'` where the name
    /// contains a secret word and the value is long and random enough.
    static func genericAssignment(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        let op = s[i]
        var after = i + 1
        if op == UInt8(ascii: "=") {
            if i > 0, "=!<>".utf8.contains(s[i - 1]) { return nil }
            if after < s.count, s[after] == UInt8(ascii: "=") { return nil }
            if after < s.count, s[after] == UInt8(ascii: ">") { after += 1 }
        } else {
            if after < s.count, s[after] == UInt8(ascii: ":") { return nil }
            if i > 0, s[i - 1] == UInt8(ascii: ":") { return nil }
            if after < s.count, s[after] == UInt8(ascii: "=") { after += 1 }
        }
        // The value first: most `=` and `:` in code are followed by something short or not a literal.
        var j = after
        while j < s.count, s[j] == 0x20 || s[j] == 0x09 { j += 1 }
        // JSON inside JSON (a transcript line) escapes the quotes: `\"api_key\": \"…\"`.
        let escaped = j + 1 < s.count && s[j] == UInt8(ascii: "\\") && s[j + 1] == UInt8(ascii: "\"")
        if escaped { j += 1 }
        guard j < s.count else { return nil }
        let quote = s[j]
        let quoted = quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") || quote == UInt8(ascii: "`")
        let start = quoted ? j + 1 : j
        let end = s.run(from: start, limit: 1024, ByteClass.isValue)
        let length = end - start
        guard length >= 16 else { return nil }
        if quoted {
            let close = escaped ? end + 1 : end
            guard close < s.count, s[close] == quote, !escaped || s[end] == UInt8(ascii: "\\") else { return nil }
        } else {
            let terminator: UInt8 = end < s.count ? s[end] : 0x0A
            guard length >= 20, [0x0A, 0x0D, 0x20, 0x09, UInt8(ascii: ","), UInt8(ascii: ";")].contains(terminator) else { return nil }
        }
        // The name before the operator (skipping spaces and a closing quote) must contain a secret word.
        var nameEnd = i
        while nameEnd > 0, s[nameEnd - 1] == 0x20 || s[nameEnd - 1] == 0x09 { nameEnd -= 1 }
        if nameEnd > 0, s[nameEnd - 1] == UInt8(ascii: "\"") || s[nameEnd - 1] == UInt8(ascii: "'") { nameEnd -= 1 }
        if nameEnd > 0, s[nameEnd - 1] == UInt8(ascii: "\\") { nameEnd -= 1 }
        var nameStart = nameEnd
        while nameStart > 0, nameEnd - nameStart < 64, ByteClass.isToken(s[nameStart - 1]) || s[nameStart - 1] == UInt8(ascii: ".") { nameStart -= 1 }
        guard nameEnd - nameStart >= 3, containsSecretWord(s, nameStart..<nameEnd) else { return nil }
        if quoted {
            guard s.entropy(start..<end) >= 3.5 else { return nil }
        } else {
            guard s.entropy(start..<end) >= 3.7, mixesLettersAndDigits(s, start..<end) else { return nil }
        }
        // A provider token in the value is reported as that family when the scan reaches it.
        for row in byTrigger[Int(s[start])] where row.family != .genericSecret {
            if row.match(s, start) != nil { return nil }
        }
        let value = s.lowercasedString(start..<end)
        if placeholderWords.contains(where: value.contains) || value.hasPrefix("/") || value.hasPrefix("./") || value.hasPrefix("http") {
            return nil
        }
        return start..<end
    }

    static let secretNameWordBytes: [[UInt8]] = secretNameWords.map { Array($0.utf8) }

    /// Case-insensitive search for a secret word in the name, without building a string.
    static func containsSecretWord(_ s: ScanBytes, _ range: Range<Int>) -> Bool {
        for word in secretNameWordBytes where word.count <= range.count {
            var k = range.lowerBound
            while k + word.count <= range.upperBound {
                var m = 0
                while m < word.count, s[k + m] | 0x20 == word[m] { m += 1 }
                if m == word.count { return true }
                k += 1
            }
        }
        return false
    }

    // MARK: shared checks

    static func tokenWithPrefix(_ s: ScanBytes, _ i: Int, prefix: StaticString, minimum: Int) -> Range<Int>? {
        guard s.has(prefix, at: i), s.boundaryBefore(i) else { return nil }
        let start = i + prefix.utf8CodeUnitCount
        let end = s.run(from: start, limit: 512, ByteClass.isToken)
        guard end - start >= minimum, s.boundaryAfter(end), looksRandom(s, start..<end) else { return nil }
        return i..<end
    }

    /// Rejects `xxxxxxxx…`, `abcdabcd…` and other obviously made-up token bodies.
    static func looksRandom(_ s: ScanBytes, _ range: Range<Int>) -> Bool {
        guard s.entropy(range) >= 3.0 else { return false }
        let body = s.lowercasedString(range)
        return !tokenPlaceholderWords.contains(where: body.contains)
    }

    static func mixesLettersAndDigits(_ s: ScanBytes, _ range: Range<Int>) -> Bool {
        var letters = false, digits = false
        for k in range {
            let c = ByteClass.of(s[k])
            if c & (ByteClass.upper | ByteClass.lower) != 0 { letters = true }
            if c == ByteClass.digit { digits = true }
            if letters && digits { return true }
        }
        return false
    }
}
