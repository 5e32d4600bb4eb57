/// How a key moves a scrolling pane or list.
package enum ScrollAction: Sendable, Equatable {
    case lineUp, lineDown, pageUp, pageDown, halfPageUp, halfPageDown, top, bottom
    /// The mouse wheel: a few lines at a time.
    case wheelUp, wheelDown
}

/// Where a pane of entries (log lines, warnings, steps) is scrolled to. Counted in entries, not screen rows, so a
/// frame only wraps the entries it shows, however long the list grows. A pane that `follows` keeps its newest
/// entries in view as they arrive; scrolling up stops that, and scrolling back to the end starts it again.
package struct ScrollPosition: Sendable, Equatable {
    /// The first entry shown when not following.
    package private(set) var top: Int
    package private(set) var follows: Bool

    package init(follows: Bool = true) {
        top = 0
        self.follows = follows
    }

    /// Scrolled to `top`, not following.
    package init(top: Int) {
        self.top = max(0, top)
        follows = false
    }

    package static let wheelLines = 3

    /// Moves by a key. `page` is how many entries the pane showed in its last frame (at least 1).
    package mutating func apply(_ action: ScrollAction, count: Int, page: Int) {
        let page = max(1, page)
        let last = max(0, count - page)
        let current = follows ? last : min(top, last)
        let target: Int
        switch action {
        case .lineUp: target = current - 1
        case .lineDown: target = current + 1
        case .pageUp: target = current - max(1, page - 1)
        case .pageDown: target = current + max(1, page - 1)
        case .halfPageUp: target = current - max(1, page / 2)
        case .halfPageDown: target = current + max(1, page / 2)
        case .wheelUp: target = current - Self.wheelLines
        case .wheelDown: target = current + Self.wheelLines
        case .top: target = 0
        case .bottom: target = last
        }
        top = min(max(0, target), last)
        follows = top >= last
    }

    /// The first entry to show of `count` when `page` of them fit.
    package func first(count: Int, page: Int) -> Int {
        let last = max(0, count - max(1, page))
        return follows ? last : min(top, last)
    }
}
