/// The engine's events pass through here on their way to every front end (full screen, plain, JSON): whatever
/// text they carry — a cycle's output, a warning naming a file, a question, the summary — leaves without secrets.
/// Paths the front ends act on (the project, the summary file) stay as they are.
extension CompletionEvent {
    package func redactingSecrets() -> CompletionEvent {
        let redact = SecretRedaction.redact as (String) -> String
        switch self {
        case .runStarted(let info):
            return .runStarted(
                RunInfo(
                    projectPath: info.projectPath,
                    projectName: info.projectName,
                    branch: SecretRedaction.redact(info.branch),
                    sessionID: info.sessionID,
                    cycles: info.cycles,
                    dryRun: info.dryRun,
                    startedAt: info.startedAt
                )
            )
        case .cycleStarted, .stepStarted:
            return self
        case .cycleOutput(let cycle, let text):
            return .cycleOutput(cycle, redact(text))
        case .cycleFinished(let cycle, let outcome, let duration):
            return .cycleFinished(cycle, outcome.redactingSecrets(), duration)
        case .stepProgress(let step, let text):
            return .stepProgress(step, redact(text))
        case .stateArchived(let result):
            return .stateArchived(result.redactingSecrets())
        case .warning(let step, let text):
            return .warning(step, redact(text))
        case .stepFinished(let step, let outcome, let duration):
            return .stepFinished(step, outcome.redactingSecrets(), duration)
        case .questionAsked(let question):
            return .questionAsked(question.redactingSecrets())
        case .questionAnswered(let question, let answer):
            return .questionAnswered(question.redactingSecrets(), answer)
        case .summaryReady(let document):
            return .summaryReady(SummaryDocument(path: document.path, markdown: redact(document.markdown)))
        case .finished(let result):
            return .finished(result.redactingSecrets())
        }
    }
}

extension Outcome {
    package func redactingSecrets() -> Outcome {
        mapReason { SecretRedaction.redact($0) }
    }
}

extension Question {
    package func redactingSecrets() -> Question {
        Question(
            kind: kind,
            prompt: SecretRedaction.redact(prompt),
            detail: SecretRedaction.redact(detail),
            safeDefault: safeDefault
        )
    }
}

extension RunResult {
    package func redactingSecrets() -> RunResult {
        RunResult(
            exitStatus: exitStatus,
            steps: steps.map {
                StepReport(step: $0.step, outcome: $0.outcome.redactingSecrets(), duration: $0.duration)
            },
            cycles: cycles.map {
                CycleReport(cycle: $0.cycle, outcome: $0.outcome.redactingSecrets(), duration: $0.duration)
            },
            warnings: SecretRedaction.redact(warnings),
            summaryPath: summaryPath,
            handoffQuality: handoffQuality,
            elapsed: elapsed,
            message: SecretRedaction.redact(message)
        )
    }
}

/// Hands the user (or the safe default) questions with their secrets redacted, as the events show them.
struct RedactingResponder: Responder {
    let wrapped: Responder

    func answer(_ question: Question) async -> Bool {
        await wrapped.answer(question.redactingSecrets())
    }
}
