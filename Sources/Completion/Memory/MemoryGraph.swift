import Foundation

/// An entity of the reference memory server's knowledge graph (modelcontextprotocol/servers, src/memory).
public struct MemoryEntity: Codable, Sendable, Equatable {
    public var name: String
    public var entityType: String
    public var observations: [String]

    public init(name: String, entityType: String, observations: [String]) {
        self.name = name
        self.entityType = entityType
        self.observations = observations
    }
}

/// A directed relation, in active voice (`Session_2026-11-25 part_of acme-app`).
public struct MemoryRelation: Codable, Sendable, Equatable, Hashable {
    public var from: String
    public var to: String
    public var relationType: String

    public init(from: String, to: String, relationType: String) {
        self.from = from
        self.to = to
        self.relationType = relationType
    }
}

/// The `add_observations` item: new contents for one existing entity.
public struct MemoryObservations: Codable, Sendable, Equatable {
    public var entityName: String
    public var contents: [String]

    public init(entityName: String, contents: [String]) {
        self.entityName = entityName
        self.contents = contents
    }
}

/// What `read_graph`, `open_nodes` and `search_nodes` return.
public struct MemoryGraph: Codable, Sendable, Equatable {
    public var entities: [MemoryEntity]
    public var relations: [MemoryRelation]

    public init(entities: [MemoryEntity] = [], relations: [MemoryRelation] = []) {
        self.entities = entities
        self.relations = relations
    }

    public func entity(named name: String) -> MemoryEntity? { entities.first { $0.name == name } }
}
