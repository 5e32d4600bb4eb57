/// What one Tier 2 cycle left behind: its outcome, and lines for the session summary (the built-in maintenance
/// reports its findings this way; the engine puts them into `SessionRecord.findings`).
public struct CycleRun: Sendable, Equatable {
    public var outcome: Outcome
    public var findings: [String]

    public init(outcome: Outcome, findings: [String] = []) {
        self.outcome = outcome
        self.findings = findings
    }
}
