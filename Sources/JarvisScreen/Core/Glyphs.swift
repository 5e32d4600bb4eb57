/// The symbols screens draw, in Unicode or (for a terminal whose locale is not UTF-8) plain ASCII.
package struct Glyphs: Sendable, Equatable {
    package var pending: String
    package var spinner: [String]
    package var done: String
    package var skipped: String
    package var degraded: String
    package var failed: String
    package var checked: String
    package var unchecked: String
    package var unavailable: String
    package var pointer: String
    package var bullet: String
    package var horizontal: String
    package var vertical: String
    package var cross: String
    package var warning: String
    package var ellipsis: String
    package var arrows: String
    package var arrowUp: String
    package var arrowDown: String
    /// Box corners: top-left, top-right, bottom-left, bottom-right.
    package var corners: [String]

    package static let unicode = Glyphs(
        pending: "○",
        spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"],
        done: "✓",
        skipped: "–",
        degraded: "!",
        failed: "✗",
        checked: "[x]",
        unchecked: "[ ]",
        unavailable: "[-]",
        pointer: "›",
        bullet: "•",
        horizontal: "─",
        vertical: "│",
        cross: "┼",
        warning: "▲",
        ellipsis: "…",
        arrows: "↑↓",
        arrowUp: "↑",
        arrowDown: "↓",
        corners: ["┌", "┐", "└", "┘"]
    )

    package static let ascii = Glyphs(
        pending: "o",
        spinner: ["|", "/", "-", "\\"],
        done: "+",
        skipped: "-",
        degraded: "!",
        failed: "x",
        checked: "[x]",
        unchecked: "[ ]",
        unavailable: "[-]",
        pointer: ">",
        bullet: "*",
        horizontal: "-",
        vertical: "|",
        cross: "+",
        warning: "!",
        ellipsis: "...",
        arrows: "up/dn",
        arrowUp: "^",
        arrowDown: "v",
        corners: ["+", "+", "+", "+"]
    )
}
