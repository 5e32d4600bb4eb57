/// `name = "value"`, `name: value`, `"name": "value"`, `name := "value"`, `name => 'value'`: a value assigned
/// to a secret-looking name. Two rules: a long, random value under any secret word (`api_key`, `client_secret`,
/// `aws_secret_access_key` — named after the provider when the key names one), and any real-looking value under
/// a password key, however short (`password: Wint3r2025!` in a YAML, INI, properties or dotenv file), unless it
/// is a placeholder (`${DB_PASSWORD}`, `changeme`, `<password>`, empty).
enum SecretAssignment {
    static let secretWords = [
        "key", "secret", "token", "pass", "pwd", "credential", "creds", "auth",
        "private",
    ].map { Array($0.utf8) }

    struct Value {
        var range: Range<Int>
        var quoted: Bool
        /// Only whitespace, a comment or a `,`/`;` follow the value on its line.
        var endsLine: Bool
    }

    static let passwordWords = ["password", "passwd", "passphrase", "pwd"].map { Array($0.utf8) }

    static func match(_ s: ScanBytes, _ i: Int) -> SecretHit? {
        guard let afterOperator = operatorEnd(s, i), let name = nameRange(s, before: i),
            containsSecretWord(s, name)
        else { return nil }
        guard let value = value(s, from: afterOperator), !value.range.isEmpty else { return nil }
        // Byte-level checks first: most candidates fail them, and strings are built only for the rest.
        let random = randomCandidate(s, value)
        let passwordName = s.containsAny(passwordWords, in: name) || SecretKeyNames.lastPart(s, name) == "pass"
        guard random != nil || passwordName else { return nil }
        if !value.quoted && random == nil && !(value.endsLine || isEnvName(s, name)) { return nil }
        guard !SecretKeyNames.isNotSecret(s, name) else { return nil }
        let lowerName = s.lowercasedString(name)
        if let random, let hit = randomValue(s, random, lowerName) { return hit }
        if passwordName, passwordValue(s, value, lowerName: lowerName, envName: isEnvName(s, name)) {
            return SecretHit(family: .password, range: value.range)
        }
        return nil
    }

    /// The offset just after the assignment operator at `i`, or nil when `i` is a comparison or a `::`.
    static func operatorEnd(_ s: ScanBytes, _ i: Int) -> Int? {
        var after = i + 1
        if s[i] == UInt8(ascii: "=") {
            if i > 0, "=!<>".utf8.contains(s[i - 1]) { return nil }
            if after < s.count, s[after] == UInt8(ascii: "=") { return nil }
            if after < s.count, s[after] == UInt8(ascii: ">") { after += 1 }
        } else {
            if after < s.count, s[after] == UInt8(ascii: ":") { return nil }
            if i > 0, s[i - 1] == UInt8(ascii: ":") { return nil }
            if after < s.count, s[after] == UInt8(ascii: "=") { after += 1 }
        }
        return after
    }

    /// The name before the operator, skipping spaces and a closing (possibly escaped) quote.
    static func nameRange(_ s: ScanBytes, before i: Int) -> Range<Int>? {
        var nameEnd = i
        while nameEnd > 0, s[nameEnd - 1] == 0x20 || s[nameEnd - 1] == 0x09 { nameEnd -= 1 }
        if nameEnd > 0, s[nameEnd - 1] == UInt8(ascii: "\"") || s[nameEnd - 1] == UInt8(ascii: "'") { nameEnd -= 1 }
        if nameEnd > 0, s[nameEnd - 1] == UInt8(ascii: "\\") { nameEnd -= 1 }
        var nameStart = nameEnd
        while nameStart > 0, nameEnd - nameStart < 64,
            ByteClass.isToken(s[nameStart - 1]) || s[nameStart - 1] == UInt8(ascii: ".")
        { nameStart -= 1 }
        return nameEnd - nameStart >= 3 ? nameStart..<nameEnd : nil
    }

    static func containsSecretWord(_ s: ScanBytes, _ range: Range<Int>) -> Bool {
        s.containsAny(secretWords, in: range)
    }

    /// A byte of an unquoted value: printable, not a space or a quote.
    static func isBareValueByte(_ b: UInt8) -> Bool {
        b > 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "'") && b < 0x7F
    }

    static func value(_ s: ScanBytes, from after: Int) -> Value? {
        var j = after
        while j < s.count, s[j] == 0x20 || s[j] == 0x09 { j += 1 }
        // JSON inside JSON (a transcript line) escapes the quotes: `\"api_key\": \"…\"`.
        let escaped = j + 1 < s.count && s[j] == UInt8(ascii: "\\") && s[j + 1] == UInt8(ascii: "\"")
        if escaped { j += 1 }
        guard j < s.count else { return nil }
        let quote = s[j]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") || quote == UInt8(ascii: "`") {
            let start = j + 1
            let kind = quote == UInt8(ascii: "\"") ? 2 : quote == UInt8(ascii: "'") ? 3 : 4
            let end = s.memoRun(kind: kind, from: start, limit: 513) {
                $0 != quote && $0 != 0x0A && $0 != 0x0D && $0 != UInt8(ascii: "\\")
            }
            let close = escaped ? end + 1 : end
            guard end - start <= 512, close < s.count, s[close] == quote,
                !escaped || s[end] == UInt8(ascii: "\\")
            else { return nil }
            return Value(range: start..<end, quoted: true, endsLine: true)
        }
        let end = s.memoRun(kind: 0, from: j, limit: 513, isBareValueByte)
        var valueEnd = end
        while valueEnd > j, s[valueEnd - 1] == UInt8(ascii: ",") || s[valueEnd - 1] == UInt8(ascii: ";") {
            valueEnd -= 1
        }
        var k = end
        while k < s.count, s[k] == 0x20 || s[k] == 0x09 { k += 1 }
        let endsLine = k >= s.count || s[k] == 0x0A || s[k] == 0x0D || s[k] == UInt8(ascii: "#") || s.has("//", at: k)
        return Value(range: j..<valueEnd, quoted: false, endsLine: endsLine)
    }

    /// The high-entropy rule's shape: long and random enough. Hex, whose alphabet is small, needs less entropy.
    static func randomCandidate(_ s: ScanBytes, _ value: Value) -> Range<Int>? {
        var range = value.range
        if !value.quoted {
            let strictEnd = s.memoRun(kind: 1, from: range.lowerBound, limit: 512, ByteClass.isValue)
            guard
                strictEnd >= range.upperBound || [0x0A, 0x0D, 0x20, 0x09].contains(s[strictEnd])
                    || s[strictEnd] == UInt8(ascii: ",") || s[strictEnd] == UInt8(ascii: ";")
            else { return nil }
            range = range.lowerBound..<min(strictEnd, range.upperBound)
        }
        guard range.count >= (value.quoted ? 16 : 20),
            !range.contains(where: { s[$0] == 0x20 || s[$0] == 0x09 })
        else { return nil }
        let hex = range.count >= 32 && range.allSatisfy { ByteClass.isHex(s[$0]) }
        let entropy = s.entropy(range)
        if value.quoted {
            guard entropy >= (hex ? 3.2 : 3.5) else { return nil }
        } else {
            guard entropy >= (hex ? 3.2 : 3.7), SecretPatterns.mixesLettersAndDigits(s, range) else { return nil }
        }
        return range
    }

    /// The high-entropy rule's filters: not a provider token or JWT (their own rows report them), not an
    /// identifier, digest, reference, encoded image or placeholder.
    static func randomValue(_ s: ScanBytes, _ range: Range<Int>, _ lowerName: String) -> SecretHit? {
        if s.has("eyJ", at: range.lowerBound) || SecretPatterns.providerTokenStarts(s, at: range.lowerBound) {
            return nil
        }
        let bytes = Array(s.base[range])
        let lowered = String(decoding: bytes, as: UTF8.self).lowercased()
        if SecretPatterns.placeholderWords.contains(where: lowered.contains) || SecretValueFilters.isReference(lowered)
            || SecretValueFilters.isIntegrityHash(lowered)
            || SecretValueFilters.startsWithEncodedMagic(s, at: range.lowerBound)
        {
            return nil
        }
        let family = SecretKeyNames.providerFamily(lowerName)
        if SecretValueFilters.isUUID(bytes), family == nil, !SecretKeyNames.isStrongName(lowerName) { return nil }
        if SecretValueFilters.isDigestOrObjectID(bytes, digestName: SecretKeyNames.isDigestName(lowerName)),
            !SecretKeyNames.isPasswordName(lowerName)
        {
            return nil
        }
        return SecretHit(family: family ?? .genericSecret, range: range)
    }

    /// `DB_PASSWORD`: an environment variable, as in `PGPASSWORD=… psql` where the value ends at a space.
    static func isEnvName(_ s: ScanBytes, _ name: Range<Int>) -> Bool {
        name.allSatisfy { ByteClass.isUpperOrDigit(s[$0]) || s[$0] == UInt8(ascii: "_") }
    }

    static func passwordValue(_ s: ScanBytes, _ value: Value, lowerName: String, envName: Bool) -> Bool {
        let range = value.range
        guard (4...128).contains(range.count) else { return false }
        let bytes = Array(s.base[range])
        let lowered = String(decoding: bytes, as: UTF8.self).lowercased()
        if bytes.contains(where: { $0 == 0x20 || $0 == 0x09 }) || SecretValueFilters.isPlaceholderPassword(lowered)
            || SecretValueFilters.isReference(lowered) || lowerName.hasSuffix(lowered)
        {
            return false
        }
        if value.quoted { return true }
        guard value.endsLine || envName else { return false }
        // Unquoted: a config value, not code. Expressions, attribute paths and bare type names are not passwords.
        if bytes.contains(where: { "()[]{}<>".utf8.contains($0) }) { return false }
        let symbols = "!@#$%^&*+=?~-/"
        let hasDigitOrSymbol = bytes.contains { ByteClass.isDigit($0) || symbols.utf8.contains($0) }
        let attributePath =
            bytes.contains(UInt8(ascii: "."))
            && bytes.allSatisfy { ByteClass.isAlnum($0) || $0 == 0x2E || $0 == 0x5F }
        return hasDigitOrSymbol && !attributePath
    }
}
