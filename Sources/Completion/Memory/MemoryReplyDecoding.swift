import MCP

/// Reads entities and relations from a server's reply under whichever names the server uses (`from_`, `source`,
/// `type`, …: `FieldSynonyms`), so a store that names its fields differently is read as well as written.
enum MemoryReplyDecoding {
    static func entity(_ value: Value) -> MemoryEntity? {
        guard let object = value.objectValue,
            let name = FieldSynonyms.value(of: "name", in: object)?.stringValue
        else { return nil }
        let type = FieldSynonyms.value(of: "entityType", in: object)?.stringValue ?? ""
        let observations = strings(FieldSynonyms.value(of: "observations", in: object))
        return MemoryEntity(name: name, entityType: type, observations: observations)
    }

    static func relation(_ value: Value) -> MemoryRelation? {
        guard let object = value.objectValue,
            let from = FieldSynonyms.value(of: "from", in: object)?.stringValue,
            let to = FieldSynonyms.value(of: "to", in: object)?.stringValue,
            let type = FieldSynonyms.value(of: "relationType", in: object)?.stringValue
        else { return nil }
        return MemoryRelation(from: from, to: to, relationType: type)
    }

    /// A graph: an object with `entities` and `relations` (under any of their names); nil when it is not one.
    static func graph(_ value: Value) -> MemoryGraph? {
        guard let object = value.objectValue else { return nil }
        let entities = FieldSynonyms.value(of: "entities", in: object)?.arrayValue
        let relations = FieldSynonyms.value(of: "relations", in: object)?.arrayValue
        guard entities != nil || relations != nil else { return nil }
        return MemoryGraph(
            entities: (entities ?? []).compactMap(entity),
            relations: (relations ?? []).compactMap(relation)
        )
    }

    static func strings(_ value: Value?) -> [String] {
        if let text = value?.stringValue { return [text] }
        return value?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
