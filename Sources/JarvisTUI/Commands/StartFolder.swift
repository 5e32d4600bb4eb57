import ArgumentParser
import Completion
import Foundation

/// Where a command looks for the project: `--project` when given, else the working directory. A working
/// directory that was deleted ends the command with one sentence and exit status 2.
enum StartFolder {
    static func resolve(_ project: String?, command: String) throws -> URL {
        if let project { return URL(fileURLWithPath: project) }
        guard let current = WorkingDirectory.current() else {
            StandardOutput.error("\(command): \(WorkingDirectory.goneSentence)")
            throw ExitCode(2)
        }
        return current
    }
}
