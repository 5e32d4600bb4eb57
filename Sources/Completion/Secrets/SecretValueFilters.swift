/// The usual false-positive filters of secret scanners: values that look random but are identifiers,
/// digests, encoded images, references to a secret stored elsewhere, or published samples.
enum SecretValueFilters {
    /// jwt.io's sample signature (HS256 with the published secret `your-256-bit-secret`).
    static let jwtSampleSignature = Array(("SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV" + "_adQssw5c").utf8)

    static func isJWTSampleSignature(_ s: ScanBytes, _ range: Range<Int>) -> Bool {
        guard range.count == jwtSampleSignature.count else { return false }
        for (k, byte) in jwtSampleSignature.enumerated() where s[range.lowerBound + k] != byte { return false }
        return true
    }

    /// `8-4-4-4-12` hex: an id (idempotency key, request id, tenant id), not key material.
    static func isUUID(_ value: [UInt8]) -> Bool {
        guard value.count == 36 else { return false }
        for (k, b) in value.enumerated() {
            let dash = [8, 13, 18, 23].contains(k)
            if dash ? b != UInt8(ascii: "-") : !ByteClass.isHex(b) { return false }
        }
        return true
    }

    static func isAllHex(_ value: [UInt8]) -> Bool { !value.isEmpty && value.allSatisfy(ByteClass.isHex) }

    /// Digests of the empty input (md5, sha1, sha256, sha512 prefixes): test fixtures everywhere.
    static let emptyDigestPrefixes = ["d41d8cd98f00b204", "da39a3ee5e6b4b0d", "e3b0c44298fc1c14", "cf83e1357eefb8bd"]

    /// A hex value of a digest's length (md5, sha1/git object id, sha256, sha512) or a Mongo ObjectId
    /// (24 hex); `named` says the key names a digest (`sha256`, `checksum`, `etag`, …).
    static func isDigestOrObjectID(_ value: [UInt8], digestName: Bool) -> Bool {
        guard isAllHex(value) else { return false }
        if value.count == 24 { return true }
        let text = String(decoding: value.prefix(16), as: UTF8.self).lowercased()
        if emptyDigestPrefixes.contains(text) { return true }
        return digestName && [32, 40, 64, 96, 128].contains(value.count)
    }

    /// Subresource integrity and lockfile hashes (`sha512-…`), digests with an algorithm prefix (`sha256:…`).
    static func isIntegrityHash(_ lowered: String) -> Bool {
        let prefixes = ["sha1-", "sha256-", "sha384-", "sha512-", "sha1:", "sha256:", "sha512:", "md5:", "md5-"]
        return prefixes.contains { lowered.hasPrefix($0) }
    }

    /// A reference to a secret kept elsewhere: cloud resource names, vault paths, template variables.
    static func isReference(_ lowered: String) -> Bool {
        if lowered.hasPrefix("arn:") || lowered.hasPrefix("projects/") || lowered.contains("/secrets/") { return true }
        for prefix in [
            "${", "$(", "{{", "#{", "%(", "<%", "op://", "vault:", "ref+", "sm://", "awssm:", "gcpsm:",
            "azurekv:", "secretref", "env:", "file:", "/", "./", "~/", "http://", "https://",
        ]
        where lowered.hasPrefix(prefix) { return true }
        return false
    }

    /// Base64 that starts like an image or document (PNG, JPEG, GIF, WebP, PDF, SVG, ICO, BMP, TIFF).
    static let encodedMagics = [
        "iVBORw0KGgo", "/9j/", "R0lGOD", "UklGR", "JVBERi0", "PHN2Zy", "PD94bWwg",
        "AAABAA", "Qk0", "SUkqAA", "TU0AKg",
    ].map { Array($0.utf8) }

    static func startsWithEncodedMagic(_ s: ScanBytes, at i: Int) -> Bool {
        encodedMagics.contains { magic in
            i + magic.count <= s.count && magic.indices.allSatisfy { s[i + $0] == magic[$0] }
        }
    }

    /// True when `range` sits inside encoded data: a `data:` URI, base64 that starts with an image's magic,
    /// or deep inside a base64 run far longer than any token. The walk back is bounded, so this stays cheap
    /// however many candidates a long run holds.
    static func isInsideEncodedBlob(_ s: ScanBytes, _ range: Range<Int>) -> Bool {
        guard let start = s.base64RunStart(before: range.lowerBound, bound: 512) else { return true }
        if start >= 7, s.has("base64,", at: start - 7) { return true }
        return start < range.lowerBound && startsWithEncodedMagic(s, at: start)
    }

    /// Values a person writes where a password goes when there is none yet.
    static let placeholderValues: Set<String> = [
        "password", "passwd", "pass", "pwd", "secret", "changeme", "change_me", "changeit", "test", "testing",
        "example", "sample", "dummy", "fake", "foo", "bar", "foobar", "none", "null", "nil", "true", "false",
        "empty", "redacted", "placeholder", "yourpassword", "your_password", "mypassword", "my_password",
        "password123", "secret123", "admin", "root", "guest", "user", "username", "default", "required",
        "optional", "string", "str", "undefined", "todo", "tbd", "mysecretpassword", "notasecret", "insecure",
        "db_password", "db-password", "anonymous", "your-password", "secret_password", "supersecret",
    ]

    static func isPlaceholderPassword(_ lowered: String) -> Bool {
        if placeholderValues.contains(lowered) { return true }
        if let first = lowered.first, "<[{$%@*#!&:".contains(first) { return true }
        if lowered.allSatisfy({ $0 == lowered.first }) { return true }
        return SecretPatterns.placeholderWords.contains(where: lowered.contains)
    }
}
