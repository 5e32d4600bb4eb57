import Foundation

/// What a matcher found: the family and the byte range of the secret.
struct SecretHit: Sendable {
    let family: SecretFamily
    let range: Range<Int>
}

/// One row of the secret table: how a candidate starts (one or two bytes, the cheap filter the scan loop
/// applies to every byte), and the matcher that confirms it. A matcher receives the candidate's offset and
/// returns the secret's family and byte range, or nil. Most rows have one family; the assignment rows name
/// the family from the key (`aws_secret_access_key` → AWS).
struct SecretPattern: Sendable {
    let leads: [String]
    let find: @Sendable (ScanBytes, Int) -> SecretHit?
    /// False for rows that read a value after a name or a URL scheme: a provider token in that value is
    /// left to its own row, so the finding names the provider.
    let isToken: Bool

    init(
        family: SecretFamily,
        leads: [String],
        isToken: Bool = true,
        match: @escaping @Sendable (ScanBytes, Int) -> Range<Int>?
    ) {
        self.leads = leads
        self.isToken = isToken
        self.find = { s, i in match(s, i).map { SecretHit(family: family, range: $0) } }
    }

    init(leads: [String], isToken: Bool = true, find: @escaping @Sendable (ScanBytes, Int) -> SecretHit?) {
        self.leads = leads
        self.isToken = isToken
        self.find = find
    }
}

/// The secret patterns and `redact` for anything that shows text to people or writes it to disk (transcript
/// digests, logs). The families follow gitleaks' default rules: private keys, cloud and SaaS tokens with a
/// known prefix (`SecretPrefixRules`), tokens recognised by their shape (`SecretShapeMatchers`), connection
/// URLs with a password, `key = "<high-entropy>"` and password fields (`SecretAssignment`).
package enum SecretPatterns {
    /// Placeholder words: a value containing one of them is a documented sample, not a secret.
    static let placeholderWords = [
        "example", "placeholder", "changeme", "change_me", "your_", "your-", "xxxx",
        "dummy", "redacted", "sample",
    ]
    static let tokenPlaceholderWords = ["example", "placeholder", "xxxx", "dummy", "redacted"]

    static let table: [SecretPattern] =
        [
            SecretPattern(family: .privateKey, leads: ["--"], match: privateKey),
            SecretPattern(family: .privateKey, leads: ["Pu"], match: puttyKey),
            SecretPattern(family: .awsAccessKey, leads: ["AK", "AS", "AB", "AC", "A3"], match: awsAccessKey),
            SecretPattern(family: .googleKey, leads: ["AI"], match: googleAPIKey),
            SecretPattern(family: .slackToken, leads: ["xo"], match: slackToken),
            SecretPattern(family: .slackToken, leads: ["ho"], match: slackWebhook),
            SecretPattern(family: .anthropicKey, leads: ["sk"], match: anthropicKey),
            SecretPattern(family: .openAIKey, leads: ["sk"], match: openAIKey),
            SecretPattern(leads: ["sk", "rk", "pk"], find: stripeKey),
            SecretPattern(family: .jwt, leads: ["ey"], match: jwt),
        ] + PrefixRule.all.map(\.pattern) + SecretShapeMatchers.patterns + [
            SecretPattern(family: .connectionURL, leads: [":/"], isToken: false, match: SecretConnectionURL.match),
            SecretPattern(leads: ["="], isToken: false, find: SecretAssignment.match),
            SecretPattern(leads: [":"], isToken: false, find: SecretAssignment.match),
        ]

    /// For each pair of bytes (first × 256 + second), the rows a candidate starting there may match.
    static let pairTable = PairTable(table)

    /// The rows that may match at `i` (for the assignment rule's check that a value is a provider token).
    static func rows(_ s: ScanBytes, at i: Int) -> ArraySlice<SecretPattern> {
        guard i < s.count else { return [] }
        let next = i + 1 < s.count ? Int(s[i + 1]) : 0
        return pairTable.rows(forPair: Int(s[i]) << 8 | next)
    }

    /// True when a token row (not an assignment or URL row) matches at `i`.
    static func providerTokenStarts(_ s: ScanBytes, at i: Int) -> Bool {
        rows(s, at: i).contains { $0.isToken && $0.find(s, i) != nil }
    }

    /// Returns `text` with every secret replaced by `[REDACTED:<family>]` (for a generic assignment only the
    /// value is replaced, so `api_key = "[REDACTED:generic-secret]"` still says what was there).
    package static func redact(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        let findings = SecretScanner.scan(bytes: utf8)
        guard !findings.isEmpty else { return text }
        // One pass from the front: replacing each finding in place moved the whole tail every time, which made a
        // prompt of thousands of keys cost the square of its length. Findings come in order and never overlap.
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + findings.count * 16)
        var copied = 0
        for finding in findings where finding.range.lowerBound >= copied {
            out.append(contentsOf: utf8[copied..<finding.range.lowerBound])
            out.append(contentsOf: "[REDACTED:\(finding.family.rawValue)]".utf8)
            copied = finding.range.upperBound
        }
        out.append(contentsOf: utf8[copied...])
        return String(decoding: out, as: UTF8.self)
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
            // A new block starting first means this one has no end marker (and keeps the search linear).
            if s[j] == UInt8(ascii: "-"), s.has("-----BEGIN ", at: j) { break }
            if s[j] == UInt8(ascii: "-"), s.has("-----END ", at: j) {
                let close = s.run(from: j + 9, limit: 48) { ByteClass.isUpperOrDigit($0) || $0 == 0x20 }
                guard s.has("-----", at: close) else { break }
                // A documentation stub (`…`, `<your key>`) between the markers is no key.
                return hasKeyMaterial(s, (labelEnd + 5)..<j) ? i..<(close + 5) : nil
            }
            j += 1
        }
        return i..<(labelEnd + 5)
    }

    static func hasKeyMaterial(_ s: ScanBytes, _ body: Range<Int>) -> Bool {
        var run = 0
        for k in body {
            run = ByteClass.isBase64(s[k]) ? run + 1 : 0
            if run >= 16 { return true }
        }
        return false
    }

    /// A PuTTY private key file (`PuTTY-User-Key-File-3: ssh-ed25519` … `Private-Lines:`).
    static func puttyKey(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.has("PuTTY-User-Key-File-", at: i) else { return nil }
        let line = s.lineRange(around: i)
        return i..<line.upperBound
    }

    static func awsAccessKey(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.boundaryBefore(i),
            s.has("AKIA", at: i) || s.has("ASIA", at: i) || s.has("ABIA", at: i)
                || s.has("ACCA", at: i) || s.has("A3T", at: i)
        else { return nil }
        let end = s.run(from: i + 4, limit: 17, ByteClass.isUpperOrDigit)
        guard end - i == 20, s.boundaryAfter(end), s.entropy(i..<end) >= 3.0 else { return nil }
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

    static func slackToken(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.has("xox", at: i), i + 4 < s.count, "baprse".utf8.contains(s[i + 3]),
            s.boundaryBefore(i)
        else { return nil }
        // Configuration tokens chain two prefixes: `xoxe.xoxp-1-…`.
        var bodyStart = i + 5
        if s[i + 4] == UInt8(ascii: "."), s.has("xox", at: i + 5), i + 9 < s.count, s[i + 9] == UInt8(ascii: "-") {
            bodyStart = i + 10
        } else if s[i + 4] != UInt8(ascii: "-") {
            return nil
        }
        let end = s.run(from: bodyStart, limit: 256, ByteClass.isToken)
        guard end - bodyStart >= 20, s.boundaryAfter(end), looksRandom(s, bodyStart..<end) else { return nil }
        var digits = 0
        for k in bodyStart..<end where ByteClass.of(s[k]) == ByteClass.digit { digits += 1 }
        return digits >= 4 ? i..<end : nil
    }

    /// Incoming webhooks (`hooks.slack.com/services/T…/B…/…`) and workflow triggers.
    static func slackWebhook(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.has("hooks.slack.com/", at: i) else { return nil }
        var start = i + 16
        for kind in ["services/", "workflows/", "triggers/"] as [StaticString] where s.has(kind, at: start) {
            start += kind.utf8CodeUnitCount
            let end = s.run(from: start, limit: 128) { ByteClass.isAlnum($0) || $0 == UInt8(ascii: "/") }
            guard end - start >= 20, looksRandom(s, start..<end) else { return nil }
            return i..<end
        }
        return nil
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
        guard end - start >= 32, s.boundaryAfter(end), looksRandom(s, start..<end),
            mixesLettersAndDigits(s, start..<end)
        else { return nil }
        return i..<end
    }

    /// Live secret and restricted keys hold a file back; test-mode keys (`sk_test_`, `rk_test_`, `pk_test_`)
    /// only warn. Publishable live keys (`pk_live_`) are meant to be public.
    static func stripeKey(_ s: ScanBytes, _ i: Int) -> SecretHit? {
        guard s.boundaryBefore(i), i + 8 < s.count, s[i + 1] == UInt8(ascii: "k"),
            s[i + 2] == UInt8(ascii: "_")
        else { return nil }
        let live = s.has("live_", at: i + 3) || s.has("prod_", at: i + 3)
        guard live || s.has("test_", at: i + 3) else { return nil }
        if live && s[i] == UInt8(ascii: "p") { return nil }
        let end = s.run(from: i + 8, limit: 256, ByteClass.isAlnum)
        guard end - (i + 8) >= 20, s.boundaryAfter(end), looksRandom(s, (i + 8)..<end) else { return nil }
        return SecretHit(family: live ? .stripeKey : .stripeTestKey, range: i..<end)
    }

    /// A signed token whose payload decodes to JSON claims. jwt.io's sample (its signature is published
    /// with the secret `your-256-bit-secret`) is documentation, not a credential.
    static func jwt(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.has("eyJ", at: i), s.boundaryBefore(i) else { return nil }
        let isPart: (UInt8) -> Bool = { ByteClass.isToken($0) }
        let headerEnd = s.run(from: i, limit: 2048, isPart)
        guard headerEnd - i >= 10, headerEnd < s.count, s[headerEnd] == UInt8(ascii: "."),
            s.has("eyJ", at: headerEnd + 1)
        else { return nil }
        let payloadEnd = s.run(from: headerEnd + 1, limit: 16_384, isPart)
        guard payloadEnd - headerEnd > 10, payloadEnd < s.count, s[payloadEnd] == UInt8(ascii: ".") else { return nil }
        let signatureEnd = s.run(from: payloadEnd + 1, limit: 2048, isPart)
        guard signatureEnd - payloadEnd > 10 else { return nil }
        let claims = Base64Peek.decode(s, (headerEnd + 1)..<payloadEnd, maximum: 48)
        guard claims.first == UInt8(ascii: "{"), claims.contains(UInt8(ascii: ":")) else { return nil }
        if SecretValueFilters.isJWTSampleSignature(s, (payloadEnd + 1)..<signatureEnd) { return nil }
        return i..<signatureEnd
    }

    // MARK: shared checks

    static func tokenWithPrefix(_ s: ScanBytes, _ i: Int, prefix: StaticString, minimum: Int) -> Range<Int>? {
        guard s.has(prefix, at: i), s.boundaryBefore(i) else { return nil }
        let start = i + prefix.utf8CodeUnitCount
        let end = s.run(from: start, limit: 512, ByteClass.isToken)
        guard end - start >= minimum, s.boundaryAfter(end), looksRandom(s, start..<end) else { return nil }
        return i..<end
    }

    static let tokenPlaceholderBytes = tokenPlaceholderWords.map { Array($0.utf8) }

    /// Rejects `xxxxxxxx…`, `abcdabcd…` and other obviously made-up token bodies.
    static func looksRandom(_ s: ScanBytes, _ range: Range<Int>) -> Bool {
        s.entropy(range) >= 3.0 && !s.containsAny(tokenPlaceholderBytes, in: range)
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
