import Completion

/// The pre-completion offer: which cycles are ticked and where the cursor is.
package struct OfferState: Sendable, Equatable {
    package let projectName: String
    package let branch: String?
    package let cycles: [CycleAvailability]
    package let uncommittedChanges: Int
    package let heldBack: Int
    /// The choice to archive a long session-state's older history, listed after the cycles when offered.
    package var stateArchive: StateArchiveOffer?
    /// 0..<cycles.count are cycles, then the archive choice when offered, then "Skip and end session".
    package var cursor = 0
    package var selected: [CycleID] = []
    /// The archive choice is ticked (never by default: it edits the user's file). Cleared when the user skips.
    package var archiveTicked = false
    package var notice: String?
    /// Set while Enter on "Skip and end session" with cycles ticked asks whether to run them after all.
    package var confirmingTicked: YesNoChoice?
    package var showingHelp = false
    /// How the offer ended, once it has.
    package var decision: OfferDecision?
    package var glyphs = Glyphs.unicode

    package init(
        projectName: String,
        branch: String?,
        cycles: [CycleAvailability],
        uncommittedChanges: Int,
        heldBack: Int
    ) {
        self.projectName = projectName
        self.branch = branch
        self.cycles = cycles
        self.uncommittedChanges = uncommittedChanges
        self.heldBack = heldBack
        cursor = cycles.firstIndex(where: \.available) ?? cycles.count
    }

    package init(projectName: String, preview: OfferPreview) {
        self.init(
            projectName: projectName,
            branch: preview.branch,
            cycles: preview.cycles,
            uncommittedChanges: preview.uncommittedChanges,
            heldBack: preview.heldBack.count
        )
        stateArchive = preview.stateArchive
        if cursor == cycles.count { cursor = skipRow }  // nothing available: the cursor stays on Skip
    }

    package var availableCount: Int { cycles.filter(\.available).count }
    var skipRow: Int { cycles.count + (stateArchive == nil ? 0 : 1) }
    /// The archive choice's row, when offered.
    package var archiveRow: Int? { stateArchive == nil ? nil : cycles.count }
    /// Ticked cycles, and the archive choice when ticked.
    package var tickedCount: Int { selected.count + (archiveTicked ? 1 : 0) }
}

package enum OfferAction: Sendable, Equatable {
    case up, down, first, last, toggle, toggleAll, confirm, cancel, interrupt, help
    /// The mouse wheel: moves the cursor like ↑/↓ but stops at the ends, as a scrolled list does.
    case wheelUp, wheelDown
    case toggleNumber(Int)
    /// A key of the "run the ticked cycles?" box.
    case answer(YesNoChoice.Action)
}

/// What the offer ends with.
package enum OfferDecision: Sendable, Equatable {
    case run([CycleID])
    case cancel
    /// Ctrl-C: the process ends as interrupted (130), nothing written.
    case interrupt
}

extension OfferState {
    package static let keys = KeyTable<OfferAction>([
        KeyBinding([.up, "k"], "↑↓/jk", "move", .up),
        KeyBinding([.down, "j"], "", "", .down, shown: false),
        KeyBinding(["g", .home], "", "first/last", .first, shown: false, help: "g/G Home/End"),
        KeyBinding(["G", .end], "", "", .last, shown: false),
        // The list holds six entries at most, so a page (or half of one) up or down reaches its end.
        KeyBinding([.pageUp, .ctrlU], "", "first/last too", .first, shown: false, help: "PgUp/PgDn ^U/^D"),
        KeyBinding([.pageDown, .ctrlD], "", "", .last, shown: false),
        KeyBinding([.space, "x"], "Space", "toggle", .toggle, help: "Space/x"),
        KeyBinding([.enter], "Enter", "confirm", .confirm),
        // 5 is the archive choice's number when it is offered after the four cycles; the footer and the help say
        // how many numbers there are (see `numbered`).
        KeyBinding(["1"], numberKeysLabel, "tick", .toggleNumber(1)),
        KeyBinding(["2"], "", "", .toggleNumber(2), shown: false),
        KeyBinding(["3"], "", "", .toggleNumber(3), shown: false),
        KeyBinding(["4"], "", "", .toggleNumber(4), shown: false),
        KeyBinding(["5"], "", "", .toggleNumber(5), shown: false),
        KeyBinding(["a"], "a", "all", .toggleAll),
        KeyBinding(["?"], "?", "help", .help),
        KeyBinding(["q", .escape], "q/Esc", "cancel", .cancel),
        KeyBinding([.interrupt], "", "quit, nothing written", .interrupt, shown: false, help: "Ctrl-C"),
        KeyBinding([.wheelUp], "", "", .wheelUp, shown: false),
        KeyBinding([.wheelDown], "", "", .wheelDown, shown: false),
    ])

    /// The keys of the "run the ticked cycles?" box: a y/n box whose Esc goes back to the list.
    package static let confirmKeys = KeyTable<OfferAction>([
        KeyBinding(["y", "Y"], "y", "run them", .answer(.yes)),
        KeyBinding(["n", "N"], "n", "skip them", .answer(.no)),
        KeyBinding([.left, .right, .tab], "←→/Tab", "move", .answer(.move)),
        KeyBinding([.enter], "Enter", "choose", .answer(.choose)),
        KeyBinding([.escape], "Esc", "back", .answer(.safe)),
        KeyBinding([.interrupt], "Ctrl-C", "quit", .interrupt),
    ])

    /// The number keys' label in the key table, replaced by the real range of this offer's rows.
    static let numberKeysLabel = "1-4"

    package var activeHints: [(label: String, hint: String)] {
        confirmingTicked == nil ? numbered(Self.keys.hints) : Self.confirmKeys.hints
    }

    /// The rows of the `?` help.
    package var helpHints: [(label: String, hint: String)] { numbered(Self.keys.helpHints) }

    /// The hints with the number keys named as far as there are rows to tick: `1-5` when the archive choice
    /// follows the four cycles, `1-4` otherwise.
    private func numbered(_ hints: [(label: String, hint: String)]) -> [(label: String, hint: String)] {
        let range = skipRow > 1 ? "1-\(skipRow)" : "1"
        return hints.map { $0.label == Self.numberKeysLabel ? (range, $0.hint) : $0 }
    }

    /// Applies a key; returns the decision once the user confirmed or cancelled.
    package mutating func handle(_ key: Key) -> OfferDecision? {
        if key == .interrupt { return .interrupt }
        if showingHelp { showingHelp = false; return nil }
        if confirmingTicked != nil { return confirm(key) }
        guard let action = Self.keys.action(for: key) else { return nil }
        notice = nil
        switch action {
        case .up: cursor = (cursor + skipRow) % (skipRow + 1)
        case .down: cursor = (cursor + 1) % (skipRow + 1)
        case .first: cursor = 0
        case .last: cursor = skipRow
        case .wheelUp: cursor = max(0, cursor - 1)
        case .wheelDown: cursor = min(skipRow, cursor + 1)
        case .toggle:
            if cursor < cycles.count { toggle(cursor) } else if cursor == archiveRow { archiveTicked.toggle() }
        case .toggleNumber(let number):
            if number <= cycles.count {
                cursor = number - 1
                toggle(number - 1)
            } else if let row = archiveRow, number == row + 1 {
                cursor = row
                archiveTicked.toggle()
            }
        case .toggleAll:
            let available = cycles.filter(\.available).map(\.cycle)
            selected = selected.count == available.count ? [] : available
        case .confirm:
            if cursor == skipRow, tickedCount > 0 {
                confirmingTicked = YesNoChoice(safeAnswer: true)
                return nil
            }
            if cursor == skipRow { archiveTicked = false }
            return .run(cursor == skipRow ? [] : ticked)
        case .cancel:
            return .cancel
        case .interrupt:
            return .interrupt
        case .help:
            showingHelp = true
        case .answer:
            break
        }
        return nil
    }

    private var ticked: [CycleID] { CycleID.allCases.filter { selected.contains($0) } }

    /// Nothing the user ticked is dropped without asking: y/Enter runs the ticked cycles, n runs none, Esc goes back.
    private mutating func confirm(_ key: Key) -> OfferDecision? {
        guard var box = confirmingTicked, let binding = Self.confirmKeys.action(for: key) else { return nil }
        guard case .answer(let action) = binding else { return binding == .interrupt ? .interrupt : nil }
        if action == .safe {
            confirmingTicked = nil
            return nil
        }
        let answer = box.handle(action)
        confirmingTicked = box
        guard let answer else { return nil }
        confirmingTicked = nil
        if !answer { archiveTicked = false }
        return .run(answer ? ticked : [])
    }

    private mutating func toggle(_ index: Int) {
        let item = cycles[index]
        guard item.available else {
            notice = "\(item.cycle.title) is unavailable: \(item.reason ?? "not configured")"
            return
        }
        if let position = selected.firstIndex(of: item.cycle) {
            selected.remove(at: position)
        } else {
            selected.append(item.cycle)
        }
    }
}

extension OfferState: ScreenModel {
    package var showsClock: Bool { false }

    /// Ctrl-C and SIGTERM end the offer as interrupted (130); only q/Esc are a plain cancel.
    package mutating func update(_ message: ScreenMessage) -> [ScreenEffect] {
        switch message {
        case .key(let key): decision = handle(key)
        case .signal: decision = .interrupt
        case .engine, .question, .engineDone, .clock, .editorClosed: break
        }
        return decision == nil ? [] : [.finish]
    }

    package mutating func draw(into buffer: inout CellBuffer) {
        OfferView.draw(self, into: &buffer, glyphs: glyphs)
    }
}
