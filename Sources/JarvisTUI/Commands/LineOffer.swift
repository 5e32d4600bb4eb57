import Completion
import Foundation
import JarvisScreen

/// The pre-completion offer as a line prompt, for `--plain` runs at a terminal. It lists what the full-screen
/// offer lists: the same `OfferPreview`, the archive choice numbered after the cycles when it is offered.
struct LineOffer {
    let preview: OfferPreview
    /// The terminal's width: why a cycle is unavailable wraps to it, indented under the cycle.
    var width = LineOffer.terminalWidth()

    /// The question, one numbered line per cycle and, for an unavailable one, why (wrapped under it), the archive
    /// choice, and how to answer.
    var prompt: String {
        var text = "Before ending the session, run any Tier 2 cycles?\n"
        for (index, item) in preview.cycles.enumerated() {
            text += "  \(index + 1). \(item.cycle.title) — \(item.cycle.summary)\n"
            guard !item.available else { continue }
            let reason = "unavailable: " + TerminalText.inert(item.reason ?? "no reason given")
            for line in TextWrap.wrap(reason, width: max(20, width - Self.indent.count - 1)) {
                text += Self.indent + line + "\n"
            }
        }
        if let archive = preview.stateArchive {
            text += "  \(preview.cycles.count + 1). \(archive.label)\n"
        }
        return text + "Numbers separated by commas, Enter to skip and end the session, q to cancel: "
    }

    /// Under the cycle's title: past "  1. ".
    static let indent = "     "

    /// The width of the terminal on standard output; 80 when it is not one or does not say.
    static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 else { return 80 }
        return Int(size.ws_col)
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
