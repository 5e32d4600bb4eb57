/// Credentials in HTTP headers and on command lines: `Authorization: Bearer …`, `Authorization: Basic …`,
/// `curl -u user:pass`, `--password …`, `--token …`. A value that is itself a provider token or a JWT is left
/// to that family's row.
enum SecretCommandLine {
    static func isHeaderValueByte(_ b: UInt8) -> Bool {
        ByteClass.isToken(b) || ".~+/=".utf8.contains(b)
    }

    static func bearer(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.has("earer ", at: i + 1), s.boundaryBefore(i) else { return nil }
        var start = i + 7
        while start < s.count, s[start] == 0x20 { start += 1 }
        let end = s.run(from: start, limit: 4097, isHeaderValueByte)
        guard (20...4096).contains(end - start), s.boundaryAfter(end) || !ByteClass.isAlnum(s[end]) else { return nil }
        if s.has("eyJ", at: start) || SecretPatterns.providerTokenStarts(s, at: start) { return nil }
        guard s.entropy(start..<end) >= 3.5, SecretPatterns.mixesLettersAndDigits(s, start..<end) else { return nil }
        let lowered = s.lowercasedString(start..<end)
        guard !SecretPatterns.placeholderWords.contains(where: lowered.contains) else { return nil }
        return start..<end
    }

    /// `Basic <base64 of user:password>`.
    static func basic(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        guard s.has("Basic ", at: i), s.boundaryBefore(i) else { return nil }
        let start = i + 6
        let end = s.run(from: start, limit: 1025, ByteClass.isBase64)
        guard (8...1024).contains(end - start), s.boundaryAfter(end) else { return nil }
        let decoded = Base64Peek.decode(s, start..<end, maximum: 768)
        guard decoded.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }),
            let colon = decoded.firstIndex(of: UInt8(ascii: ":"))
        else { return nil }
        let password = String(decoding: decoded[(colon + 1)...], as: UTF8.self).lowercased()
        guard password.count >= 3, !SecretValueFilters.isPlaceholderPassword(password) else { return nil }
        return start..<end
    }

    /// `curl … -u user:password` / `--user user:password`, the password only.
    static func curlUser(_ s: ScanBytes, _ i: Int) -> Range<Int>? {
        var start: Int
        if s.has("-u ", at: i) {
            start = i + 3
        } else if s.has("--user ", at: i) || s.has("--user=", at: i) {
            start = i + 7
        } else {
            return nil
        }
        guard i > 0, s[i - 1] == 0x20 || s[i - 1] == 0x09 else { return nil }
        // `curl` earlier on the line, looked for backwards a bounded distance so a long line stays linear.
        var k = i - 1
        while k >= 4, i - k < 512, s[k] != 0x0A, !s.has("curl", at: k - 4) { k -= 1 }
        guard k >= 4, s.has("curl", at: k - 4) else { return nil }
        while start < s.count, s[start] == 0x20 { start += 1 }
        let quoted = start < s.count && (s[start] == UInt8(ascii: "\"") || s[start] == UInt8(ascii: "'"))
        if quoted { start += 1 }
        let end = s.run(from: start, limit: 256, SecretAssignment.isBareValueByte)
        var colon = start
        while colon < end, s[colon] != UInt8(ascii: ":") { colon += 1 }
        guard colon < end, SecretConnectionURL.isRealPassword(s, (colon + 1)..<end) else { return nil }
        return (colon + 1)..<end
    }

    static let passwordFlags: [StaticString] = ["--password", "--passwd", "--pass"]
    static let tokenFlags: [StaticString] = [
        "--token", "--api-key", "--apikey", "--auth-token", "--secret",
        "--access-token",
    ]

    /// `--password S3cret`, `--password=S3cret`, `--token <random>`.
    static func passwordFlag(_ s: ScanBytes, _ i: Int) -> SecretHit? {
        guard i == 0 || s[i - 1] == 0x20 || s[i - 1] == 0x09 else { return nil }
        var flagEnd = -1
        var isPassword = false
        if let flag = passwordFlags.first(where: { s.has($0, at: i) }) {
            flagEnd = i + flag.utf8CodeUnitCount
            isPassword = true
        } else if let flag = tokenFlags.first(where: { s.has($0, at: i) }) {
            flagEnd = i + flag.utf8CodeUnitCount
        }
        guard flagEnd > 0, flagEnd < s.count, s[flagEnd] == 0x20 || s[flagEnd] == UInt8(ascii: "=") else { return nil }
        var start = flagEnd + 1
        while start < s.count, s[start] == 0x20 { start += 1 }
        let quoted = start < s.count && (s[start] == UInt8(ascii: "\"") || s[start] == UInt8(ascii: "'"))
        if quoted { start += 1 }
        let end = s.run(from: start, limit: 257, SecretAssignment.isBareValueByte)
        let range = start..<end
        guard (4...256).contains(range.count), !s.has("-", at: start) else { return nil }
        let lowered = s.lowercasedString(range)
        if SecretValueFilters.isPlaceholderPassword(lowered) || SecretValueFilters.isReference(lowered) { return nil }
        if isPassword { return SecretHit(family: .password, range: range) }
        if SecretPatterns.providerTokenStarts(s, at: start) || s.has("eyJ", at: start) { return nil }
        guard range.count >= 16, s.entropy(range) >= 3.5,
            SecretPatterns.mixesLettersAndDigits(s, range)
        else { return nil }
        return SecretHit(family: .genericSecret, range: range)
    }
}
