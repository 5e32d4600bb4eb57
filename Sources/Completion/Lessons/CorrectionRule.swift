import Foundation

/// Whether a user's turn corrects or rejects the assistant's previous turn. A correction leads with it, so only
/// the opening of the turn is read, after courtesy words ("ok", "hmm", "sorry", "wait", "oh", "well", "please").
/// The turn is a correction when it opens with:
/// - a refusal: "no", "nope", "nah", "wrong", "incorrect", "that's wrong / not right / incorrect / not what…";
/// - a reminder of what was asked: "I said", "I told you", "I asked for / you", "as I said", "I meant";
/// - a prohibition: "don't …", "do not …", "never …", or "stop" on its own, before "it/that/this" or a gerund;
/// - an undo: "revert", "undo", "roll back", "put it back", "change it back";
/// - a swap: "not X but Y", "not X, Y", or "use X instead";
/// - the assistant's mistake named: "you broke / forgot / missed / deleted / removed / didn't / shouldn't…",
///   "why did you".
/// These openings are not corrections: "no problem", "no worries", "no thanks", "no idea", "not yet", "not sure",
/// "never mind", "don't forget", "don't worry", "don't you…", and "stop" before anything else ("stop the server"
/// is an order, not a rejection).
package enum CorrectionRule {
    /// Only this much of the turn is read: a correction is in its first words.
    static let openingLength = 240

    package static func isCorrection(_ text: String) -> Bool {
        !ruledOutByFirstWord(text) && matchesOpening(text)
    }

    /// The whole rule, on the opening worked out in full.
    static func matchesOpening(_ text: String) -> Bool {
        let opening = self.opening(of: text)
        guard !opening.isEmpty, openingWords.contains(leadingWord(opening)) else { return false }
        if exceptions.contains(where: { startsWith(opening, $0) }) { return false }
        if refusalWords.contains(where: { startsWith(opening, $0) }) { return true }
        if phrases.contains(where: { startsWith(opening, $0) }) { return true }
        return stops(opening) || swaps(opening)
    }

    static let exceptions = [
        "no problem", "no worries", "no thanks", "no thank you", "no idea", "no rush", "not yet", "not sure",
        "not bad", "not now", "never mind", "nevermind", "don't forget", "do not forget", "don't worry",
        "don't you", "dont forget", "dont worry",
    ]
    static let refusalWords = ["no", "nope", "nah", "wrong", "incorrect"]
    static let phrases = [
        "that's wrong", "that is wrong", "thats wrong", "that's not right", "that is not right", "that's incorrect",
        "that is incorrect", "that's not what", "that is not what", "this is wrong", "this is not what",
        "that's not it", "it's wrong", "it is wrong", "still wrong", "i said", "i told you", "i asked for",
        "i asked you", "as i said", "like i said", "i meant", "i didn't ask", "i did not ask", "don't", "dont",
        "do not", "never", "revert", "undo", "roll back", "rollback", "put it back", "change it back",
        "you broke", "you forgot", "you missed", "you deleted", "you removed", "you didn't", "you did not",
        "you shouldn't", "you should not", "you were supposed", "why did you",
    ]
    /// The first word of every phrase the rule matches: a turn opening with any other word matches none of them,
    /// and most turns are told apart by this one lookup instead of a hundred prefix comparisons.
    static let openingWords: Set<Substring> = Set(
        (exceptions + refusalWords + phrases + ["stop", "not", "use"]).map { leadingWord($0) }
    )

    /// The text's first word as `startsWith` bounds it: letters, digits, apostrophes and underscores.
    static func leadingWord(_ text: String) -> Substring {
        text.prefix { $0.isLetter || $0.isNumber || $0 == "'" || $0 == "_" }
    }

    /// Dropped from the front of a turn before the rule reads it.
    static let courtesy = ["ok", "okay", "hmm", "hm", "um", "uh", "sorry", "wait", "oh", "well", "please", "ah"]

    /// The opening in lower case, curly apostrophes made straight, spaces collapsed, courtesy words dropped. Worked
    /// out scalar by scalar on the first `openingLength` scalars: every typed turn of a long transcript is read
    /// while the completion waits, and Character-by-Character work (grapheme breaking, Foundation's trimming) cost
    /// tens of microseconds a turn.
    static func opening(of text: String) -> String {
        var words: [[UInt8]] = []
        var word: [UInt8] = []
        func endWord() {
            if !word.isEmpty { words.append(word) }
            word.removeAll(keepingCapacity: true)
        }
        for (index, scalar) in text.unicodeScalars.enumerated() {
            guard index < openingLength else { break }
            if scalar.value < 0x80 {
                let byte = UInt8(scalar.value)
                // The ASCII characters with Unicode's White_Space property: tab to carriage return, and space.
                if byte == 0x20 || (0x09...0x0D).contains(byte) { endWord() } else { word.append(lowered(byte)) }
            } else if scalar.properties.isWhitespace {
                endWord()
            } else if scalar == "\u{2019}" {
                word.append(UInt8(ascii: "'"))
            } else {
                word.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            }
        }
        endWord()
        var first = 0
        while words.count - first > 1, courtesyBytes.contains(Array(trimmingPunctuation(words[first][...]))) {
            first += 1
        }
        return String(decoding: Array(words[first...].joined(separator: [0x20])), as: UTF8.self)
    }

    /// True when the turn's first word alone rules it out: plain ASCII, no courtesy word, and no phrase of the
    /// rule starts with it. Most turns are told apart so, without building their opening; anything else (a
    /// non-ASCII byte, a courtesy word, a first word reaching the opening's length) is left to the whole rule.
    static func ruledOutByFirstWord(_ text: String) -> Bool {
        var word: [UInt8] = []
        var read = 0
        for byte in text.utf8 {
            read += 1
            if byte >= 0x80 || read >= openingLength { return false }
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                if word.isEmpty { continue } else { break }
            }
            word.append(lowered(byte))
        }
        // An empty opening matches nothing.
        guard !word.isEmpty else { return true }
        if courtesyBytes.contains(Array(trimmingPunctuation(word[...]))) { return false }
        let leading = word.prefix { isWordByte($0) }
        return !openingWordBytes.contains(Array(leading))
    }

    /// `leadingWord`'s characters among ASCII bytes (already lower case).
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "'")
            || byte == UInt8(ascii: "_")
    }

    static let openingWordBytes = Set(openingWords.map { Array($0.utf8) })

    private static func lowered(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    static let courtesyBytes = Set(courtesy.map { Array($0.utf8) })
    /// Stripped from a courtesy word before it is looked up ("ok," "well.").
    static let punctuationBytes = Set(",.!:;-".utf8)

    static func trimmingPunctuation(_ word: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var word = word
        while let first = word.first, punctuationBytes.contains(first) { word.removeFirst() }
        while let last = word.last, punctuationBytes.contains(last) { word.removeLast() }
        return word
    }

    /// `text` begins with `phrase` as whole words ("no" is not the start of "nobody" or "now").
    static func startsWith(_ text: String, _ phrase: String) -> Bool {
        guard text.hasPrefix(phrase) else { return false }
        guard let next = text.dropFirst(phrase.count).first else { return true }
        return !(next.isLetter || next.isNumber || next == "'" || next == "_")
    }

    /// "stop" alone, before "it", "that", "this" or punctuation, or before a gerund ("stop adding comments").
    static func stops(_ text: String) -> Bool {
        guard startsWith(text, "stop") else { return false }
        let rest = text.dropFirst(4)
        guard let next = rest.first else { return true }
        if next != " " { return true }
        let word = rest.dropFirst().prefix { $0.isLetter }
        return ["it", "that", "this", "doing", "now"].contains(String(word))
            || (word.count > 4 && word.hasSuffix("ing"))
    }

    /// "not X but Y", "not X, Y" (within the first sentence), "use X instead".
    static func swaps(_ text: String) -> Bool {
        let opensWithNot = startsWith(text, "not")
        guard opensWithNot || startsWith(text, "use") else { return false }
        let sentence = text.prefix { $0 != "." && $0 != "?" && $0 != "!" }
        if opensWithNot {
            let rest = sentence.dropFirst(3)
            return rest.contains(" but ") || rest.contains(", ")
        }
        return sentence.hasSuffix(" instead") || sentence.contains(" instead of ") || sentence.contains(" instead,")
    }
}
