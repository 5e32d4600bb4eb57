import ArgumentParser
import Completion
import Foundation
import JarvisScreen

struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List the colour themes and where each comes from; * marks the one the UI would use here."
    )

    @Option(name: .long, help: "The project whose configured theme counts as active.")
    var project: String?

    @Option(name: .long, help: "Show this theme as the active one.")
    var theme: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let catalog = ThemeCatalog.standard(environment: environment)
        var active = theme
        if active == nil, let start = project.map({ URL(fileURLWithPath: $0) }) ?? WorkingDirectory.current(),
            let found = Project.discover(from: start),
            let resolved = try? ConfigurationResolver.resolve(
                project: found,
                commandLine: CommandLineOverrides(),
                environment: environment
            )
        {
            active = resolved.configuration.theme
        }
        let (chosen, reason) = ThemeCatalog.choose(
            requested: active,
            environment: environment,
            colourCount: TerminalColours.declared(term: environment["TERM"])
        )
        let entries = catalog.entries()
        let nameWidth = entries.map(\.name.count).max() ?? 8
        var broken = false
        for entry in entries {
            let marker = entry.name == chosen ? "*" : " "
            let name = entry.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            do {
                let parsed = try ThemeParser.parse(entry.text, name: entry.name, source: entry.source)
                print(
                    "\(marker) \(name)  \(TerminalText.inert(parsed.description))  [\(TerminalText.inert(entry.source))]"
                )
            } catch {
                broken = true
                print("\(marker) \(name)  BROKEN: \(TerminalText.inert(error.description))")
            }
        }
        if !entries.contains(where: { $0.name == chosen }) {
            StandardOutput.error(
                "jarvis-tui themes: the configured theme '\(TerminalText.inert(chosen))' does not exist; the UI will refuse it"
            )
            throw ExitCode(2)
        }
        if let reason { print("The UI uses \(chosen): \(reason).") }
        print("Theme folders: " + catalog.folders.map(\.path).joined(separator: ", ") + " (then built-in)")
        if broken { throw ExitCode(2) }
    }
}
