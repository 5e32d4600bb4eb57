/// The words the tool writes into a state field when it has nothing to put there. Read back next time they are
/// recognised and dropped, so the tool never takes its own words for the user's: a session without a next step
/// keeps saying so, and its commit is not named after a placeholder.
package enum StatePlaceholder {
    package static let noCurrentWork = "None: session ended"
    package static let noNextStep = "Not recorded: decide at the start of the next session"
    package static let notRecorded = "Not recorded"

    /// True for a value the tool wrote as a placeholder (any `Not recorded: …` reason included).
    package static func matches(_ value: String) -> Bool {
        let text = value.trimmingCharacters(in: .whitespaces)
        return text == noCurrentWork || text == notRecorded || text.hasPrefix(notRecorded + ": ")
    }
}
