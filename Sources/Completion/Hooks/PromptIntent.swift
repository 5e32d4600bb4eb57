/// What a submitted prompt says about ending the session (AC-09 triggers).
/// Only user intent ends a session, and only a prompt that says nothing else counts: the whole prompt must be made
/// of known pieces — an end request or a departure phrase, plus courtesy words ("ok", "thanks", "for now") — so
/// "how do I implement a goodbye screen?" is not a departure and "don't end the session" is not a request.
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
        let words = tokens(String(trimmed))
        guard !words.isEmpty, words.count <= maxWords else { return .none }
        var vocabulary = Vocabulary.standard
        for phrase in extraPhrases {
            let phraseWords = tokens(phrase)
            if !phraseWords.isEmpty { vocabulary.add(phraseWords, .departure) }
        }
        switch vocabulary.strongestReading(of: words) {
        case .end?: return .endSessionNow
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
        return words.allSatisfy { Vocabulary.standard.knows($0) || haystack.contains($0) }
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

/// The known pieces and their weight; the reading with the strongest piece wins.
struct Vocabulary {
    enum Kind: Int, Comparable {
        case filler = 0, departure = 1, end = 2
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    private var phrases: [Substring: [([Substring], Kind)]] = [:]

    private var words: Set<Substring> = []

    mutating func add(_ words: [Substring], _ kind: Kind) {
        guard let first = words.first else { return }
        phrases[first, default: []].append((words, kind))
        self.words.formUnion(words)
    }

    func knows(_ word: Substring) -> Bool { words.contains(word) }

    mutating func add(_ text: String, _ kind: Kind) {
        add(PromptIntent.tokens(text), kind)
    }

    /// The strongest kind over all ways to cut `words` entirely into known phrases; nil when there is none.
    func strongestReading(of words: [Substring]) -> Kind? {
        // best[i]: the strongest kind of a reading of words[0..<i]; nil when words[0..<i] cannot be read.
        var best = [Kind?](repeating: nil, count: words.count + 1)
        best[0] = .filler
        for start in 0..<words.count {
            guard let sofar = best[start], let candidates = phrases[words[start]] else { continue }
            for (phrase, kind) in candidates where start + phrase.count <= words.count {
                if words[start..<start + phrase.count].elementsEqual(phrase) {
                    let end = start + phrase.count
                    let strength = max(sofar, kind)
                    if best[end].map({ $0 < strength }) ?? true { best[end] = strength }
                }
            }
        }
        guard let result = best[words.count], result > .filler else { return nil }
        return result
    }

    static let departurePhrases = [
        "goodbye", "good bye", "bye", "bye bye", "byebye", "bye for now", "farewell",
        "done for now", "done for today", "done for the day", "done for tonight",
        "im done", "i am done", "were done", "we are done", "all done for today", "i think were done",
        "thats all", "that is all", "thats it for now", "thats it for today", "thats it for the day",
        "thats it for tonight",
        "signing off", "sign off", "logging off", "log off", "im off", "im out", "heading out", "im heading out",
        "see you", "see you later", "see you tomorrow", "see you next time", "see ya", "cya",
        "good night", "goodnight", "take care", "have a good one", "have a good night", "have a nice evening",
        "talk to you later", "talk later", "ttyl", "catch you later", "until next time", "until tomorrow",
        "call it a day", "calling it a day", "lets call it a day", "call it a night", "lets wrap up", "wrap up",
        "wrapping up",
        "lets stop here", "stop here", "stopping here", "lets end here", "end here",
    ]

    static let fillers = [
        "ok", "okay", "k", "alright", "all right", "right", "great", "cool", "perfect", "nice", "good", "awesome",
        "excellent", "well", "so", "then", "now", "yes", "yeah", "yep", "sure", "and", "for now", "for today",
        "for tonight", "for the day", "for the night", "thanks", "thank you", "thank you very much", "thanks a lot",
        "thx", "ty", "many thanks", "cheers", "please", "pls", "lets", "let us", "i want to", "i would like to",
        "id like to", "i think", "can you", "could you", "would you", "will you", "go ahead and", "time to",
        "its time to", "we can", "you can", "run", "the", "claude", "jarvis", "buddy", "mate", "friend", "everyone",
        "so much", "again", "for your help", "for the help", "that was great", "good work", "great work",
        "nice work", "well done", "good job", "great job", "for everything",
    ]

    static let endVerbs = ["end", "close", "finish", "wrap up", "terminate", "stop", "conclude", "complete"]
    static let sessionObjects = [
        "session", "the session", "this session", "our session", "my session",
        "the current session", "current session", "the coding session", "this coding session",
    ]

    static let standard: Vocabulary = {
        var vocabulary = Vocabulary()
        for phrase in fillers { vocabulary.add(phrase, .filler) }
        for phrase in departurePhrases { vocabulary.add(phrase, .departure) }
        for verb in endVerbs {
            for object in sessionObjects { vocabulary.add("\(verb) \(object)", .end) }
        }
        for phrase in ["end session command", "end session now", "ending the session", "session end", "end of session"]
        {
            vocabulary.add(phrase, .end)
        }
        return vocabulary
    }()
}
