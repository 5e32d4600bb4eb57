import Foundation
import MCP

/// Speaks MCP to a memory server it starts itself over stdio (modelcontextprotocol/swift-sdk), with the reference
/// server's tools (modelcontextprotocol/servers, src/memory). Every call is built from the input schema the server
/// advertised for the tool (`ArgumentShaper`), as Claude builds it, so a server naming its fields differently
/// gets them under its names. Every call has a time limit; a server that dies or hangs ends the connection, and
/// `close` always reaps the process.
package actor MemoryClient {
    /// The tool a session write cannot do without: the session entity goes through it. Relations and
    /// observations are written when the server offers their tools.
    package static let requiredTools = ["create_entities"]

    package let launch: MemoryServerLaunch
    package let limits: MemoryTimeLimits
    private let process: ServerProcess
    private let client: Client
    private let transport: PipeTransport
    private var open = true
    package private(set) var tools: Set<String> = []
    package private(set) var serverName = ""
    /// Each tool's advertised input schema, from the one `tools/list` of the connection.
    private var schemas: [String: Value] = [:]
    /// Per tool, our fields its schema had no place for in the last call (`entities[].observations`).
    package private(set) var dropped: [String: Set<String>] = [:]

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
        var schemas: [String: Value] = [:]
        var cursor: String? = nil
        repeat {
            let page = try await limited("tools/list", limits.connect) { [cursor] in
                try await client.listTools(cursor: cursor)
            }
            for tool in page.tools where names.insert(tool.name).inserted { schemas[tool.name] = tool.inputSchema }
            cursor = page.nextCursor
        } while cursor != nil && names.count < 10_000
        tools = names
        self.schemas = schemas
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
        return decodeList(reply, key: "entities", MemoryReplyDecoding.entity)
    }

    @discardableResult
    package func createRelations(_ relations: [MemoryRelation]) async throws -> [MemoryRelation]? {
        let reply = try await call("create_relations", ["relations": try Value(relations)])
        return decodeList(reply, key: "relations", MemoryReplyDecoding.relation)
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
        var sent = arguments
        if let schema = schemas[tool] {
            do {
                let shaped = try ArgumentShaper(schema: schema).shape(arguments)
                sent = shaped.arguments
                dropped[tool] = shaped.dropped
            } catch {
                throw MemoryClientError.unfit(call: tool, reason: "\(error)")
            }
        }
        let request = CallTool.request(.init(name: tool, arguments: sent))
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
            if let answer = error as? MCPError, Self.isRefusal(answer) {
                throw MemoryClientError.rejected(call: call, message: Self.describe(answer).prefix(500).description)
            }
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

    /// An error the server answered with about the request itself: sending it again would get the same answer.
    /// An internal error, a closed connection or a transport failure may pass.
    private static func isRefusal(_ error: MCPError) -> Bool {
        switch error {
        case .parseError, .invalidRequest, .methodNotFound, .invalidParams, .serverError: true
        default: false
        }
    }

    /// Reads a list from `structuredContent.<key>`, else from the text content (a JSON array, or an object with
    /// that key), as servers of different versions answer; nil when the reply does not say.
    private func decodeList<T>(_ reply: Reply, key: String, _ item: (Value) -> T?) -> [T]? {
        for candidate in [reply.structured, Self.json(reply.content)] {
            guard let candidate else { continue }
            let list =
                candidate.arrayValue
                ?? candidate.objectValue.flatMap { FieldSynonyms.value(of: key, in: $0) }?.arrayValue
            if let list {
                let items = list.compactMap(item)
                if items.count == list.count { return items }
            }
        }
        return nil
    }

    private func decodeGraph(_ reply: Reply, call: String) throws -> MemoryGraph {
        if let structured = reply.structured, let graph = MemoryReplyDecoding.graph(structured) { return graph }
        if let text = Self.json(reply.content), let graph = MemoryReplyDecoding.graph(text) { return graph }
        throw MemoryClientError.protocolError(call: call, message: "the reply is not a knowledge graph")
    }

    private static func json(_ content: [Tool.Content]) -> Value? {
        try? JSONDecoder().decode(Value.self, from: Data(text(content).utf8))
    }
}
