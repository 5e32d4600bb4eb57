import Completion
import Foundation

/// The pre-completion offer as a line prompt, for `--plain` runs at a terminal.
struct LineOffer {
    let configuration: Configuration
    let environment: [String: String]

    /// The chosen cycles, or nil when the user cancelled (q, or end of input).
    func ask() -> [CycleID]? {
        let availability = CycleAvailability.all(configuration: configuration, environment: environment)
        var text = "Before ending the session, run any Tier 2 cycles?\n"
        for (index, item) in availability.enumerated() {
            let state = item.available ? "" : "  (unavailable: \(item.reason ?? ""))"
            text += "  \(index + 1). \(item.cycle.title) — \(item.cycle.summary)\(state)\n"
        }
        text += "Numbers separated by commas, Enter to skip and end the session, q to cancel: "
        while true {
            StandardOutput.write(text)
            guard let line = readLine()?.trimmingCharacters(in: .whitespaces) else { return nil }
            if line.lowercased() == "q" { return nil }
            if line.isEmpty { return [] }
            let picks = line.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            let chosen = picks.compactMap { $0 >= 1 && $0 <= availability.count ? availability[$0 - 1] : nil }
            if chosen.count == picks.count, !chosen.isEmpty, chosen.allSatisfy(\.available) {
                return chosen.map(\.cycle)
            }
            StandardOutput.write("Pick available cycles by number (1–\(availability.count)).\n")
        }
    }
}
