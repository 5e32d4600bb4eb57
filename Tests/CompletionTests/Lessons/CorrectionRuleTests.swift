import Foundation
import Testing

@testable import Completion

@Suite("The correction rule: which user turns correct the assistant")
struct CorrectionRuleTests {
    static let corrections = [
        "No, use UTC for timestamps.",
        "no. the other file",
        "Nope — that breaks the build",
        "Wrong file: the config lives in config/app.yaml",
        "That's wrong, the limit is 50",
        "That’s not what I asked for",
        "this is wrong",
        "Ok, that is not right either",
        "Hmm, wait. I said only the uploader",
        "I told you to keep the old API",
        "As I said, no new dependencies",
        "I meant the staging database",
        "Don't touch the migrations",
        "do not commit the .env file",
        "Never push to main",
        "Stop",
        "stop adding comments everywhere",
        "Stop it, please",
        "Revert that change",
        "undo the last edit",
        "Roll back the schema change",
        "Put it back the way it was",
        "Not the red button but the blue one",
        "not in utils, in the models module",
        "Use pathlib instead",
        "You broke the login test",
        "You forgot the migration",
        "you didn't run the tests",
        "Why did you delete the README?",
        "Sorry, that's incorrect: we use tabs",
    ]

    static let notCorrections = [
        "Now paginate the items endpoint",
        "No problem, carry on",
        "no worries, take your time",
        "No thanks, that's all",
        "Not yet — first run the tests",
        "not sure, what do you think?",
        "Never mind, it works now",
        "Don't forget to update the changelog",
        "Don't worry about the docs",
        "Don't you think a cache would help?",
        "Stop the dev server and restart it",
        "Nobody uses that endpoint, remove it",
        "Notes: the API changed last week",
        "Add a function stopAll() that reverts nothing",
        "Can you explain why the revert failed?",
        "Use the new client for the upload",
        "Thanks, no problem with the tests.",
        "Great, that's exactly right",
        "Wrongly encoded files should be skipped",
        "",
        "   ",
    ]

    @Test("every correction in the table is found", arguments: corrections)
    func finds(_ text: String) {
        #expect(CorrectionRule.isCorrection(text), "\(text)")
    }

    @Test("no ordinary turn is taken for a correction", arguments: notCorrections)
    func ignores(_ text: String) {
        #expect(!CorrectionRule.isCorrection(text), "\(text)")
    }

    /// The opening as the rule first worked it out, Character by Character: the scalar-by-scalar reading must
    /// give the same words.
    static func characterOpening(of text: String) -> String {
        var lowered = text.prefix(CorrectionRule.openingLength).lowercased()
        lowered = lowered.replacingOccurrences(of: "\u{2019}", with: "'")
        var words = lowered.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        while let first = words.first {
            let bare = first.trimmingCharacters(in: CharacterSet(charactersIn: ",.!:;-"))
            guard CorrectionRule.courtesy.contains(bare), words.count > 1 else { break }
            words.removeFirst()
        }
        return words.joined(separator: " ")
    }

    /// Turns built from the words, spacing and punctuation the rule looks at, in several scripts, around the length
    /// it reads (scalars and Characters are one to one here, so the cut falls at the same place).
    @Test func theOpeningReadsTheWordsACharacterReadingWould() {
        let words = [
            "ok", "OK,", "okay.", "Hmm", "wait!", "-", "no", "No,", "don't", "Don’t", "Stop", "that's", "WRONG", "I",
            "said", "use", "X", "instead", "of", "Y.", "not", "but", "please", "well...", "sorry;", "longer-word",
            "Ünïcödé", "ÉCOLE", "İstanbul", "ΣΟΦΙΑ", "日本語", "—", "…", "🚀", "naïve", "straße",
        ]
        let spaces = [" ", "  ", "\t", "\n", "\r", " \u{0B}", "\u{0C}", "\u{A0}", "\u{2003}", "\u{3000}", "\u{85}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            var text = Bool.random(using: &generator) ? spaces.randomElement(using: &generator)! : ""
            for _ in 0..<Int.random(in: 0...80, using: &generator) {
                text += words.randomElement(using: &generator)! + spaces.randomElement(using: &generator)!
            }
            #expect(CorrectionRule.opening(of: text) == Self.characterOpening(of: text), "\(text.debugDescription)")
        }
        #expect(CorrectionRule.opening(of: "Ok, That’s  wrong") == "that's wrong")
    }

    /// The first-word shortcut may only rule out turns the whole rule would not match: it is checked against the
    /// whole rule on every phrase, exception and courtesy word of the rule, in several spellings and surroundings.
    @Test func theFirstWordShortcutNeverMissesACorrection() {
        let heads =
            CorrectionRule.phrases + CorrectionRule.exceptions + CorrectionRule.refusalWords
            + CorrectionRule.courtesy + ["stop", "stop it", "not X but Y", "use X instead", "nobody", "now", "(no)"]
        let fronts = ["", " ", "\t\n ", "Ok, ", "HMM ", "well. sorry, ", "\u{A0}", "x"]
        let backs = [
            "", ".", ", really", " the file", "!", "’s", "_x", "\u{2019}t", " é", String(repeating: "a", count: 300),
        ]
        var checked = 0
        for head in heads {
            for spelling in [
                head, head.uppercased(), head.capitalized, head.replacingOccurrences(of: "'", with: "\u{2019}"),
            ] {
                for front in fronts {
                    for back in backs {
                        let text = front + spelling + back
                        if CorrectionRule.ruledOutByFirstWord(text) {
                            #expect(!CorrectionRule.matchesOpening(text), "\(text.debugDescription)")
                        }
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 5_000)
        // And the shortcut does rule out ordinary turns.
        #expect(CorrectionRule.ruledOutByFirstWord("Now paginate the items endpoint"))
        #expect(CorrectionRule.ruledOutByFirstWord("   "))
    }
}
