import Foundation

/// What `--cycles` (or the offer) chose: the Tier 2 cycles, and whether to archive session-state's older history
/// (`archive-state`, the offer's choice beside the cycles). `all` means the four cycles; archiving is only ever
/// chosen by name, since it edits the user's file.
package struct CycleSelection: Sendable, Equatable {
    package static let archiveStateName = "archive-state"

    package var cycles: [CycleID]
    package var archiveState: Bool

    package init(cycles: [CycleID] = [], archiveState: Bool = false) {
        self.cycles = cycles
        self.archiveState = archiveState
    }

    /// Parses the `--cycles` list: cycle names, `archive-state`, `all` or `none`.
    package static func parse(_ text: String) throws(CycleListError) -> CycleSelection {
        let words = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let archive = words.contains { $0.lowercased() == archiveStateName }
        let rest = words.filter { $0.lowercased() != archiveStateName }
        let cycles = rest.isEmpty && archive ? [] : try CycleID.parseList(rest.joined(separator: ","))
        return CycleSelection(cycles: cycles, archiveState: archive)
    }
}

extension RunOptions {
    /// Takes what the offer or `--cycles` chose.
    package mutating func choose(_ selection: CycleSelection) {
        cycles = selection.cycles
        archiveSessionState = selection.archiveState
    }
}
