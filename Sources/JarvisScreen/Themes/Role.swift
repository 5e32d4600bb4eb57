/// What a piece of text is, for the theme to colour. Screens only ever name roles, never colours.
package enum Role: String, CaseIterable, Sendable, Hashable {
    case normal, title, subtle, border, selected, accent, key, footer, banner
    case ok, warn, error, running, modal, heading, strong, emphasis, code, link, quote, match

    /// The role an undeclared role takes its style from (and a declared one its missing colours).
    package var parent: Role? {
        switch self {
        case .normal: nil
        case .title, .subtle, .border, .selected, .accent, .key, .footer, .banner, .ok, .warn, .error, .running, .modal,
            .strong, .emphasis, .code, .link, .quote, .match:
            .normal
        case .heading: .title
        }
    }
}
