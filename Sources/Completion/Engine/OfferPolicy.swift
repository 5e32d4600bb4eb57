import Foundation

/// Whether the pre-completion offer is shown, decided in one place for the full-screen and the line front end:
/// not when `--cycles` already chose, `--yes` answers for the user, the configuration turns it off
/// (`pre_completion_offer: false`, `--quick`, `JARVIS_DISABLE_AC09`), the emergency stop is set, or nobody is at
/// a terminal to answer. What it lists comes from `OfferPreview`, which resolves a project-relative cycle script
/// against the project, wherever the command was started.
package enum OfferPolicy {
    package static func shows(
        _ resolved: ResolvedConfiguration,
        cyclesGiven: Bool,
        answerWithDefaults: Bool,
        canAsk: Bool
    ) -> Bool {
        canAsk && !cyclesGiven && !answerWithDefaults && resolved.configuration.preCompletionOffer
            && !resolved.emergencyStop
    }
}
