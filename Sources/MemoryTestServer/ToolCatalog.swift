import MCP

/// The reference memory server's tools with their input schemas.
enum ToolCatalog {
    static let entitySchema: Value = .object([
        "type": "object",
        "properties": .object([
            "name": .object(["type": "string", "description": "The name of the entity"]),
            "entityType": .object(["type": "string", "description": "The type of the entity"]),
            "observations": .object(["type": "array", "items": .object(["type": "string"])]),
        ]),
        "required": .array(["name", "entityType", "observations"]),
    ])

    static let relationSchema: Value = .object([
        "type": "object",
        "properties": .object([
            "from": .object(["type": "string"]),
            "to": .object(["type": "string"]),
            "relationType": .object(["type": "string"]),
        ]),
        "required": .array(["from", "to", "relationType"]),
    ])

    static func object(_ properties: [String: Value]) -> Value {
        .object([
            "type": "object", "properties": .object(properties),
            "required": .array(properties.keys.sorted().map { .string($0) }),
        ])
    }

    static func array(of items: Value) -> Value { .object(["type": "array", "items": items]) }

    static let all: [Tool] = [
        Tool(
            name: "create_entities",
            description: "Create multiple new entities in the knowledge graph",
            inputSchema: object(["entities": array(of: entitySchema)])
        ),
        Tool(
            name: "create_relations",
            description: "Create multiple new relations between entities in the knowledge graph",
            inputSchema: object(["relations": array(of: relationSchema)])
        ),
        Tool(
            name: "add_observations",
            description: "Add new observations to existing entities in the knowledge graph",
            inputSchema: object([
                "observations": array(
                    of: object([
                        "entityName": .object(["type": "string"]),
                        "contents": array(of: .object(["type": "string"])),
                    ])
                )
            ])
        ),
        Tool(
            name: "delete_entities",
            description: "Delete multiple entities and their associated relations",
            inputSchema: object(["entityNames": array(of: .object(["type": "string"]))])
        ),
        Tool(
            name: "read_graph",
            description: "Read the entire knowledge graph",
            inputSchema: .object(["type": "object", "properties": .object([:])])
        ),
        Tool(
            name: "search_nodes",
            description: "Search for nodes in the knowledge graph based on a query",
            inputSchema: object(["query": .object(["type": "string"])])
        ),
        Tool(
            name: "open_nodes",
            description: "Open specific nodes in the knowledge graph by their names",
            inputSchema: object(["names": array(of: .object(["type": "string"]))])
        ),
    ]
}
