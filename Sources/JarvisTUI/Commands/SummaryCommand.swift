import ArgumentParser
import Completion
import Foundation
import JarvisScreen

struct SummaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Open the latest (or the given) session summary in the Markdown viewer."
    )

    @Argument(help: "A Markdown file (default: the newest .claude/reports/sessions/session-*.md).")
    var file: String?

    @Option(name: .long, help: "The project (default: nearest folder with .claude/ at or above the working directory).")
    var project: String?

    @Option(name: .long, help: "Colour theme (see `jarvis-tui themes`).")
    var theme: String?

    @Flag(name: .long, help: "Print the file instead of opening the viewer (automatic without a terminal).")
    var plain = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        if let theme, let problem = ThemeCatalog.standard(environment: environment).problem(naming: theme) {
            StandardOutput.error("jarvis-tui summary: \(problem)")
            throw ExitCode(2)
        }
        let start = try StartFolder.resolve(project, command: "jarvis-tui summary")
        let found = Project.discover(from: start)
        let url: URL
        if let file {
            url = URL(fileURLWithPath: file)
        } else {
            guard let found else {
                StandardOutput.error("jarvis-tui summary: \(ProjectNotFound(start: start.path)); or give a FILE")
                throw ExitCode(2)
            }
            guard let latest = SummaryLocator(project: found).latest() else {
                let refused = RefusedPaths.drain(found).first.map { "; \($0)" } ?? ""
                StandardOutput.error(
                    "jarvis-tui summary: no session summary in \(found.summariesFolder.path) yet\(refused); run `jarvis-tui end-session` first"
                )
                throw ExitCode(2)
            }
            do { _ = try ProjectFiles(found).find(latest) } catch {
                StandardOutput.error("jarvis-tui summary: \(ErrorSentence.describe(error))")
                throw ExitCode(2)
            }
            url = latest
        }
        var markdown: String
        do {
            markdown = try SummaryFile.read(url)
        } catch {
            StandardOutput.error("jarvis-tui summary: \(ErrorSentence.describe(error))")
            throw ExitCode(2)
        }
        let appendix = FinalOutcome.read(summaryPath: url.path, project: found)
        if let appendix { markdown += (markdown.hasSuffix("\n") ? "\n" : "\n\n") + appendix }
        var themeName = theme
        if themeName == nil, let found,
            let resolved = try? ConfigurationResolver.resolve(
                project: found,
                commandLine: CommandLineOverrides(),
                environment: environment
            )
        {
            themeName = resolved.configuration.theme
        }
        if OutputMode.decide(plain: plain, json: false, environment: environment) == .screen {
            do {
                if try await SummaryScreen(
                    path: url.path,
                    markdown: markdown,
                    theme: themeName,
                    environment: environment,
                    appendix: appendix
                ).run() {
                    return
                }
            } catch {
                StandardOutput.error("jarvis-tui summary: \(ErrorSentence.describe(error))")
                throw ExitCode(2)
            }
        }
        StandardOutput.write(TerminalText.inertKeepingNewlines(markdown) + (markdown.hasSuffix("\n") ? "" : "\n"))
    }
}

/// Reads a summary for display, refusing what is not a readable text file of sane size.
enum SummaryFile {
    static let maximumBytes = 8 * 1024 * 1024

    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    static func read(_ url: URL) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw Problem(description: "\(url.path): no such file")
        }
        guard !isDirectory.boolValue else {
            throw Problem(description: "\(url.path) is a folder; give a Markdown file")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= maximumBytes else {
            throw Problem(
                description:
                    "\(url.path) is \(size / 1024 / 1024) MB; the viewer opens files up to \(maximumBytes / 1024 / 1024) MB"
            )
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Problem(description: "\(url.path) cannot be read (permissions?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Problem(description: "\(url.path) is not UTF-8 text")
        }
        return text
    }
}
