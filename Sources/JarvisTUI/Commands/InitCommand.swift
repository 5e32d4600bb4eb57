import ArgumentParser
import Completion
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Set up .claude/ in a project (never overwrites what is there)."
    )

    @Option(name: .long, help: "The project folder (default: the working directory).")
    var project: String?

    func run() throws {
        let root = URL(fileURLWithPath: project ?? FileManager.default.currentDirectoryPath)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            StandardOutput.error("jarvis-tui init: \(root.path) is not a folder")
            throw ExitCode(2)
        }
        do {
            let report = try ProjectInitializer(project: Project(root: root)).run()
            for path in report.created { print("created  \(path)") }
            for path in report.updated { print("updated  \(path)") }
            for path in report.kept { print("kept     \(path) (exists)") }
            print("Ready: run `jarvis-tui end-session` at the end of a session (or /end-session in Claude Code).")
        } catch {
            StandardOutput.error("jarvis-tui init: \(ErrorSentence.describe(error))")
            throw ExitCode(2)
        }
    }
}
