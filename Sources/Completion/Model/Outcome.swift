/// How a step or cycle ended. A step that could not do its work says why; it never claims `done`.
///
/// The text is for people and may be reworded freely. Whatever the code decides from an outcome (the handoff
/// score, how the git step combines repositories, what the log and the metrics count) reads `kind` and `cause`,
/// never the text.
package enum Outcome: Sendable, Equatable {
    case done
    case skipped(String, because: Cause = .unspecified)
    case degraded(String, because: Cause = .unspecified)
    case failed(String)

    /// The four ways an outcome can end, without the text.
    package enum Kind: String, Sendable, CaseIterable {
        case done, skipped, degraded, failed
    }

    /// Why a step ended as it did, where something downstream decides on it.
    package enum Cause: String, Sendable, CaseIterable {
        /// Nothing decides on the reason: only the text tells it.
        case unspecified
        /// The repository had nothing of the session to commit: the work is delivered, not missing.
        case nothingToCommit = "nothing_to_commit"
    }

    package var kind: Kind {
        switch self {
        case .done: .done
        case .skipped: .skipped
        case .degraded: .degraded
        case .failed: .failed
        }
    }

    package var name: String { kind.rawValue }

    package var reason: String? {
        switch self {
        case .done: nil
        case .skipped(let text, _), .degraded(let text, _), .failed(let text): text
        }
    }

    package var cause: Cause {
        switch self {
        case .done, .failed: .unspecified
        case .skipped(_, let cause), .degraded(_, let cause): cause
        }
    }

    package var isDone: Bool { self == .done }

    /// The same outcome with its text passed through `transform` (redaction); kind and cause are kept.
    package func mapReason(_ transform: (String) -> String) -> Outcome {
        switch self {
        case .done: .done
        case .skipped(let text, let cause): .skipped(transform(text), because: cause)
        case .degraded(let text, let cause): .degraded(transform(text), because: cause)
        case .failed(let text): .failed(transform(text))
        }
    }

    /// Rebuilds an outcome from its parts, as the run journal stores them.
    package init(kind: Kind, reason: String?, cause: Cause) {
        switch kind {
        case .done: self = .done
        case .skipped: self = .skipped(reason ?? "", because: cause)
        case .degraded: self = .degraded(reason ?? "", because: cause)
        case .failed: self = .failed(reason ?? "")
        }
    }
}
