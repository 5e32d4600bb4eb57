/// A configuration file that cannot be used: the run stops with exit 2 before writing anything.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        "\(file):\(line):\(column): \(message)"
    }
}

/// Something in the configuration that was ignored (an unknown key), with where it is.
public struct ConfigurationWarning: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String
    public var description: String { "\(file):\(line): \(message)" }
}
