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
        let opening = self.opening(of: text)
        guard !opening.isEmpty else { return false }
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
    /// Stripped from a courtesy word before it is looked up ("ok," "well.").
    static let punctuation = CharacterSet(charactersIn: ",.!:;-")
    static let courtesy = ["ok", "okay", "hmm", "hm", "um", "uh", "sorry", "wait", "oh", "well", "please", "ah"]

    /// The opening in lower case, curly apostrophes made straight, spaces collapsed, courtesy words dropped.
    static func opening(of text: String) -> String {
        asciiOpening(of: text) ?? unicodeOpening(of: text)
    }

    /// `unicodeOpening` of a turn whose opening is ASCII, worked out on its bytes: every typed turn of a long
    /// transcript is read while the completion waits, and Character-by-Character work cost tens of microseconds a
    /// turn. Nil when a byte of the opening is not ASCII.
    static func asciiOpening(of text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(openingLength + 1)
        var characters = 0
        var previous: UInt8 = 0
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            // "\r\n" is one Character, as `prefix` counts them.
            if !(byte == 0x0A && previous == 0x0D) {
                characters += 1
                if characters > openingLength { break }
            }
            previous = byte
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        // The ASCII characters with Unicode's White_Space property: tab to carriage return, and space.
        var words = bytes.split { $0 == 0x20 || (0x09...0x0D).contains($0) }
        while words.count > 1, asciiCourtesy.contains(Array(trimmingPunctuation(words[0]))) {
            words.removeFirst()
        }
        return String(decoding: Array(words.joined(separator: [0x20])), as: UTF8.self)
    }

    static let asciiCourtesy = Set(courtesy.map { Array($0.utf8) })
    static let asciiPunctuation = Set(",.!:;-".utf8)

    static func trimmingPunctuation(_ word: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var word = word
        while let first = word.first, asciiPunctuation.contains(first) { word.removeFirst() }
        while let last = word.last, asciiPunctuation.contains(last) { word.removeLast() }
        return word
    }

    /// The opening worked out Character by Character, for any text.
    static func unicodeOpening(of text: String) -> String {
        var lowered = text.prefix(openingLength).lowercased()
        // The apostrophe is one scalar: replaced scalar by scalar, as Foundation's literal replacement does, without
        // bridging every typed turn of a long transcript to NSString.
        if lowered.unicodeScalars.contains("\u{2019}") {
            lowered = String(String.UnicodeScalarView(lowered.unicodeScalars.map { $0 == "\u{2019}" ? "'" : $0 }))
        }
        var words = lowered.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        while let first = words.first {
            let bare = first.trimmingCharacters(in: punctuation)
            guard courtesy.contains(bare), words.count > 1 else { break }
            words.removeFirst()
        }
        return words.joined(separator: " ")
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
        let sentence = text.prefix { $0 != "." && $0 != "?" && $0 != "!" }
        if startsWith(text, "not") {
            let rest = sentence.dropFirst(3)
            return rest.contains(" but ") || rest.contains(", ")
        }
        return startsWith(text, "use")
            && (sentence.hasSuffix(" instead") || sentence.contains(" instead of ")
                || sentence.contains(" instead,"))
    }
}
