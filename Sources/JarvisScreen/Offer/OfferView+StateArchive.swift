import Completion

extension OfferView {
    /// The question of the "run the ticked?" box: cycles, or choices once the archive is one of them.
    static func confirmQuestion(_ state: OfferState) -> String {
        let count = state.tickedCount
        let noun = state.archiveTicked ? "choice" : "cycle"
        return "Run the \(count) ticked \(noun)\(count == 1 ? "" : "s")? [Y/n]"
    }
}
