/// The two answers of a y/n box and which one is highlighted. y and n answer at once; ←/→/Tab move the highlight;
/// Enter takes the highlighted answer; Esc takes the safe one, whatever is highlighted.
package struct YesNoChoice: Sendable, Equatable {
    package let safeAnswer: Bool
    package var highlightsYes: Bool

    /// The highlight starts on the safe answer unless told otherwise.
    package init(safeAnswer: Bool, highlightsYes: Bool? = nil) {
        self.safeAnswer = safeAnswer
        self.highlightsYes = highlightsYes ?? safeAnswer
    }

    package enum Action: Sendable, Equatable { case yes, no, move, choose, safe }

    package static let keys = KeyTable<Action>([
        KeyBinding(["y", "Y"], "y", "yes", .yes),
        KeyBinding(["n", "N"], "n", "no", .no),
        KeyBinding([.left, .right, .tab], "←→/Tab", "move", .move),
        KeyBinding([.enter], "Enter", "choose", .choose),
        KeyBinding([.escape], "Esc", "safe answer", .safe),
    ])

    /// The answer, or nil when the key only moved the highlight (or means nothing here).
    package mutating func handle(_ action: Action) -> Bool? {
        switch action {
        case .yes: return true
        case .no: return false
        case .move: highlightsYes.toggle(); return nil
        case .choose: return highlightsYes
        case .safe: return safeAnswer
        }
    }

    /// The choice line of the box: both answers, the highlighted one marked and in the selection colour.
    package func spans(yes: String, no: String) -> [Span] {
        [
            Span(highlightsYes ? "[\(yes)]" : " \(yes) ", highlightsYes ? .selected : .modal), Span("   "),
            Span(highlightsYes ? " \(no) " : "[\(no)]", highlightsYes ? .modal : .selected),
        ]
    }
}
