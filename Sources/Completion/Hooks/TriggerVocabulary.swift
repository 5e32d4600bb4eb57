/// The known pieces of a prompt that ends a session, and their weight; the reading with the strongest piece wins.
struct Vocabulary {
    enum Kind: Int, Comparable {
        case filler = 0, departure = 1, end = 2
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    private var phrases: [Substring: [([Substring], Kind)]] = [:]

    private(set) var words: Set<Substring> = []

    mutating func add(_ words: [Substring], _ kind: Kind) {
        guard let first = words.first else { return }
        phrases[first, default: []].append((words, kind))
        self.words.formUnion(words)
    }

    func knows(_ word: Substring) -> Bool { words.contains(word) }

    mutating func add(_ text: String, _ kind: Kind) {
        add(PromptIntent.tokens(text), kind)
    }

    /// For the standard phrases, already written as tokens: a split is enough, and costs far less at start-up.
    mutating func addTokens(_ phrase: String, _ kind: Kind) {
        add(phrase.split(separator: " "), kind)
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

    /// Every word of the standard phrases, gathered from their parts without building the phrases: a prompt with
    /// a word outside it (nearly every prompt of ordinary work) is settled before the vocabulary is built.
    static let standardWords: Set<Substring> = {
        let parts = [
            TriggerPhrases.fillers, TriggerPhrases.farewells, TriggerPhrases.stoppedStates,
            TriggerPhrases.sessionVerbs, TriggerPhrases.sessionObjects, TriggerPhrases.pauseTimes,
            TriggerPhrases.stoppingVerbParts, TriggerPhrases.endRequestParts,
        ]
        return Set(parts.joined().flatMap { $0.split(separator: " ") })
    }()

    /// Built once per process from `TriggerPhrases`.
    static let standard: Vocabulary = {
        var vocabulary = Vocabulary()
        for phrase in TriggerPhrases.fillers { vocabulary.addTokens(phrase, .filler) }
        for phrase in TriggerPhrases.departures { vocabulary.addTokens(phrase, .departure) }
        for phrase in TriggerPhrases.endRequests { vocabulary.addTokens(phrase, .end) }
        return vocabulary
    }()
}
