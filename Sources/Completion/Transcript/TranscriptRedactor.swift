/// Replaces secrets in conversation text with `[REDACTED:family]` before it is written to the digest, with the
/// same patterns the git guard uses to hold files back (`SecretPatterns`): one list, so a secret the guard knows
/// is never copied into an archive either. Control characters go first (`SecretRedaction`): the digest drops
/// them when it writes a line, so a key split by an escape sequence would otherwise be joined again after the
/// redaction had missed it.
package struct TranscriptRedactor: Sendable {
    package init() {}

    package func redact(_ text: String) -> String {
        SecretRedaction.redact(text)
    }
}
