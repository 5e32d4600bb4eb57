import Completion
import Foundation

/// The pre-completion offer as a line prompt, for `--plain` runs at a terminal. It lists what the full-screen
/// offer lists: the same `OfferPreview`.
struct LineOffer {
    let preview: OfferPreview

    /// The question, one numbered line per cycle (an unavailable one says why), and how to answer.
    var prompt: String {
        var text = "Before ending the session, run any Tier 2 cycles?\n"
        for (index, item) in preview.cycles.enumerated() {
            let state = item.available ? "" : "  (unavailable: \(item.reason ?? ""))"
            text += "  \(index + 1). \(item.cycle.title) — \(item.cycle.summary)\(state)\n"
        }
        return text + "Numbers separated by commas, Enter to skip and end the session, q to cancel: "
    }

    /// What one answer means: the chosen cycles, nil for cancel, or a sentence asking again.
    func choose(_ answer: String) -> Result<[CycleID]?, Retry> {
        let line = answer.trimmingCharacters(in: .whitespaces)
        if line.lowercased() == "q" { return .success(nil) }
        if line.isEmpty { return .success([]) }
        let cycles = preview.cycles
        let picks = line.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let chosen = picks.compactMap { $0 >= 1 && $0 <= cycles.count ? cycles[$0 - 1] : nil }
        if chosen.count == picks.count, !chosen.isEmpty, chosen.allSatisfy(\.available) {
            return .success(chosen.map(\.cycle))
        }
        return .failure(Retry(sentence: "Pick available cycles by number (1–\(cycles.count))."))
    }

    struct Retry: Error {
        let sentence: String
    }

    /// The chosen cycles, or nil when the user cancelled (q, or end of input).
    func ask() -> [CycleID]? {
        while true {
            StandardOutput.write(prompt)
            guard let line = readLine() else { return nil }
            switch choose(line) {
            case .success(let cycles): return cycles
            case .failure(let retry): StandardOutput.write(retry.sentence + "\n")
            }
        }
    }
}
