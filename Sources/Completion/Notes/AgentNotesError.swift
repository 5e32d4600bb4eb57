/// Notes that cannot be read: the run stops with exit 2 before anything is written, naming the line.
package struct AgentNotesError: Error, CustomStringConvertible, Equatable {
    package let source: String
    package let line: Int
    package let message: String

    package init(source: String, line: Int, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    package var description: String { "\(source):\(line): \(message)" }
}
