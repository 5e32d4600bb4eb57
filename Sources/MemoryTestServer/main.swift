import Foundation
import MCP

// memory-test-server: a real MCP server over stdio implementing the reference memory tools
// (modelcontextprotocol/servers, src/memory), persisted to MEMORY_FILE_PATH. Used by the tests and the demo.

let environment = ProcessInfo.processInfo.environment
let failure = FailureMode(environment["MEMORY_TEST_FAILURE"])
if failure.exitAtStart {
    FileHandle.standardError.write(Data("memory-test-server: failing at start as asked\n".utf8))
    exit(3)
}
if failure.ignoreTerm { signal(SIGTERM, SIG_IGN) }
if let text = failure.stderrText {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
if let pidFile = environment["MEMORY_TEST_PID_FILE"] {
    try? "\(getpid())\n".write(toFile: pidFile, atomically: true, encoding: .utf8)
}
/// Each tool call's name, a line each, for tests that check how often the store is read.
let callLog = environment["MEMORY_TEST_CALL_LOG"]
func appendLine(_ line: String, to path: String) {
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { return }
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    close(descriptor)
}
if failure.hangAtStart {
    while true { sleep(60) }
}

let memoryPath =
    environment["MEMORY_FILE_PATH"].flatMap { $0.isEmpty ? nil : $0 }
    ?? FileManager.default.currentDirectoryPath + "/memory.jsonl"
let store = GraphStore(path: memoryPath)
let naming = FieldNaming(environment["MEMORY_TEST_NAMES"])
let catalog = ToolCatalog(naming: naming, referencedItems: environment["MEMORY_TEST_SCHEMA_STYLE"] == "defs")
let advertised = catalog.all.filter { !failure.without.contains($0.name) }

func decode<T: Decodable>(_ type: T.Type, _ value: Value?, _ key: String) throws -> T {
    guard let value else { throw ToolFailure("missing argument \(key)") }
    do {
        return try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
    } catch {
        throw ToolFailure("invalid argument \(key): \(error)")
    }
}

func reply<T: Encodable>(_ value: T, structured: Value? = nil) throws -> CallTool.Result {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let text = String(decoding: try encoder.encode(value), as: UTF8.self)
    return CallTool.Result(
        content: [.text(text: text, annotations: nil, _meta: nil)],
        structuredContent: structured,
        isError: false
    )
}

/// Writes to stdout, which the transport made non-blocking (FileHandle would trap on EAGAIN).
func writeRaw(_ data: Data) {
    data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
        var offset = 0
        while offset < buffer.count {
            let n = write(1, buffer.baseAddress! + offset, buffer.count - offset)
            if n > 0 { offset += n } else if errno == EAGAIN || errno == EINTR { usleep(1_000) } else { return }
        }
    }
}

func handle(_ name: String, _ arguments: [String: Value]) async throws -> CallTool.Result {
    switch name {
    case "create_entities":
        let created = try await store.createEntities(decode([Entity].self, arguments["entities"], "entities"))
        let shown = naming.outbound(try Value(created), scope: "entity")
        return try reply(shown, structured: .object(["entities": shown]))
    case "create_relations":
        let created = try await store.createRelations(decode([Relation].self, arguments["relations"], "relations"))
        let shown = naming.outbound(try Value(created), scope: "relation")
        return try reply(shown, structured: .object(["relations": shown]))
    case "add_observations":
        let results = try await store.addObservations(
            decode([ObservationAddition].self, arguments["observations"], "observations")
        )
        return try reply(results, structured: .object(["results": try Value(results)]))
    case "delete_entities":
        let (deleted, notFound) = try await store.deleteEntities(
            decode([String].self, arguments["entityNames"], "entityNames")
        )
        let message =
            notFound.isEmpty
            ? "Entities deleted successfully"
            : "Deleted \(deleted.count) of \(deleted.count + notFound.count) entities. Not found: \(notFound.joined(separator: ", "))"
        return CallTool.Result(
            content: [.text(text: message, annotations: nil, _meta: nil)],
            structuredContent: .object(["success": true, "message": .string(message)]),
            isError: false
        )
    case "read_graph":
        let graph = try await store.load()
        let shown = naming.outbound(try Value(graph), scope: nil)
        return try reply(shown, structured: shown)
    case "search_nodes":
        let graph = try await store.search(decode(String.self, arguments["query"], "query"))
        let shown = naming.outbound(try Value(graph), scope: nil)
        return try reply(shown, structured: shown)
    case "open_nodes":
        let graph = try await store.open(decode([String].self, arguments["names"], "names"))
        let shown = naming.outbound(try Value(graph), scope: nil)
        return try reply(shown, structured: shown)
    default:
        throw ToolFailure("Unknown tool: \(name)")
    }
}

let server = Server(name: "memory-test-server", version: "1.0.0", capabilities: .init(tools: .init(listChanged: false)))
await server.withMethodHandler(ListTools.self) { _ in
    .init(tools: advertised)
}
await server.withMethodHandler(CallTool.self) { params in
    if let callLog { appendLine(params.name, to: callLog) }
    if failure.delayMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(failure.delayMilliseconds)) }
    if failure.crashOn.contains(params.name) {
        kill(getpid(), SIGKILL)
    }
    if failure.hangOn.contains(params.name) {
        while true { try? await Task.sleep(for: .seconds(3600)) }
    }
    if failure.errorOn.contains(params.name) {
        return CallTool.Result(
            content: [.text(text: "Injected failure for \(params.name)", annotations: nil, _meta: nil)],
            isError: true
        )
    }
    if failure.noise {
        writeRaw(Data("this is not JSON-RPC\n".utf8))
        writeRaw(Data(repeating: UInt8(ascii: "x"), count: 64 << 10) + Data("\n".utf8))
    }
    if failure.stderrFlood {
        let line = "memory-test-server: " + String(repeating: "log ", count: 255) + "\n"
        FileHandle.standardError.write(Data(String(repeating: line, count: 1024).utf8))
    }
    if failure.flood && params.name == "create_entities" {
        writeRaw(Data(repeating: UInt8(ascii: "{"), count: 24 << 20) + Data("\n".utf8))
    }
    // As a strict server does: a call that does not fit the advertised schema (or names no advertised tool) is
    // invalid, answered with a JSON-RPC error (or, with `invalid-as-result`, an error result).
    let tool = advertised.first { $0.name == params.name }
    let problem =
        tool.map { ArgumentCheck.problem(.object(params.arguments ?? [:]), $0.inputSchema, root: $0.inputSchema) }
        ?? "no such tool"
    if let problem {
        let message = "Invalid arguments for tool \(params.name): \(problem)"
        if failure.invalidAsResult {
            return CallTool.Result(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
        }
        throw MCPError.invalidParams(message)
    }
    do {
        let result = try await handle(params.name, naming.inbound(params.name, params.arguments ?? [:]))
        if failure.terseReplies
            && ["create_entities", "create_relations", "add_observations", "delete_entities"].contains(params.name)
        {
            return CallTool.Result(content: [.text(text: "ok", annotations: nil, _meta: nil)], isError: false)
        }
        return result
    } catch {
        return CallTool.Result(content: [.text(text: "\(error)", annotations: nil, _meta: nil)], isError: true)
    }
}
try await server.start(transport: StdioTransport())
await server.waitUntilCompleted()
// A hung server does not exit on EOF either: only a signal ends it.
if !failure.hangOn.isEmpty {
    while true { sleep(60) }
}
