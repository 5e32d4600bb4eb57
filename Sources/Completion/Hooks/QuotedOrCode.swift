/// Signs that a prompt shows words instead of saying them: quotation marks, a code span or block, or characters
/// that only code and paths have (`session.end()`, `end_session`, `<End Session>`, `src/end/session`). Such a
/// prompt talks about a phrase; however short, it is never a request to end the session.
enum QuotedOrCode {
    /// Characters a spoken farewell never needs.
    static let codeCharacters: Set<Character> = [
        "\"", "“", "”", "„", "«", "»", "`", "{", "}", "[", "]", "<", ">", "=", ";", "\\", "|", "_", "$",
    ]
    /// Characters that are punctuation after a word ("bye.", "ok: bye", "bye (for now)") but code inside one
    /// (`session.end`, `Session::end`, `path/to`, `end()`).
    static let joiners: Set<Character> = [".", ":", "/", "("]
    static let singleQuotes: Set<Character> = ["'", "‘", "’"]

    static func found(in text: Substring) -> Bool {
        var previous: Character? = nil
        var iterator = text.makeIterator()
        var current = iterator.next()
        while let character = current {
            let next = iterator.next()
            if codeCharacters.contains(character) { return true }
            let afterWord = previous.map { $0.isLetter || $0.isNumber } ?? false
            if joiners.contains(character), afterWord {
                // A call: a word right before "(" ("end()"); otherwise a word on each side ("session.end").
                if character == "(" { return true }
                if let next, next.isLetter || next.isNumber { return true }
            }
            // An opening quote: "'end the session'" (an apostrophe inside a word, "let's", is not one).
            if singleQuotes.contains(character), !afterWord, let next, next.isLetter { return true }
            previous = character
            current = next
        }
        return false
    }
}
