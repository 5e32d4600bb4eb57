/// The one door through which outside text (the transcript, the todos, the state files, commit subjects, file
/// names, program output) reaches anything the tool writes, commits, stores in memory or prints: every secret the
/// guard recognises becomes `[REDACTED:<kind>]`. It asks the same rules as the guard, so a family the guard learns
/// is redacted everywhere at once.
package enum SecretRedaction {
    /// `text` with every secret replaced. Control characters are dropped first (newlines kept, a tab becomes a
    /// space): a terminal or a renderer drops them too, and would join a token that an escape sequence split. So
    /// are the zero-width characters between two ASCII characters (`InvisibleSeparators`): a reader sees a token
    /// they split as one.
    package static func redact(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        let visible =
            TerminalText.needsCleaning(text, keepingNewlines: true)
            ? TerminalText.cleaned(text, keepingNewlines: true) : text
        return SecretPatterns.redact(InvisibleSeparators.joined(visible))
    }

    package static func redact(_ text: String?) -> String? { text.map { redact($0) } }

    package static func redact(_ texts: [String]) -> [String] { texts.map { redact($0) } }
}
