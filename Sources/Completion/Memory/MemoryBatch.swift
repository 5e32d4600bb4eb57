import Foundation

/// The writes one session makes to the memory server, in the order they are made: entities (project and PR
/// entities first, the session last), then relations, then observations for entities that exist by then. It is
/// also one line of `.claude/context/memory-queue.jsonl` when the server could not be reached.
package struct MemoryBatch: Codable, Sendable, Equatable {
    package static let currentVersion = 1

    package var version: Int
    /// The session entity's name (`Session_2026-11-25`, `Session_2026-11-25-2`).
    package var session: String
    package var sessionID: String
    package var queuedAt: String?
    package var reason: String?
    package var entities: [MemoryEntity]
    package var relations: [MemoryRelation]
    package var observations: [MemoryObservations]

    package init(
        session: String,
        sessionID: String,
        entities: [MemoryEntity],
        relations: [MemoryRelation],
        observations: [MemoryObservations]
    ) {
        self.version = Self.currentVersion
        self.session = session
        self.sessionID = sessionID
        self.entities = entities
        self.relations = relations
        self.observations = observations
    }

    /// The observation that identifies the session in the store, so a re-run finds its entity again.
    package static func sessionIDObservation(_ id: String) -> String { "Session ID: \(id)" }

    /// The same writes with the session entity under another name (the one a previous run of this session used).
    package func renamingSession(to name: String) -> MemoryBatch {
        guard name != session else { return self }
        func rename(_ n: String) -> String { n == session ? name : n }
        var copy = self
        copy.session = name
        copy.entities = entities.map {
            MemoryEntity(name: rename($0.name), entityType: $0.entityType, observations: $0.observations)
        }
        copy.relations = relations.map {
            MemoryRelation(from: rename($0.from), to: rename($0.to), relationType: $0.relationType)
        }
        copy.observations = observations.map {
            MemoryObservations(entityName: rename($0.entityName), contents: $0.contents)
        }
        return copy
    }
}
