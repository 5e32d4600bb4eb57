import Foundation

/// Maintenance's check of the MCP servers `.mcp.json` declares: each stdio server Claude Code would start
/// (approved, or the user's own of that name) is started, initialised, its tools listed and timed, then stopped:
/// `✓` with the count and time, `✗` with the reason. A server that is not approved is reported as such and never
/// started; one of another transport is named and not checked.
struct MCPServerCheck: Sendable {
    let project: Project
    let environment: [String: String]
    var limit: Duration = .seconds(10)

    func run(output: @Sendable (String) -> Void, interruption: @Sendable () -> String?) async -> [String] {
        var lines: [String] = []
        for name in serverNames(&lines) {
            if interruption() != nil { break }
            let line = await check(name)
            output(line)
            lines.append(line)
        }
        return lines
    }

    /// The names of `.mcp.json`'s servers in order; a file that cannot be read adds a line saying why.
    func serverNames(_ lines: inout [String]) -> [String] {
        let file = project.relativePath(of: project.mcpConfigFile)
        guard let data = ProjectFiles(project).readIfSafe(project.mcpConfigFile) else {
            return []
        }
        guard data.count <= MemoryServerConfiguration.maximumFileSize,
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let servers = object["mcpServers"] as? [String: Any]
        else {
            let line = "✗ \(file): not a JSON object with an `mcpServers` object; no server checked"
            lines.append(line)
            return []
        }
        return servers.keys.sorted()
    }

    func check(_ name: String) async -> String {
        let label = "MCP server `\(TerminalText.inert(name))`"
        switch MemoryServerConfiguration.lookup(project: project, serverName: name, environment: environment) {
        case .stdio(let launch, _):
            let started = ContinuousClock.now
            do {
                let client = try await MemoryClient.connect(
                    launch,
                    environment: environment,
                    limits: MemoryTimeLimits(connect: limit, call: limit)
                )
                let tools = await client.tools.count
                await client.close()
                let elapsed = ContinuousClock.now - started
                return "✓ \(label): \(tools) tool(s) listed in \(elapsed.shortDescription)"
            } catch {
                let elapsed = ContinuousClock.now - started
                return "✗ \(label): \(reason(error)) (after \(elapsed.shortDescription))"
            }
        case .notApproved(_, let reason, _):
            return "✗ \(label): \(reason)"
        case .unsupported(let reason):
            return "– \(label): not checked: \(reason)"
        case .invalid(let reason), .notConfigured(let reason):
            return "✗ \(label): \(reason)"
        }
    }

    /// The client's sentence, about this server rather than "the memory server".
    func reason(_ error: Error) -> String {
        let text = (error as? MemoryClientError)?.description ?? ErrorSentence.describe(error)
        return text.replacingOccurrences(of: "the memory server", with: "the server")
    }
}
