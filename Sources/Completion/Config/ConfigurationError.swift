/// A configuration file that cannot be used: the run stops with exit 2 before writing anything.
package struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    package let file: String
    package let line: Int
    package let column: Int
    package let message: String

    package init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    package var description: String {
        "\(file):\(line):\(column): \(message)"
    }
}

/// Something in the configuration that was ignored (an unknown key), with where it is.
package struct ConfigurationWarning: Sendable, Equatable, CustomStringConvertible {
    package let file: String
    package let line: Int
    package let message: String
    package var description: String { "\(file):\(line): \(message)" }
}
