/// What one Tier 2 cycle left behind: its outcome, and lines for the session summary (the built-in maintenance
/// reports its findings this way; the engine puts them into `SessionRecord.findings`).
package struct CycleRun: Sendable, Equatable {
    package var outcome: Outcome
    package var findings: [String]

    package init(outcome: Outcome, findings: [String] = []) {
        self.outcome = outcome
        self.findings = findings
    }
}
