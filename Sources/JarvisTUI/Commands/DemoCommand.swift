import ArgumentParser
import Completion
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a throw-away sample project in a temp folder and run the main job on it."
    )

    @OptionGroup var options: EndSessionOptions

    func run() async throws {
        let demo: DemoProject
        do {
            demo = try DemoProject.create()
        } catch {
            StandardOutput.error(
                "jarvis-tui demo: could not build the sample project: \(ErrorSentence.describe(error))"
            )
            throw ExitCode(2)
        }
        if !options.json { StandardOutput.write("Sample project: \(demo.project.root.path)\n\n") }
        var options = self.options
        if options.transcript == nil { options.transcript = demo.transcriptPath.path }
        var runner = SessionRunner(options: options)
        // Evolution and R&D run `claude -p`: in the demo, a stand-in that calls no model (and shadows a real one).
        runner.environment["PATH"] =
            demo.standInClaudeFolder.path + ":" + (runner.environment["PATH"] ?? "/usr/bin:/bin")
        let status = await runner.run(projectPath: demo.project.root.path)
        if !options.json {
            StandardOutput.write(
                "\nThe sample project is in \(demo.project.root.path) (its remote: \(demo.remote.path)).\n"
            )
            StandardOutput.write("Look around: cd \(demo.project.root.path) && git log --stat -1\n")
        }
        throw ExitCode(status.rawValue)
    }
}
