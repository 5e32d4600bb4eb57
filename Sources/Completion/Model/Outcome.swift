/// How a step or cycle ended. A step that could not do its work says why; it never claims `done`.
public enum Outcome: Sendable, Equatable, Codable {
    case done
    case skipped(String)
    case degraded(String)
    case failed(String)

    public var name: String {
        switch self {
        case .done: "done"
        case .skipped: "skipped"
        case .degraded: "degraded"
        case .failed: "failed"
        }
    }

    public var reason: String? {
        switch self {
        case .done: nil
        case .skipped(let r), .degraded(let r), .failed(let r): r
        }
    }

    public var isDone: Bool { self == .done }
}
