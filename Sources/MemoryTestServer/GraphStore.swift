import Foundation

/// The knowledge graph kept in a JSONL file the way the reference server keeps it: one
/// `{"type":"entity",…}` or `{"type":"relation",…}` object a line, rewritten atomically after every change.
/// Semantics follow the reference: duplicate entity names and identical relations are ignored, relations whose
/// ends do not exist are ignored, and observations for a missing entity are an error.
actor GraphStore {
    let path: String

    init(path: String) { self.path = path }

    /// The graph as last read or written, with the file's identity then: the file is parsed again only when
    /// something else changed it (the reference server re-reads it on every call, which is slow on large stores).
    private var cached: (stamp: FileStamp, graph: KnowledgeGraph)?

    struct FileStamp: Equatable {
        var size: Int64, seconds: Int, nanoseconds: Int, inode: UInt64
        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            size = Int64(info.st_size)
            seconds = info.st_mtim.tv_sec
            nanoseconds = info.st_mtim.tv_nsec
            inode = UInt64(info.st_ino)
        }
    }

    func load() throws -> KnowledgeGraph {
        let stamp = FileStamp(path: path)
        if let cached, let stamp, cached.stamp == stamp { return cached.graph }
        guard let data = FileManager.default.contents(atPath: path) else { return KnowledgeGraph() }
        struct StoreLine: Decodable {
            var type: String?
            var name: String?, entityType: String?, observations: [String]?
            var from: String?, to: String?, relationType: String?
        }
        var graph = KnowledgeGraph()
        let decoder = JSONDecoder()
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let item = try? decoder.decode(StoreLine.self, from: Data(line)) else { continue }
            switch item.type {
            case "entity":
                if let name = item.name, let type = item.entityType, let observations = item.observations {
                    graph.entities.append(Entity(name: name, entityType: type, observations: observations))
                }
            case "relation":
                if let from = item.from, let to = item.to, let type = item.relationType {
                    graph.relations.append(Relation(from: from, to: to, relationType: type))
                }
            default: continue
            }
        }
        if let stamp { cached = (stamp, graph) }
        return graph
    }

    /// One JSON object a line, keys sorted, as JSONEncoder wrote them here before; written by hand because
    /// JSONEncoder took most of a call's time on a store of thousands of entities.
    private func save(_ graph: KnowledgeGraph) throws {
        var text = ""
        text.reserveCapacity(graph.entities.count * 160)
        for e in graph.entities {
            text += "{\"entityType\":\(Self.quoted(e.entityType)),\"name\":\(Self.quoted(e.name)),\"observations\":["
            text += e.observations.map(Self.quoted).joined(separator: ",")
            text += "],\"type\":\"entity\"}\n"
        }
        for r in graph.relations {
            text +=
                "{\"from\":\(Self.quoted(r.from)),\"relationType\":\(Self.quoted(r.relationType)),\"to\":\(Self.quoted(r.to)),\"type\":\"relation\"}\n"
        }
        let data = Data(text.utf8)
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        try data.write(to: temp)
        guard rename(temp.path, url.path) == 0 else {
            throw ToolFailure("could not save \(path): \(String(cString: strerror(errno)))")
        }
        if let stamp = FileStamp(path: path) { cached = (stamp, graph) }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{00}"..."\u{1F}": out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    func createEntities(_ entities: [Entity]) throws -> [Entity] {
        var graph = try load()
        var names = Set(graph.entities.map(\.name))
        var created: [Entity] = []
        for entity in entities where names.insert(entity.name).inserted {
            created.append(entity)
        }
        graph.entities += created
        try save(graph)
        return created
    }

    func createRelations(_ relations: [Relation]) throws -> [Relation] {
        var graph = try load()
        let names = Set(graph.entities.map(\.name))
        var created: [Relation] = []
        for relation in relations
        where names.contains(relation.from) && names.contains(relation.to)
            && !graph.relations.contains(relation) && !created.contains(relation)
        {
            created.append(relation)
        }
        graph.relations += created
        try save(graph)
        return created
    }

    func addObservations(_ additions: [ObservationAddition]) throws -> [ObservationResult] {
        var graph = try load()
        var results: [ObservationResult] = []
        for addition in additions {
            guard let index = graph.entities.firstIndex(where: { $0.name == addition.entityName }) else {
                throw ToolFailure("Entity with name \(addition.entityName) not found")
            }
            var added: [String] = []
            for content in addition.contents
            where !graph.entities[index].observations.contains(content) && !added.contains(content) {
                added.append(content)
            }
            graph.entities[index].observations += added
            results.append(ObservationResult(entityName: addition.entityName, addedObservations: added))
        }
        try save(graph)
        return results
    }

    func deleteEntities(_ names: [String]) throws -> (deleted: [String], notFound: [String]) {
        var graph = try load()
        let present = Set(graph.entities.map(\.name))
        let doomed = Set(names)
        graph.entities.removeAll { doomed.contains($0.name) }
        graph.relations.removeAll { doomed.contains($0.from) || doomed.contains($0.to) }
        try save(graph)
        return (names.filter(present.contains), names.filter { !present.contains($0) })
    }

    func search(_ query: String) throws -> KnowledgeGraph {
        let graph = try load()
        let q = query.lowercased()
        let entities = graph.entities.filter { e in
            e.name.lowercased().contains(q) || e.entityType.lowercased().contains(q)
                || e.observations.contains { $0.lowercased().contains(q) }
        }
        return subgraph(graph, entities)
    }

    func open(_ names: [String]) throws -> KnowledgeGraph {
        let graph = try load()
        let wanted = Set(names)
        return subgraph(graph, graph.entities.filter { wanted.contains($0.name) })
    }

    private func subgraph(_ graph: KnowledgeGraph, _ entities: [Entity]) -> KnowledgeGraph {
        let names = Set(entities.map(\.name))
        return KnowledgeGraph(
            entities: entities,
            relations: graph.relations.filter { names.contains($0.from) || names.contains($0.to) }
        )
    }
}
