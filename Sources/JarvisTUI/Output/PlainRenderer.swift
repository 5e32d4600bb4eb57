import Completion
import Foundation

/// `--plain`: one readable line per event, the summary at the end. Outside text is made inert first.
struct PlainRenderer: EventRenderer {
    var printSummary = true
    private var finalSummary: String?

    init(printSummary: Bool = true) {
        self.printSummary = printSummary
    }

    mutating func render(_ event: CompletionEvent) {
        if let line = Self.line(for: event) { StandardOutput.write(line + "\n") }
        switch event {
        case .summaryReady(let document):
            finalSummary = document.markdown
        case .finished(let result):
            if printSummary, let finalSummary, !result.steps.isEmpty {
                StandardOutput.write("\n" + TerminalText.inertKeepingNewlines(finalSummary))
            }
            StandardOutput.write(Self.closing(result) + "\n")
        default:
            break
        }
    }

    static func line(for event: CompletionEvent) -> String? {
        func safe(_ s: String) -> String { TerminalText.inert(s) }
        switch event {
        case .runStarted(let info):
            let branch = info.branch.map { " on \(safe($0))" } ?? ""
            let cycles =
                info.cycles.isEmpty ? "no Tier 2 cycles" : "cycles: " + info.cycles.map(\.title).joined(separator: ", ")
            return
                "jarvis-tui: ending session \(safe(info.sessionID)) in \(safe(info.projectPath))\(branch) (\(cycles))\(info.dryRun ? " — DRY RUN, nothing is written" : "")"
        case .cycleStarted(let cycle):
            return "[cycle] \(cycle.title) (\(cycle.component)) started"
        case .cycleOutput(let cycle, let line):
            return "[cycle] \(cycle.rawValue) │ \(safe(line))"
        case .cycleFinished(let cycle, let outcome, let duration):
            return "[cycle] \(cycle.title): \(describe(outcome)) (\(duration.shortDescription))"
        case .stepStarted(let step):
            return "[\(step.number)/7] \(step.title) …"
        case .stepProgress(let step, let text):
            return "[\(step.number)/7]   \(safe(text))"
        case .stateArchived(let result):
            return "[1/7]   \(safe(result.sentence))"
        case .warning(let step, let text):
            return "\(step.map { "[\($0.number)/7] " } ?? "")warning: \(safe(text))"
        case .stepFinished(let step, let outcome, let duration):
            return "[\(step.number)/7] \(step.title): \(describe(outcome)) (\(duration.shortDescription))"
        case .questionAsked(let question):
            return "question: \(safe(question.prompt)) (\(safe(question.detail)))"
        case .questionAnswered(_, let answer):
            return "answer: \(answer ? "yes" : "no")"
        case .summaryReady(let document):
            return document.path.map { "summary: \(safe($0))" }
        case .finished:
            return nil
        }
    }

    static func describe(_ outcome: Outcome) -> String {
        outcome.reason.map { "\(outcome.name) — \(TerminalText.inert($0))" } ?? outcome.name
    }

    static func closing(_ result: RunResult) -> String {
        var parts: [String] = []
        switch result.exitStatus {
        case .completed: parts.append("Session completed in \(result.elapsed.shortDescription)")
        case .cancelled: parts.append("Nothing was done")
        case .usage: parts.append("Usage error")
        case .minimal: parts.append("Session completed with minimal degradation")
        case .interrupted: parts.append("Stopped")
        }
        if !result.steps.isEmpty {
            parts.append("handoff quality \(result.handoffQuality)/100")
            parts.append("\(result.warnings.count) warning\(result.warnings.count == 1 ? "" : "s")")
            // A step that failed is not one of the warnings: without this the line reads as a clean run.
            let failed = result.steps.filter { if case .failed = $0.outcome { true } else { false } }
            if !failed.isEmpty {
                parts.append("failed: " + failed.map { "\($0.step.number). \($0.step.title)" }.joined(separator: ", "))
            }
        }
        var line = parts.joined(separator: ", ") + "."
        if let message = result.message { line += " " + TerminalText.inert(message) }
        return line
    }
}
