import Foundation

/// How to start the memory server: a program, its arguments and the variables added to its environment, after
/// `${VAR}` expansion.
package struct MemoryServerLaunch: Sendable, Equatable {
    package var name: String
    package var command: String
    package var arguments: [String]
    /// The `env` of `.mcp.json`, added on top of the inherited environment.
    package var environment: [String: String]
    package var directory: URL?

    package init(
        name: String,
        command: String,
        arguments: [String] = [],
        environment: [String: String] = [:],
        directory: URL? = nil
    ) {
        self.name = name
        self.command = command
        self.arguments = arguments
        self.environment = environment
        self.directory = directory
    }
}

/// What `.mcp.json` says about the memory server.
package enum MemoryServerLookup: Sendable, Equatable {
    case stdio(MemoryServerLaunch, warnings: [String])
    /// Configured, but not something this build can talk to (`http`, `sse`): the reason names the type.
    case unsupported(String)
    /// No `.mcp.json`, or no server of that name: nothing to do.
    case notConfigured(String)
    /// The file or the entry is broken: the message names the file and what to fix.
    case invalid(String)
    /// Declared in the project's `.mcp.json`, which a cloned repository controls, and not approved: the reason
    /// says so and names the command that approves it. Never started without the user's yes, and never at all
    /// when the user's settings refuse it (`askable` false).
    case notApproved(MemoryServerLaunch, reason: String, askable: Bool)
}

/// Finds the memory server the way Claude Code finds an MCP server, in its order of precedence: the user's own
/// server for this project (`projects[<path>].mcpServers` in `~/.claude.json`), the project's `.mcp.json` (only
/// when approved, see `ProjectServerApproval`), the user's server for every project (`mcpServers` in
/// `~/.claude.json`). Servers from the user's own file need no approval.
package enum MemoryServerConfiguration {
    /// Larger files are refused: a project's `.mcp.json` is a few hundred bytes.
    package static let maximumFileSize = 1 << 20

    package static func lookup(
        project: Project,
        serverName: String,
        environment: [String: String]
    ) -> MemoryServerLookup {
        let user = ClaudeUserConfiguration.load(environment: environment)
        let userWarnings = user.problem.map { [$0] } ?? []
        let projectKey = OrderedJSON.quote(project.root.path)
        if let local = user.localServer(serverName, project: project) {
            return withWarnings(
                entry(
                    local,
                    where: "\(user.shownPath) `projects[\(projectKey)].mcpServers.\(serverName)`",
                    serverName: serverName,
                    environment: environment,
                    directory: project.root
                ),
                userWarnings
            )
        }
        let userServer = user.userServer(serverName).map {
            entry(
                $0,
                where: "\(user.shownPath) `mcpServers.\(serverName)`",
                serverName: serverName,
                environment: environment,
                directory: project.root
            )
        }
        let declared = projectFileLookup(project: project, serverName: serverName, environment: environment)
        guard case .stdio(let launch, let warnings) = declared else {
            if case .notConfigured = declared, let userServer { return withWarnings(userServer, userWarnings) }
            return withWarnings(declared, userWarnings)
        }
        let approval = ProjectServerApproval.decide(
            serverName: serverName,
            project: project,
            environment: environment,
            user: user
        )
        let allWarnings = userWarnings + approval.warnings + warnings
        if case .approved = approval.decision { return .stdio(launch, warnings: allWarnings) }
        if let userServer { return withWarnings(userServer, allWarnings) }
        var askable = true
        if case .rejected = approval.decision { askable = false }
        return .notApproved(
            launch,
            reason: notApprovedReason(serverName, approval.decision, project: project),
            askable: askable
        )
    }

    /// "not approved: …" with what Claude Code's settings say and the one command that approves the server.
    static func notApprovedReason(
        _ name: String,
        _ decision: ProjectServerApproval.Decision,
        project: Project
    ) -> String {
        let file = project.relativePath(of: project.mcpConfigFile)
        switch decision {
        case .rejected(let by):
            return "not approved: \(by) lists `\(name)` in disabledMcpjsonServers, so the \(file) server is never "
                + "started; remove it there to allow it"
        case .pending(let ignored):
            let why = ignored.isEmpty ? "" : " (\(ignored.joined(separator: "; ")))"
            return "not approved: the `\(name)` server of \(file) was not started, since a project's MCP servers run "
                + "only once you approve them\(why); approve it with `\(ProjectServerApproval.approvalCommand(name))`"
        case .approved:
            return "approved"
        }
    }

    private static func withWarnings(_ lookup: MemoryServerLookup, _ extra: [String]) -> MemoryServerLookup {
        guard !extra.isEmpty, case .stdio(let launch, let warnings) = lookup else { return lookup }
        return .stdio(launch, warnings: extra + warnings)
    }

    /// What the project's `.mcp.json` declares, approved or not.
    package static func projectFileLookup(
        project: Project,
        serverName: String,
        environment: [String: String]
    ) -> MemoryServerLookup {
        let url = project.mcpConfigFile
        let shown = project.relativePath(of: url)
        let found: Data?
        do { found = try ProjectFiles(project).read(url) } catch let refusal as RefusedPath {
            return .invalid(refusal.description)
        } catch {
            return .invalid("cannot read \(shown): check its permissions")
        }
        guard let data = found else {
            return .notConfigured(
                "no \(shown) in the project: add a `\(serverName)` server there to keep sessions in Memory MCP"
            )
        }
        return parse(data, file: shown, serverName: serverName, environment: environment, directory: project.root)
    }

    package static func parse(
        _ data: Data,
        file: String,
        serverName: String,
        environment: [String: String],
        directory: URL?
    ) -> MemoryServerLookup {
        guard data.count <= maximumFileSize else {
            return .invalid(
                "\(file) is \(data.count) bytes, larger than the \(maximumFileSize)-byte limit: it cannot be an MCP configuration"
            )
        }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            return .invalid(
                "\(file) is not valid JSON (\(JSONErrorLocation.describe(error, in: data))): fix the file or remove it"
            )
        }
        guard let object = root as? [String: Any] else {
            return .invalid("\(file): the top level must be a JSON object with an `mcpServers` object")
        }
        guard let servers = object["mcpServers"] else {
            return .notConfigured(
                "\(file) has no `mcpServers`: add a `\(serverName)` server to keep sessions in Memory MCP"
            )
        }
        guard let serverTable = servers as? [String: Any] else {
            return .invalid("\(file): `mcpServers` must be an object of named servers")
        }
        guard let entry = serverTable[serverName] else {
            let known = serverTable.keys.sorted()
            return .notConfigured(
                "\(file) declares no `\(serverName)` server\(known.isEmpty ? "" : " (it has: \(known.joined(separator: ", ")))"); set memory_server in the config to use another"
            )
        }
        return self.entry(
            entry,
            where: "\(file) `mcpServers.\(serverName)`",
            serverName: serverName,
            environment: environment,
            directory: directory
        )
    }

    /// One server entry (`{"command": …, "args": […], "env": {…}}`); `where_` names it in messages.
    static func entry(
        _ entry: Any,
        where where_: String,
        serverName: String,
        environment: [String: String],
        directory: URL?
    ) -> MemoryServerLookup {
        guard let server = entry as? [String: Any] else {
            return .invalid("\(where_) must be an object")
        }
        let type = server["type"] ?? (server["url"] != nil ? "http" : "stdio")
        guard let typeName = type as? String else { return .invalid("\(where_): `type` must be a string") }
        switch typeName {
        case "stdio": break
        case "http", "sse", "streamable-http", "ws":
            return .unsupported("\(where_) is a `\(typeName)` server; this build speaks to stdio servers only")
        default:
            return .invalid("\(where_): unknown `type` \"\(typeName)\" (expected stdio, http or sse)")
        }
        guard let command = server["command"] as? String, !command.trimmingCharacters(in: .whitespaces).isEmpty else {
            return .invalid("\(where_) has no `command`: give the program that starts the server")
        }
        var arguments: [String] = []
        if let raw = server["args"] {
            guard let list = raw as? [Any], list.allSatisfy({ $0 is String }) else {
                return .invalid("\(where_): `args` must be a list of strings")
            }
            arguments = list.map { $0 as! String }
        }
        var extra: [String: String] = [:]
        if let raw = server["env"] {
            guard let table = raw as? [String: Any], table.values.allSatisfy({ $0 is String }) else {
                return .invalid("\(where_): `env` must be an object of string values")
            }
            extra = table.mapValues { $0 as! String }
        }
        var expansion = EnvironmentExpansion(environment: environment)
        let launch = MemoryServerLaunch(
            name: serverName,
            command: expansion.expand(command),
            arguments: arguments.map { expansion.expand($0) },
            environment: extra.mapValues { expansion.expand($0) },
            directory: directory
        )
        let warnings =
            expansion.missing.isEmpty
            ? []
            : [
                "\(where_) uses \(expansion.missing.map { "${\($0)}" }.joined(separator: ", ")) but \(expansion.missing.count == 1 ? "it is" : "they are") not set and \(expansion.missing.count == 1 ? "has" : "have") no default: passed as written"
            ]
        return .stdio(launch, warnings: warnings)
    }
}

/// Turns a JSONSerialization error into "line L, column C" when the position can be found.
enum JSONErrorLocation {
    static func describe(_ error: Error, in data: Data) -> String {
        let info = (error as NSError).userInfo
        let text = (info[NSDebugDescriptionErrorKey] as? String) ?? error.localizedDescription
        if let index = (info["NSJSONSerializationErrorIndex"] as? Int) ?? characterOffset(in: text), index >= 0,
            index <= data.count
        {
            let prefix = data.prefix(index)
            let line = prefix.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            let column = index - (prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
            return "line \(line), column \(column): \(text)"
        }
        return text
    }

    /// Foundation on Linux says "… around character 43." instead of giving the index.
    private static func characterOffset(in text: String) -> Int? {
        guard let range = text.range(of: "character ") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }
}
