import MCP

/// The names memory servers give the fields jarvis-tui writes. Ours are the reference server's (`from`,
/// `relationType`, `contents` …); other servers say `from_`, `source`, `type`, `observations`. Names are compared
/// without case, `_` and `-` first, so `entity_type`, `EntityType` and `from_` need no entry here.
enum FieldSynonyms {
    /// Our field (normalized) → the other names it goes by (normalized), most likely first.
    static let equivalents: [String: [String]] = [
        "name": ["entityname", "entity", "title", "id", "key"],
        "entitytype": ["type", "kind", "category", "entitykind", "label"],
        "observations": ["contents", "content", "facts", "notes", "texts", "additions", "updates", "observation"],
        "from": [
            "source", "fromentity", "sourceentity", "fromname", "sourcename", "subject", "head", "fromnode",
            "sourcenode", "fromid", "sourceid",
        ],
        "to": [
            "target", "toentity", "targetentity", "toname", "targetname", "object", "tail", "tonode", "targetnode",
            "toid", "targetid",
        ],
        "relationtype": [
            "type", "relation", "relationship", "predicate", "label", "kind", "reltype", "relationname", "edgetype",
        ],
        "entityname": ["name", "entity", "entityid", "node", "title", "id"],
        "contents": ["observations", "content", "facts", "notes", "texts", "observation"],
        "entities": ["nodes", "entitylist", "items"],
        "relations": ["edges", "links", "relationlist", "connections", "items"],
        "entitynames": ["names", "entities", "ids", "nodes"],
        "names": ["entitynames", "entities", "ids", "nodes"],
        "query": ["q", "search", "searchquery", "text", "term", "keyword"],
    ]

    static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "_" && $0 != "-" })
    }

    /// Pairs each of the server's names with one of our fields: the same name first, then the same name
    /// normalized, then a known equivalent; each field is used once. Returns server name → our field.
    static func pair(ours: [String], theirs: [String]) -> [String: String] {
        let tests: [(String, String) -> Bool] = [
            { $0 == $1 },
            { normalized($0) == normalized($1) },
            { equivalents[normalized($0)]?.contains(normalized($1)) ?? false },
        ]
        var pairs: [String: String] = [:]
        var used: Set<String> = []
        for test in tests {
            for name in theirs where pairs[name] == nil {
                if let field = ours.first(where: { !used.contains($0) && test($0, name) }) {
                    pairs[name] = field
                    used.insert(field)
                }
            }
        }
        return pairs
    }

    /// The value of our `field` in an object a server sent, under whichever of its names the server used.
    static func value(of field: String, in object: [String: Value]) -> Value? {
        if let exact = object[field] { return exact }
        let keys = object.keys.sorted()
        let wanted = normalized(field)
        if let key = keys.first(where: { normalized($0) == wanted }) { return object[key] }
        for other in equivalents[wanted] ?? [] {
            if let key = keys.first(where: { normalized($0) == other }) { return object[key] }
        }
        return nil
    }
}
