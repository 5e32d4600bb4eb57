import Completion

/// The pre-completion offer: which cycles are ticked and where the cursor is.
package struct OfferState: Sendable, Equatable {
    package let projectName: String
    package let branch: String?
    package let cycles: [CycleAvailability]
    package let uncommittedChanges: Int
    package let heldBack: Int
    /// 0..<cycles.count are cycles; cycles.count is "Skip and end session".
    package var cursor = 0
    package var selected: [CycleID] = []
    package var notice: String?

    package init(projectName: String, branch: String?, cycles: [CycleAvailability], uncommittedChanges: Int, heldBack: Int) {
        self.projectName = projectName
        self.branch = branch
        self.cycles = cycles
        self.uncommittedChanges = uncommittedChanges
        self.heldBack = heldBack
    }

    package init(projectName: String, preview: OfferPreview) {
        self.init(projectName: projectName, branch: preview.branch, cycles: preview.cycles,
                  uncommittedChanges: preview.uncommittedChanges, heldBack: preview.heldBack.count)
    }

    package var availableCount: Int { cycles.filter(\.available).count }
    var skipRow: Int { cycles.count }
}

package enum OfferAction: Sendable, Equatable {
    case up, down, toggle, toggleAll, confirm, cancel
    case toggleNumber(Int)
}

/// What the offer ends with.
package enum OfferDecision: Sendable, Equatable {
    case run([CycleID])
    case cancel
}

extension OfferState {
    package static let keys = KeyTable<OfferAction>([
        KeyBinding([.up, "k"], "↑↓/jk", "move", .up),
        KeyBinding([.down, "j"], "", "", .down, shown: false),
        KeyBinding([.space, "x"], "Space", "toggle", .toggle),
        KeyBinding([.enter], "Enter", "confirm", .confirm),
        KeyBinding(["1"], "1-4", "tick", .toggleNumber(1)),
        KeyBinding(["2"], "", "", .toggleNumber(2), shown: false),
        KeyBinding(["3"], "", "", .toggleNumber(3), shown: false),
        KeyBinding(["4"], "", "", .toggleNumber(4), shown: false),
        KeyBinding(["a"], "a", "all", .toggleAll),
        KeyBinding(["q", .escape, .interrupt], "q/Esc", "cancel", .cancel),
    ])

    /// Applies a key; returns the decision once the user confirmed or cancelled.
    package mutating func handle(_ key: Key) -> OfferDecision? {
        guard let action = Self.keys.action(for: key) else { return nil }
        notice = nil
        switch action {
        case .up: cursor = (cursor + skipRow) % (skipRow + 1)
        case .down: cursor = (cursor + 1) % (skipRow + 1)
        case .toggle:
            if cursor < cycles.count { toggle(cursor) }
        case .toggleNumber(let number):
            if number <= cycles.count { cursor = number - 1; toggle(number - 1) }
        case .toggleAll:
            let available = cycles.filter(\.available).map(\.cycle)
            selected = selected.count == available.count ? [] : available
        case .confirm:
            return .run(cursor == skipRow ? [] : CycleID.allCases.filter { selected.contains($0) })
        case .cancel:
            return .cancel
        }
        return nil
    }

    private mutating func toggle(_ index: Int) {
        let item = cycles[index]
        guard item.available else {
            notice = "\(item.cycle.title) is unavailable: \(item.reason ?? "not configured")"
            return
        }
        if let position = selected.firstIndex(of: item.cycle) { selected.remove(at: position) } else { selected.append(item.cycle) }
    }
}
