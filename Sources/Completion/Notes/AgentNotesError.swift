/// Notes that cannot be read: the run stops with exit 2 before anything is written, naming the line.
public struct AgentNotesError: Error, CustomStringConvertible, Equatable {
    public let source: String
    public let line: Int
    public let message: String

    public init(source: String, line: Int, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    public var description: String { "\(source):\(line): \(message)" }
}
