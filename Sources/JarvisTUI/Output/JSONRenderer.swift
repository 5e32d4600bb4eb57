import Completion
import Foundation

/// `--json`: one JSON object per event (NDJSON). The schema is documented in docs/json-events.md; every object has
/// `event` and `time`, and strings are JSON-escaped so control characters arrive inert.
struct JSONRenderer: EventRenderer {
    mutating func render(_ event: CompletionEvent) {
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: Self.object(for: event),
                options: [.sortedKeys, .withoutEscapingSlashes]
            )
        else { return }
        StandardOutput.write(String(decoding: data, as: UTF8.self) + "\n")
    }

    /// The outcome's cause for programs to decide on (the reason is worded for people); null when unspecified.
    static func causeName(_ outcome: Outcome) -> Any {
        outcome.cause == .unspecified ? NSNull() : outcome.cause.rawValue
    }

    static func object(for event: CompletionEvent) -> [String: Any] {
        var o: [String: Any] = ["time": Timestamp.iso(Date())]
        func outcome(_ value: Outcome, _ duration: Duration) {
            o["outcome"] = value.name
            o["reason"] = value.reason ?? NSNull()
            o["cause"] = causeName(value)
            o["duration_ms"] = duration.milliseconds
        }
        switch event {
        case .runStarted(let info):
            o["event"] = "run_started"
            o["project"] = info.projectPath
            o["branch"] = info.branch ?? NSNull()
            o["session_id"] = info.sessionID
            o["cycles"] = info.cycles.map(\.rawValue)
            o["dry_run"] = info.dryRun
        case .cycleStarted(let cycle):
            o["event"] = "cycle_started"; o["cycle"] = cycle.rawValue
        case .cycleOutput(let cycle, let line):
            o["event"] = "cycle_output"; o["cycle"] = cycle.rawValue; o["line"] = line
        case .cycleFinished(let cycle, let value, let duration):
            o["event"] = "cycle_finished"; o["cycle"] = cycle.rawValue; outcome(value, duration)
        case .stepStarted(let step):
            o["event"] = "step_started"; o["step"] = step.rawValue; o["number"] = step.number; o["title"] = step.title
        case .stepProgress(let step, let text):
            o["event"] = "step_progress"; o["step"] = step.rawValue; o["message"] = text
        case .stateArchived(let result):
            o["event"] = "state_archived"; o["path"] = result.path; o["archive"] = result.archivePath ?? NSNull()
            o["archived"] = result.archived; o["sections"] = result.sections; o["lines_before"] = result.linesBefore
            o["lines_after"] = result.linesAfter; o["lines_moved"] = result.linesMoved
            o["reason"] = result.reason ?? NSNull()
        case .warning(let step, let text):
            o["event"] = "warning"; o["step"] = step?.rawValue ?? NSNull(); o["message"] = text
        case .stepFinished(let step, let value, let duration):
            o["event"] = "step_finished"; o["step"] = step.rawValue; o["number"] = step.number; outcome(value, duration)
        case .questionAsked(let question):
            o["event"] = "question"; o["gate"] = question.kind.rawValue; o["prompt"] = question.prompt;
            o["default"] = question.safeDefault
        case .questionAnswered(let question, let answer):
            o["event"] = "answer"; o["gate"] = question.kind.rawValue; o["answer"] = answer
        case .summaryReady(let document):
            o["event"] = "summary_ready"; o["path"] = document.path ?? NSNull(); o["markdown"] = document.markdown
        case .finished(let result):
            o["event"] = "finished"
            o["exit_status"] = Int(result.exitStatus.rawValue)
            o["summary_path"] = result.summaryPath ?? NSNull()
            o["handoff_quality"] = result.handoffQuality
            o["elapsed_ms"] = result.elapsed.milliseconds
            o["warnings"] = result.warnings
            o["message"] = result.message ?? NSNull()
            o["steps"] = result.steps.map {
                [
                    "step": $0.step.rawValue, "outcome": $0.outcome.name, "reason": $0.outcome.reason ?? NSNull(),
                    "cause": causeName($0.outcome), "duration_ms": $0.duration.milliseconds,
                ] as [String: Any]
            }
            o["cycles"] = result.cycles.map {
                [
                    "cycle": $0.cycle.rawValue, "outcome": $0.outcome.name, "reason": $0.outcome.reason ?? NSNull(),
                    "cause": causeName($0.outcome), "duration_ms": $0.duration.milliseconds,
                ] as [String: Any]
            }
        }
        return o
    }
}
