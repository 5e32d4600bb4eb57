import MCP

/// The reference memory server's tools with their input schemas, under the names `FieldNaming` advertises.
/// With `MEMORY_TEST_SCHEMA_STYLE=defs` the item schemas sit in `$defs` and are reached through `$ref`, as
/// pydantic writes them (Python servers).
struct ToolCatalog: Sendable {
    let naming: FieldNaming
    let referencedItems: Bool

    static let string: Value = .object(["type": "string"])

    func item(_ scope: String, _ properties: [String: Value]) -> Value {
        var renamed: [String: Value] = [:]
        for (name, schema) in properties { renamed[naming.advertised(name, in: scope)] = schema }
        return Self.object(renamed)
    }

    var entity: Value {
        item("entity", ["name": Self.string, "entityType": Self.string, "observations": Self.array(of: Self.string)])
    }
    var relation: Value { item("relation", ["from": Self.string, "to": Self.string, "relationType": Self.string]) }
    var observation: Value {
        item("observation", ["entityName": Self.string, "contents": Self.array(of: Self.string)])
    }

    static func object(_ properties: [String: Value]) -> Value {
        .object([
            "type": "object", "properties": .object(properties),
            "required": .array(properties.keys.sorted().map { .string($0) }),
        ])
    }

    static func array(of items: Value) -> Value { .object(["type": "array", "items": items]) }

    /// A tool's schema: its top-level arguments under their advertised names, a list of `items` under `key`.
    func listSchema(_ tool: String, _ key: String, of items: Value, defName: String) -> Value {
        let name = naming.advertised(key, in: tool)
        guard referencedItems else { return Self.object([name: Self.array(of: items)]) }
        guard case .object(var schema) = Self.object([name: Self.array(of: .object(["$ref": "#/$defs/\(defName)"]))])
        else { return items }
        schema["$defs"] = .object([defName: items])
        return .object(schema)
    }

    var all: [Tool] {
        [
            Tool(
                name: "create_entities",
                description: "Create multiple new entities in the knowledge graph",
                inputSchema: listSchema("create_entities", "entities", of: entity, defName: "Entity")
            ),
            Tool(
                name: "create_relations",
                description: "Create multiple new relations between entities in the knowledge graph",
                inputSchema: listSchema("create_relations", "relations", of: relation, defName: "Relation")
            ),
            Tool(
                name: "add_observations",
                description: "Add new observations to existing entities in the knowledge graph",
                inputSchema: listSchema("add_observations", "observations", of: observation, defName: "Observation")
            ),
            Tool(
                name: "delete_entities",
                description: "Delete multiple entities and their associated relations",
                inputSchema: listSchema("delete_entities", "entityNames", of: Self.string, defName: "Name")
            ),
            Tool(
                name: "read_graph",
                description: "Read the entire knowledge graph",
                inputSchema: .object(["type": "object", "properties": .object([:])])
            ),
            Tool(
                name: "search_nodes",
                description: "Search for nodes in the knowledge graph based on a query",
                inputSchema: Self.object([naming.advertised("query", in: "search_nodes"): Self.string])
            ),
            Tool(
                name: "open_nodes",
                description: "Open specific nodes in the knowledge graph by their names",
                inputSchema: listSchema("open_nodes", "names", of: Self.string, defName: "Name")
            ),
        ]
    }
}
