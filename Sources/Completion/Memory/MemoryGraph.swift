import Foundation

/// An entity of the reference memory server's knowledge graph (modelcontextprotocol/servers, src/memory).
package struct MemoryEntity: Codable, Sendable, Equatable {
    package var name: String
    package var entityType: String
    package var observations: [String]

    package init(name: String, entityType: String, observations: [String]) {
        self.name = name
        self.entityType = entityType
        self.observations = observations
    }
}

/// A directed relation, in active voice (`Session_2026-11-25 part_of acme-app`).
package struct MemoryRelation: Codable, Sendable, Equatable, Hashable {
    package var from: String
    package var to: String
    package var relationType: String

    package init(from: String, to: String, relationType: String) {
        self.from = from
        self.to = to
        self.relationType = relationType
    }
}

/// The `add_observations` item: new contents for one existing entity.
package struct MemoryObservations: Codable, Sendable, Equatable {
    package var entityName: String
    package var contents: [String]

    package init(entityName: String, contents: [String]) {
        self.entityName = entityName
        self.contents = contents
    }
}

/// What `read_graph`, `open_nodes` and `search_nodes` return.
package struct MemoryGraph: Codable, Sendable, Equatable {
    package var entities: [MemoryEntity]
    package var relations: [MemoryRelation]

    package init(entities: [MemoryEntity] = [], relations: [MemoryRelation] = []) {
        self.entities = entities
        self.relations = relations
    }

    package func entity(named name: String) -> MemoryEntity? { entities.first { $0.name == name } }
}
