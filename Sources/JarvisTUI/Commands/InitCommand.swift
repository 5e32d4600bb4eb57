import ArgumentParser
import Completion
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Set up .claude/ in a project (never overwrites what is there).",
        discussion: """
            Writes the documented config, state templates, the /end-session command, ignore rules, and the three Claude
            Code hooks: into .claude/settings.local.json (personal, ignored by git), or with --shared into
            .claude/settings.json (committed; the hooks stay silent on machines without jarvis-tui). When jarvis-tui is
            not on PATH, the personal hooks and the slash command call this binary by its absolute path.
            """
    )

    @Option(name: .long, help: "The project folder (default: the working directory).")
    var project: String?

    @Flag(name: .long, help: "Write the hooks to .claude/settings.json for the whole team.")
    var shared = false

    func run() throws {
        let root = try StartFolder.resolve(project, command: "jarvis-tui init")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            StandardOutput.error("jarvis-tui init: \(root.path) is not a folder")
            throw ExitCode(2)
        }
        let invocation = ToolInvocation.resolve(
            executable: ToolInvocation.runningExecutable,
            path: ProcessInfo.processInfo.environment["PATH"],
            shared: shared
        )
        do {
            let report = try ProjectInitializer(project: Project(root: root), invocation: invocation).run()
            for path in report.created { print("created  \(path)") }
            for path in report.updated { print("updated  \(path)") }
            for path in report.kept { print("kept     \(path) (exists)") }
            printNotes(invocation, settings: report.settingsFile, root: root)
        } catch {
            StandardOutput.error("jarvis-tui init: \(ErrorSentence.describe(error))")
            throw ExitCode(2)
        }
    }

    func printNotes(_ invocation: ToolInvocation, settings: String, root: URL) {
        if invocation.usesAbsolutePath {
            print("note     jarvis-tui is not on PATH: the hooks and /end-session call \(invocation.program)")
            print(
                "         (install it with scripts/install to use the bare name; then run init again in a new project)"
            )
        }
        if invocation.shared {
            print(
                "note     the hooks in \(settings) do nothing on machines without jarvis-tui (on PATH or in ~/.local/bin)"
            )
        }
        let flag = project.map { " --project \(ToolInvocation.shellQuoted($0))" } ?? ""
        print("Check the setup: \(invocation.shared ? ToolInvocation.name : invocation.shellProgram) doctor\(flag)")
        print("Then end a session with /end-session in Claude Code, or `jarvis-tui end-session` in a terminal.")
    }
}
