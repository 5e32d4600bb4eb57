import ArgumentParser
import Completion
import Foundation

/// `jarvis-tui approve-mcp NAME`: approves a server of the project's `.mcp.json`, as answering yes to Claude Code's
/// own prompt does (the name goes into `enabledMcpjsonServers` of `.claude/settings.local.json`).
struct ApproveMcpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve-mcp",
        abstract: "Approve an MCP server of the project's .mcp.json, so that step 2 may start it.",
        discussion: """
            Records the approval the way Claude Code does: the name is added to enabledMcpjsonServers in \
            .claude/settings.local.json, every other setting kept. Read the server's command in .mcp.json first: \
            it runs on this machine.
            """
    )

    @Argument(help: "The server's name in .mcp.json (`mcpServers.NAME`).")
    var name: String

    @Option(name: .long, help: "The project (default: nearest folder with .claude/ at or above the working directory).")
    var project: String?

    func run() throws {
        let start = URL(fileURLWithPath: project ?? FileManager.default.currentDirectoryPath)
        guard let found = Project.discover(from: start) else {
            StandardOutput.error("jarvis-tui approve-mcp: \(ProjectNotFound(start: start.path))")
            throw ExitCode(2)
        }
        let environment = ProcessInfo.processInfo.environment
        let declared = MemoryServerConfiguration.projectFileLookup(
            project: found,
            serverName: name,
            environment: environment
        )
        let launch: MemoryServerLaunch
        switch declared {
        case .stdio(let server, _), .notApproved(let server, _, _): launch = server
        case .notConfigured(let reason), .unsupported(let reason), .invalid(let reason):
            StandardOutput.error("jarvis-tui approve-mcp: \(TerminalText.inert(reason))")
            throw ExitCode(2)
        }
        let settings = found.relativePath(of: found.localSettingsFile)
        do {
            let added = try ProjectServerApprovalRecord.record(name, project: found)
            let command = TerminalText.inert(([launch.command] + launch.arguments).joined(separator: " "))
            StandardOutput.write(
                added
                    ? "Approved `\(TerminalText.inert(name))` (\(command)) in \(settings)\n"
                    : "`\(TerminalText.inert(name))` was already approved in \(settings)\n"
            )
        } catch {
            StandardOutput.error("jarvis-tui approve-mcp: \(error)")
            throw ExitCode(1)
        }
    }
}
