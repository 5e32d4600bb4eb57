/// How a step or cycle ended. A step that could not do its work says why; it never claims `done`.
package enum Outcome: Sendable, Equatable, Codable {
    case done
    case skipped(String)
    case degraded(String)
    case failed(String)

    package var name: String {
        switch self {
        case .done: "done"
        case .skipped: "skipped"
        case .degraded: "degraded"
        case .failed: "failed"
        }
    }

    package var reason: String? {
        switch self {
        case .done: nil
        case .skipped(let r), .degraded(let r), .failed(let r): r
        }
    }

    package var isDone: Bool { self == .done }
}
