import Foundation

/// One line of a run's log: when it happened (time since the run began), what kind of line it is, and its text.
/// The log file and the log pane of the full-screen UI are made of the same entries, so they read alike.
package struct RunLogEntry: Sendable, Equatable {
    package enum Kind: String, Sendable {
        /// The run, a cycle or a step starting or ending well.
        case milestone
        /// A line a cycle printed or a step reported while it worked.
        case output
        /// A warning, or a step or cycle that was degraded or failed.
        case problem
        /// A question to the user and its answer.
        case question
    }

    package let offset: Duration
    package let kind: Kind
    package let text: String

    package init(offset: Duration, kind: Kind, text: String) {
        self.offset = offset
        self.kind = kind
        self.text = TerminalText.inert(text)
    }

    /// `+1:02.345  step 5 │ pushed main to origin/main`: the entry as a line of the log file.
    package var line: String { Self.stamp(offset) + "  " + text }

    /// `+m:ss.mmm` since the start of the run.
    package static func stamp(_ offset: Duration) -> String {
        let millis = max(0, offset.milliseconds)
        let seconds = millis / 1000
        return String(format: "+%d:%02d.%03d", seconds / 60, seconds % 60, millis % 1000)
    }

    /// The entry an event adds to the log; nil for the summary's Markdown, which has a file of its own.
    package static func make(_ event: CompletionEvent, at offset: Duration) -> RunLogEntry? {
        func entry(_ kind: Kind, _ text: String) -> RunLogEntry { RunLogEntry(offset: offset, kind: kind, text: text) }
        switch event {
        case .runStarted(let info):
            let branch = info.branch.map { " on \($0)" } ?? ""
            let cycles =
                info.cycles.isEmpty ? "no Tier 2 cycles" : "cycles: " + info.cycles.map(\.title).joined(separator: ", ")
            return entry(
                .milestone,
                "run of \(info.sessionID) in \(info.projectPath)\(branch) (\(cycles))"
                    + (info.dryRun ? ", dry run" : "")
            )
        case .cycleStarted(let cycle):
            return entry(.milestone, "cycle \(cycle.title) started")
        case .cycleOutput(let cycle, let line):
            return entry(.output, "\(cycle.rawValue) │ \(line)")
        case .cycleFinished(let cycle, let outcome, let duration):
            return entry(kind(of: outcome), "cycle \(cycle.title): \(describe(outcome)) (\(duration.shortDescription))")
        case .stepStarted(let step):
            return entry(.milestone, "step \(step.number) \(step.title) started")
        case .stepProgress(let step, let line):
            return entry(.output, "step \(step.number) │ \(line)")
        case .stateArchived(let result):
            return entry(result.archived ? .milestone : .problem, result.sentence)
        case .warning(let step, let text):
            return entry(.problem, (step.map { "step \($0.number) " } ?? "") + "warning: \(text)")
        case .stepFinished(let step, let outcome, let duration):
            return entry(
                kind(of: outcome),
                "step \(step.number) \(step.title): \(describe(outcome)) (\(duration.shortDescription))"
            )
        case .questionAsked(let question):
            return entry(
                .question,
                "question: \(question.prompt)" + (question.detail.isEmpty ? "" : " (\(question.detail))")
            )
        case .questionAnswered(_, let answer):
            return entry(.question, "answer: \(answer ? "yes" : "no")")
        case .summaryReady(let document):
            return entry(.milestone, document.path.map { "summary: \($0)" } ?? "summary shown, not saved")
        case .finished(let result):
            return entry(result.exitStatus == .completed ? .milestone : .problem, finishedText(result))
        }
    }

    private static func kind(of outcome: Outcome) -> Kind {
        switch outcome {
        case .done, .skipped: .milestone
        case .degraded, .failed: .problem
        }
    }

    private static func describe(_ outcome: Outcome) -> String {
        outcome.reason.map { "\(outcome.name), \($0)" } ?? outcome.name
    }

    private static func finishedText(_ result: RunResult) -> String {
        var text = "finished: exit \(result.exitStatus.rawValue) after \(result.elapsed.shortDescription)"
        if !result.steps.isEmpty { text += ", handoff quality \(result.handoffQuality)/100" }
        text += ", \(result.warnings.count) warning\(result.warnings.count == 1 ? "" : "s")"
        return text + (result.message.map { ": \($0)" } ?? "")
    }
}
