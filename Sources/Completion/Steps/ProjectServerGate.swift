import Foundation

/// The y/n gate before step 2 starts a server the project's `.mcp.json` declares and no setting approves: the
/// command is shown as it would run. The safe answer is no (`--yes`, plain and JSON output, no terminal). A yes is
/// remembered the way Claude Code remembers it, so the next run (and Claude Code) does not ask again.
enum ProjectServerGate {
    static func approve(_ launch: MemoryServerLaunch, context: StepContext) async -> Bool {
        let file = context.relative(context.project.mcpConfigFile)
        let command = ([launch.command] + launch.arguments).joined(separator: " ")
        let question = Question(
            kind: .projectServer,
            prompt: "Start the MCP server `\(launch.name)` declared in \(file)?",
            detail: "It runs `\(command)` on this machine. Yes also approves it in "
                + "\(context.relative(context.project.localSettingsFile)), as Claude Code does.",
            safeDefault: false
        )
        guard await context.ask(question) else { return false }
        do {
            if try ProjectServerApprovalRecord.record(launch.name, project: context.project) {
                context.progress("approved `\(launch.name)` in \(context.relative(context.project.localSettingsFile))")
            }
        } catch {
            context.warn("`\(launch.name)` starts this time, but the approval could not be remembered: \(error)")
        }
        return true
    }
}
