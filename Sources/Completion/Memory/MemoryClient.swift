import Foundation
import MCP

/// Speaks MCP to a memory server it starts itself over stdio (modelcontextprotocol/swift-sdk), with the reference
/// server's tools (modelcontextprotocol/servers, src/memory). Every call has a time limit; a server that dies or
/// hangs ends the connection, and `close` always reaps the process.
package actor MemoryClient {
    /// The tools a session write needs.
    package static let requiredTools = ["create_entities", "create_relations", "add_observations"]

    package let launch: MemoryServerLaunch
    package let limits: MemoryTimeLimits
    private let process: ServerProcess
    private let client: Client
    private let transport: PipeTransport
    private var open = true
    package private(set) var tools: Set<String> = []
    package private(set) var serverName = ""

    private init(launch: MemoryServerLaunch, limits: MemoryTimeLimits, process: ServerProcess) {
        self.launch = launch
        self.limits = limits
        self.process = process
        self.client = Client(name: "jarvis-tui", version: "1.0.0")
        self.transport = PipeTransport(input: process.output, output: process.input)
    }

    /// Starts the server, initializes and lists its tools. The process is reaped if any of this fails.
    /// `stderrLog`: where the server's stderr goes (appended, secrets redacted); nil discards it.
    package static func connect(
        _ launch: MemoryServerLaunch,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        limits: MemoryTimeLimits = MemoryTimeLimits(),
        stderrLog: URL? = nil
    ) async throws -> MemoryClient {
        let process = try ServerProcess.launch(launch, inherited: environment, stderrPath: stderrLog?.path)
        let session = MemoryClient(launch: launch, limits: limits, process: process)
        do {
            try await session.start()
        } catch {
            await session.close()
            throw error
        }
        return session
    }

    private func start() async throws {
        let client = self.client, transport = self.transport
        let result = try await limited("initialize", limits.connect) { try await client.connect(transport: transport) }
        serverName = result.serverInfo.name
        var names: Set<String> = []
        var cursor: String? = nil
        repeat {
            let page = try await limited("tools/list", limits.connect) { [cursor] in
                try await client.listTools(cursor: cursor)
            }
            names.formUnion(page.tools.map(\.name))
            cursor = page.nextCursor
        } while cursor != nil && names.count < 10_000
        tools = names
    }

    /// Throws `missingTools` unless every named tool is offered.
    package func require(_ names: [String] = MemoryClient.requiredTools) throws {
        let missing = names.filter { !tools.contains($0) }
        if !missing.isEmpty { throw MemoryClientError.missingTools(missing, server: launch.name) }
    }

    // MARK: - The reference tools

    /// Returns the entities the server reports as new (existing names are ignored by the reference server), or
    /// nil when its reply does not say.
    package func createEntities(_ entities: [MemoryEntity]) async throws -> [MemoryEntity]? {
        let reply = try await call("create_entities", ["entities": try Value(entities)])
        return decodeList(reply, key: "entities", as: MemoryEntity.self)
    }

    @discardableResult
    package func createRelations(_ relations: [MemoryRelation]) async throws -> [MemoryRelation]? {
        let reply = try await call("create_relations", ["relations": try Value(relations)])
        return decodeList(reply, key: "relations", as: MemoryRelation.self)
    }

    package func addObservations(_ observations: [MemoryObservations]) async throws {
        _ = try await call("add_observations", ["observations": try Value(observations)])
    }

    package func deleteEntities(names: [String]) async throws {
        _ = try await call("delete_entities", ["entityNames": try Value(names)])
    }

    package func openNodes(_ names: [String]) async throws -> MemoryGraph {
        try decodeGraph(try await call("open_nodes", ["names": try Value(names)]), call: "open_nodes")
    }

    package func searchNodes(_ query: String) async throws -> MemoryGraph {
        try decodeGraph(try await call("search_nodes", ["query": .string(query)]), call: "search_nodes")
    }

    package func readGraph() async throws -> MemoryGraph {
        try decodeGraph(try await call("read_graph", [:]), call: "read_graph")
    }

    /// Disconnects and reaps the server (stdin closed, then SIGTERM, then SIGKILL). Safe to call twice.
    package func close() async {
        if open {
            open = false
            await client.disconnect()
        }
        await transport.disconnect()
        await process.stop()
    }

    package var processID: Int32 { process.pid }

    // MARK: - Calls with a time limit

    private struct Reply {
        let content: [Tool.Content]
        let structured: Value?
    }

    private func call(_ tool: String, _ arguments: [String: Value]) async throws -> Reply {
        guard open else { throw MemoryClientError.closed }
        let client = self.client
        let request = CallTool.request(.init(name: tool, arguments: arguments))
        let result: CallTool.Result = try await limited(tool, limits.call) {
            let context: RequestContext<CallTool.Result> = try await client.send(request)
            return try await context.value
        }
        if result.isError == true {
            throw MemoryClientError.toolError(call: tool, message: Self.text(result.content).prefix(500).description)
        }
        return Reply(content: result.content, structured: result.structuredContent)
    }

    private enum Race<T: Sendable>: Sendable {
        case value(T)
        case timedOut
        case exited
    }

    /// Runs `body` until it answers, the limit passes or the server exits; in the last two cases the connection
    /// is dropped (which fails the pending request) and the server is stopped.
    private func limited<T: Sendable>(
        _ call: String,
        _ limit: Duration,
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        guard open else { throw MemoryClientError.closed }
        let process = self.process
        let outcome: Race<T>
        do {
            outcome = try await withThrowingTaskGroup(of: Race<T>.self) { group in
                group.addTask { .value(try await body()) }
                group.addTask {
                    try await Task.sleep(for: limit); return .timedOut
                }
                group.addTask {
                    await process.waitForExit(); return Task.isCancelled ? .timedOut : .exited
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else { return .timedOut }
                if case .value = first { return first }
                // Unblock the pending request before the group waits for it.
                await self.abort()
                return first
            }
        } catch let error as MemoryClientError {
            throw error
        } catch {
            if let how = process.exitDescription { throw MemoryClientError.exited(call: call, how: how) }
            if !open { throw MemoryClientError.closed }
            throw MemoryClientError.protocolError(call: call, message: Self.describe(error))
        }
        switch outcome {
        case .value(let value): return value
        case .timedOut:
            throw MemoryClientError.timedOut(call: call, limit: limit)
        case .exited:
            throw MemoryClientError.exited(call: call, how: process.exitDescription ?? "exited")
        }
    }

    private func abort() async {
        guard open else { return }
        open = false
        await client.disconnect()
        await transport.disconnect()
        await process.stop(grace: .milliseconds(200))
    }

    // MARK: - Replies

    private static func text(_ content: [Tool.Content]) -> String {
        content.compactMap { item -> String? in
            if case .text(let text, _, _) = item { return text }
            return nil
        }.joined(separator: "\n")
    }

    private static func describe(_ error: Error) -> String {
        if let mcp = error as? MCPError { return mcp.errorDescription ?? "\(mcp)" }
        return "\(error)"
    }

    /// Reads a list from `structuredContent.<key>`, else from the text content (a JSON array, or an object with
    /// that key), as servers of different versions answer.
    private func decodeList<T: Decodable>(_ reply: Reply, key: String, as: T.Type) -> [T]? {
        let decoder = JSONDecoder()
        if let structured = reply.structured?.objectValue?[key], let data = try? JSONEncoder().encode(structured),
            let list = try? decoder.decode([T].self, from: data)
        {
            return list
        }
        let data = Data(Self.text(reply.content).utf8)
        if let list = try? decoder.decode([T].self, from: data) { return list }
        if let object = try? decoder.decode([String: [T]].self, from: data), let list = object[key] { return list }
        return nil
    }

    private func decodeGraph(_ reply: Reply, call: String) throws -> MemoryGraph {
        let decoder = JSONDecoder()
        if let structured = reply.structured, let data = try? JSONEncoder().encode(structured),
            let graph = try? decoder.decode(MemoryGraph.self, from: data)
        {
            return graph
        }
        if let graph = try? decoder.decode(MemoryGraph.self, from: Data(Self.text(reply.content).utf8)) { return graph }
        throw MemoryClientError.protocolError(call: call, message: "the reply is not a knowledge graph")
    }
}
