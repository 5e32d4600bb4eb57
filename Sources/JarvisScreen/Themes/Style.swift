/// A colour as written in a theme file, before it is fitted to the terminal's colour count.
package enum ColorSpec: Equatable, Sendable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// 0–255: the 16 ANSI colours, the 6×6×6 cube and the grey ramp.
    case index(Int)
    case rgb(UInt8, UInt8, UInt8)
}

package enum TextAttribute: String, CaseIterable, Sendable, Hashable {
    case bold, dim, underline, reverse, italic
}

/// How one role looks: colours (nil = inherited) and attributes.
package struct Style: Equatable, Sendable {
    package var foreground: ColorSpec?
    package var background: ColorSpec?
    package var attributes: Set<TextAttribute>

    package init(foreground: ColorSpec? = nil, background: ColorSpec? = nil, attributes: Set<TextAttribute> = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}
