/// What a submitted prompt says about ending the session (AC-09 triggers).
/// Only user intent ends a session, and only a prompt that says nothing else counts: the whole prompt must be made
/// of known pieces — an end request or a departure phrase, plus courtesy words ("ok", "thanks", "for now") — so
/// "how do I implement a goodbye screen?" is not a departure and "don't end the session" is not a request. A prompt
/// that quotes or shows code (`QuotedOrCode`) is about the words, never a request; a question asks first.
package enum PromptIntent: Equatable, Sendable {
    /// `/end-session` or an explicit "end the session": run the completion now.
    case endSessionNow
    /// A departure phrase ("goodbye", "done for now"): confirm with the user first.
    case departure
    case none

    /// Longer prompts are never just a farewell; they are not examined at all.
    package static let maxPromptLength = 300
    static let maxWords = 24

    package static func classify(_ prompt: String, extraPhrases: [String] = []) -> PromptIntent {
        let trimmed = prompt.drop(while: { $0.isWhitespace })
        guard trimmed.utf8.count <= maxPromptLength else { return .none }
        if isEndSessionCommand(trimmed) { return .endSessionNow }
        if QuotedOrCode.found(in: trimmed) { return .none }
        let words = tokens(String(trimmed))
        guard !words.isEmpty, words.count <= maxWords else { return .none }
        if extraPhrases.isEmpty, !words.allSatisfy(Vocabulary.standardWords.contains) { return .none }
        var vocabulary = Vocabulary.standard
        for phrase in extraPhrases {
            let phraseWords = tokens(phrase)
            if !phraseWords.isEmpty { vocabulary.add(phraseWords, .departure) }
        }
        switch vocabulary.strongestReading(of: words) {
        // "can you end the session?" asks; the agent confirms rather than runs.
        case .end?: return trimmed.contains("?") ? .departure : .endSessionNow
        case .departure?: return .departure
        default: return .none
        }
    }

    /// True when `extra` phrases could change the reading of `prompt`: every word the standard vocabulary does not
    /// know appears in `text` (the config file, read as plain text). Lets the hook skip YAML for ordinary prompts.
    package static func mayDependOnPhrases(_ prompt: String, in text: String) -> Bool {
        let words = tokens(prompt)
        guard !words.isEmpty, words.count <= maxWords else { return false }
        let haystack = tokens(text).joined(separator: " ")
        return words.allSatisfy { Vocabulary.standardWords.contains($0) || haystack.contains($0) }
    }

    /// `/end-session`, alone or with arguments (`/end-session --quick`).
    static func isEndSessionCommand(_ text: Substring) -> Bool {
        let lowered = text.prefix(13).lowercased()
        guard lowered.hasPrefix("/end-session") else { return false }
        guard let next = text.dropFirst(12).first else { return true }
        return next.isWhitespace
    }

    /// Lower-case words; apostrophes dropped ("that's" → "thats"), everything else that is not a letter or digit
    /// separates words.
    static func tokens(_ text: String) -> [Substring] {
        var cleaned = ""
        cleaned.reserveCapacity(text.utf8.count)
        for character in text.lowercased() {
            if character == "'" || character == "’" || character == "‘" || character == "`" { continue }
            cleaned.append(character.isLetter || character.isNumber ? character : " ")
        }
        return cleaned.split(separator: " ")
    }
}
