import Completion

extension OfferView {
    /// The row of the choice to archive session-state's older history, below the cycles: numbered after them,
    /// with a box that starts unticked. Returns the next free row.
    static func drawArchiveRow(_ state: OfferState, into buffer: inout CellBuffer, y: Int, glyphs: Glyphs) -> Int {
        guard let offer = state.stateArchive, let row = state.archiveRow else { return y }
        let isCursor = state.cursor == row
        var x = 2
        x += buffer.put(isCursor ? glyphs.pointer : " ", x: x, y: y, role: .accent)
        x += 1
        x += buffer.put("\(row + 1) ", x: x, y: y, role: .subtle)
        let box = state.archiveTicked ? glyphs.checked : glyphs.unchecked
        x += buffer.put(box + " ", x: x, y: y, role: state.archiveTicked ? .ok : .normal)
        buffer.putClipped(offer.label, x: x, y: y, role: .normal, limit: max(0, buffer.width - x - 1))
        if isCursor { buffer.restyle(y: y, from: 2, to: buffer.width - 1, role: .selected) }
        return y + 1
    }

    /// The question of the "run the ticked?" box: cycles, or choices once the archive is one of them.
    static func confirmQuestion(_ state: OfferState) -> String {
        let count = state.tickedCount
        let noun = state.archiveTicked ? "choice" : "cycle"
        return "Run the \(count) ticked \(noun)\(count == 1 ? "" : "s")? [Y/n]"
    }
}
