import Foundation

/// Replaces secrets in conversation text with `[REDACTED:kind]` before it is written to the digest: private keys,
/// cloud and service tokens by their known prefixes, JWTs, and `key/secret/token/password = <high-entropy value>`.
/// These mirror the git secret guard's patterns; the two lists should become one (`SecretPatterns`).
public struct TranscriptRedactor: Sendable {
    struct Pattern: @unchecked Sendable {
        let kind: String
        let regex: NSRegularExpression
        /// Cheap substrings, at least one of which must occur before the regex runs.
        let hints: [String]
    }

    static let patterns: [Pattern] = {
        func p(_ kind: String, _ pattern: String, _ hints: [String], _ options: NSRegularExpression.Options = []) -> Pattern {
            // swiftlint:disable:next force_try
            Pattern(kind: kind, regex: try! NSRegularExpression(pattern: pattern, options: options), hints: hints)
        }
        return [
            p("private-key", #"-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|\z)"#, ["PRIVATE KEY"]),
            p("aws-access-key", #"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"#, ["AKIA", "ASIA"]),
            p("github-token", #"\bgh[pousr]_[A-Za-z0-9]{36,}\b"#, ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]),
            p("github-token", #"\bgithub_pat_[A-Za-z0-9_]{22,}"#, ["github_pat_"]),
            p("gitlab-token", #"\bglpat-[A-Za-z0-9_\-]{20,}"#, ["glpat-"]),
            p("slack-token", #"\bxox[bpas]-[A-Za-z0-9\-]{10,}"#, ["xox"]),
            p("anthropic-key", #"\bsk-ant-[A-Za-z0-9_\-]{20,}"#, ["sk-ant-"]),
            p("openai-key", #"\bsk-(?:proj-)?[A-Za-z0-9_\-]{20,}"#, ["sk-"]),
            p("stripe-key", #"\b[sr]k_live_[A-Za-z0-9]{16,}"#, ["k_live_"]),
            p("google-api-key", #"\bAIza[0-9A-Za-z_\-]{35}"#, ["AIza"]),
            p("jwt", #"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"#, ["eyJ"]),
        ]
    }()

    /// `name = value` where the name says it is a secret; the value is redacted only when it looks random.
    static let assignment = try! NSRegularExpression(  // swiftlint:disable:this force_try
        pattern: #"(?i)\b([A-Za-z0-9_.\-]*(?:api[_\-]?key|secret|token|passw(?:or)?d|pwd|credential)[A-Za-z0-9_.\-]*)(["']?\s*[:=]\s*["']?)([^\s"',;]{8,})"#)
    static let assignmentHints = ["key", "secret", "token", "passw", "pwd", "credential"]

    public init() {}

    public func redact(_ text: String) -> String {
        var result = text
        for pattern in Self.patterns where pattern.hints.contains(where: { Self.occurs($0, in: result) }) {
            let range = NSRange(result.startIndex..., in: result)
            result = pattern.regex.stringByReplacingMatches(in: result, range: range, withTemplate: "[REDACTED:\(pattern.kind)]")
        }
        guard Self.assignmentHints.contains(where: { Self.occurs($0, in: result, ignoringCase: true) }) else { return result }
        let ns = result as NSString
        var output = result
        for match in Self.assignment.matches(in: result, range: NSRange(location: 0, length: ns.length)).reversed() {
            let value = ns.substring(with: match.range(at: 3))
            guard !value.hasPrefix("[REDACTED"), Self.looksRandom(value), let range = Range(match.range(at: 3), in: output) else { continue }
            output.replaceSubrange(range, with: "[REDACTED:secret]")
        }
        return output
    }

    /// A byte search (ASCII needles): `String.contains` goes through Foundation and costs more than the regexes.
    static func occurs(_ needle: String, in text: String, ignoringCase: Bool = false) -> Bool {
        let wanted = Array(needle.utf8)
        guard let first = wanted.first else { return true }
        var text = text
        return text.withUTF8 { bytes -> Bool in
            guard bytes.count >= wanted.count else { return false }
            let last = bytes.count - wanted.count
            var i = 0
            while i <= last {
                var b = bytes[i]
                if ignoringCase && b >= 0x41 && b <= 0x5A { b |= 0x20 }
                if b == first {
                    var k = 1
                    while k < wanted.count {
                        var c = bytes[i + k]
                        if ignoringCase && c >= 0x41 && c <= 0x5A { c |= 0x20 }
                        if c != wanted[k] { break }
                        k += 1
                    }
                    if k == wanted.count { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// High Shannon entropy and a mix of character classes: a generated secret, not a word or a variable name.
    static func looksRandom(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        guard scalars.count >= 8 else { return false }
        var counts: [Unicode.Scalar: Int] = [:]
        for s in scalars { counts[s, default: 0] += 1 }
        let n = Double(scalars.count)
        let entropy = counts.values.reduce(0.0) { $0 - (Double($1) / n) * log2(Double($1) / n) }
        let classes = [scalars.contains { CharacterSet.lowercaseLetters.contains($0) }, scalars.contains { CharacterSet.uppercaseLetters.contains($0) },
                       scalars.contains { CharacterSet.decimalDigits.contains($0) }].filter { $0 }.count
        return entropy >= 3.0 && classes >= 2
    }
}
