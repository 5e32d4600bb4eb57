import Completion
import Foundation

/// The pre-completion offer as a line prompt, for `--plain` runs at a terminal. It lists what the full-screen
/// offer lists: the same `OfferPreview`, the archive choice numbered after the cycles when it is offered.
struct LineOffer {
    let preview: OfferPreview

    /// The question, one numbered line per cycle (an unavailable one says why) and the archive choice, and how to
    /// answer.
    var prompt: String {
        var text = "Before ending the session, run any Tier 2 cycles?\n"
        for (index, item) in preview.cycles.enumerated() {
            let state = item.available ? "" : "  (unavailable: \(item.reason ?? ""))"
            text += "  \(index + 1). \(item.cycle.title) — \(item.cycle.summary)\(state)\n"
        }
        if let archive = preview.stateArchive {
            text += "  \(preview.cycles.count + 1). \(archive.label)\n"
        }
        return text + "Numbers separated by commas, Enter to skip and end the session, q to cancel: "
    }

    /// What one answer means: the chosen cycles (and archive choice), nil for cancel, or a sentence asking again.
    func choose(_ answer: String) -> Result<CycleSelection?, Retry> {
        let line = answer.trimmingCharacters(in: .whitespaces)
        if line.lowercased() == "q" { return .success(nil) }
        if line.isEmpty { return .success(CycleSelection()) }
        let cycles = preview.cycles
        let archiveNumber = preview.stateArchive == nil ? nil : cycles.count + 1
        let picks = line.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let chosen = picks.compactMap { $0 >= 1 && $0 <= cycles.count ? cycles[$0 - 1] : nil }
        let archive = archiveNumber.map(picks.contains) ?? false
        let understood = chosen.count + picks.filter { $0 == archiveNumber }.count
        if understood == picks.count, !picks.isEmpty, chosen.allSatisfy(\.available) {
            return .success(CycleSelection(cycles: chosen.map(\.cycle), archiveState: archive))
        }
        let range = archiveNumber ?? cycles.count
        return .failure(Retry(sentence: "Pick available cycles by number (1–\(range))."))
    }

    struct Retry: Error {
        let sentence: String
    }

    /// The chosen cycles and archive choice, or nil when the user cancelled (q, or end of input).
    func ask() -> CycleSelection? {
        while true {
            StandardOutput.write(prompt)
            guard let line = readLine() else { return nil }
            switch choose(line) {
            case .success(let selection): return selection
            case .failure(let retry): StandardOutput.write(retry.sentence + "\n")
            }
        }
    }
}
