import ArgumentParser
import Completion
import Foundation

struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Undo the last completion as far as is safe: reset an unpushed session commit, restore the files the run rewrote.",
        discussion: "A pushed session commit is never reset: the command prints the `git revert` that undoes it instead. Files changed since the run are left alone. Exit status: 0 everything undone, 1 something was refused (see the lines marked `refused`), 2 no project or no manifest."
    )

    @Option(name: .long, help: "The project (default: nearest folder with .claude/ at or above the working directory).")
    var project: String?

    func run() throws {
        let start = try StartFolder.resolve(project, command: "jarvis-tui rollback")
        guard let found = Project.discover(from: start) else {
            StandardOutput.error("jarvis-tui rollback: \(ProjectNotFound(start: start.path))")
            throw ExitCode(2)
        }
        let report: Rollback.Report
        do {
            report = try Rollback(project: found).run()
        } catch {
            StandardOutput.error("jarvis-tui rollback: \(error)")
            throw ExitCode(2)
        }
        StandardOutput.write("Rolling back the last completion in \(found.root.path)\n")
        for line in report.lines { StandardOutput.write(TerminalText.inert(line) + "\n") }
        if !report.refused.isEmpty { throw ExitCode(1) }
    }
}
