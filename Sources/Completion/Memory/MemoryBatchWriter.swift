/// Applies a batch over a connected client so that applying it again changes nothing: a session entity already
/// stored under another name (an earlier run of the same session) is reused, existing entities are not created
/// again but get the new observations, and the reference server ignores duplicate relations and observations.
/// What the server does not offer (a store without relations) or refuses is left out and named; the session entity
/// is the one write that must go through.
package enum MemoryBatchWriter {
    package struct Result: Sendable, Equatable {
        /// The batch's session entity name in the store (an earlier run's, when there was one).
        package var session: String
        /// Entities this application created (the project or a PR that already existed is not among them).
        package var created: [String]
        /// Relations the server took.
        package var relationsStored = 0
        /// What of the batch did not reach the store because the server does not offer or refused it, one
        /// clause each ("the server offers no create_relations: 6 relations not stored").
        package var unsent: [String] = []
    }

    package static func apply(_ original: MemoryBatch, with client: MemoryClient) async throws -> Result {
        let tools = await client.tools
        var batch = original.redactingSecrets()
        let marker = MemoryBatch.sessionIDObservation(batch.sessionID)
        var settled = false
        if tools.contains("search_nodes") {
            let found = try await client.searchNodes(marker)
            if let earlier = found.entities.first(where: {
                $0.entityType == SessionMemoryPlan.sessionType && $0.observations.contains(marker)
            }) {
                batch = batch.renamingSession(to: earlier.name)
                settled = true
            }
        }
        var existing: Set<String>? = nil
        if tools.contains("open_nodes") {
            // One look at the batch's names answers, in the common case, both whether another session holds the
            // session's name and which entities are there already: each call makes a server such as the reference
            // one read its whole store again.
            var found = try await client.openNodes(batch.entities.map(\.name))
            if !settled, let holder = found.entity(named: batch.session), holdsAnotherSession(holder, marker: marker) {
                batch = batch.renamingSession(
                    to: try await freeSessionName(for: batch, marker: marker, client: client)
                )
                found = try await client.openNodes(batch.entities.map(\.name))
            }
            existing = Set(found.entities.map(\.name))
        }
        let names = batch.entities.map(\.name)
        let reported = try await client.createEntities(batch.entities)
        PausePoint.reach("memory:after-entities")
        let created: [String]
        if let existing {
            created = names.filter { !existing.contains($0) }
        } else if let reported {
            created = reported.map(\.name)
        } else {
            created = names
        }
        var result = Result(session: batch.session, created: created)
        if let unsent = try await writeRelations(batch.relations, tools: tools, client: client) {
            result.unsent.append(unsent)
        } else {
            result.relationsStored = batch.relations.count
        }
        PausePoint.reach("memory:after-relations")
        // A schema without observations on entities dropped them from create_entities: they go here instead.
        let dropped = await client.dropped["create_entities"]?.contains("entities[].observations") ?? false
        let observations = observationsToAdd(batch, created: dropped ? [] : Set(created))
        if let unsent = try await writeObservations(observations, tools: tools, client: client) {
            result.unsent.append(unsent)
        }
        return result
    }

    /// Entities that were there before keep their observations and get the batch's (duplicates are ignored);
    /// the entities in `created` already carry theirs.
    static func observationsToAdd(_ batch: MemoryBatch, created: Set<String>) -> [MemoryObservations] {
        var observations = batch.entities
            .filter { !created.contains($0.name) && !$0.observations.isEmpty }
            .map { MemoryObservations(entityName: $0.name, contents: $0.observations) }
        let present = Set(batch.entities.map(\.name))
        observations += batch.observations.filter { present.contains($0.entityName) && !$0.contents.isEmpty }
        return observations
    }

    /// nil when the relations were stored (or there were none); else why not. A failure that may pass is thrown.
    static func writeRelations(
        _ relations: [MemoryRelation],
        tools: Set<String>,
        client: MemoryClient
    )
        async throws -> String?
    {
        guard !relations.isEmpty else { return nil }
        let count = "\(relations.count) relation\(relations.count == 1 ? "" : "s") not stored"
        guard tools.contains("create_relations") else { return "the server offers no create_relations: \(count)" }
        do {
            try await client.createRelations(relations)
            return nil
        } catch let error as MemoryClientError where !error.shouldQueue {
            return "\(error): \(count)"
        }
    }

    /// nil when the observations were added (or there were none); else why not. A failure that may pass is thrown.
    static func writeObservations(
        _ observations: [MemoryObservations],
        tools: Set<String>,
        client: MemoryClient
    )
        async throws -> String?
    {
        guard !observations.isEmpty else { return nil }
        let total = observations.reduce(0) { $0 + $1.contents.count }
        let count = "\(total) observation\(total == 1 ? "" : "s") not stored"
        guard tools.contains("add_observations") else { return "the server offers no add_observations: \(count)" }
        do {
            try await client.addObservations(observations)
            return nil
        } catch let error as MemoryClientError where !error.shouldQueue {
            return "\(error): \(count)"
        }
    }

    /// The batch's session name, or the next free ordinal (`-2`, `-3` …) when another session of that day already
    /// holds it (two sessions must not merge into one entity, even when the summary ordinals did not advance).
    static func freeSessionName(for batch: MemoryBatch, marker: String, client: MemoryClient) async throws -> String {
        let base = batch.session.count > 18 ? String(batch.session.prefix(18)) : batch.session  // Session_YYYY-MM-DD
        var ordinal = batch.session.count > 19 ? Int(batch.session.dropFirst(19)) ?? 1 : 1
        var name = batch.session
        for _ in 0..<100 {
            guard let holder = try await client.openNodes([name]).entity(named: name),
                holdsAnotherSession(holder, marker: marker)
            else { return name }
            ordinal += 1
            name = "\(base)-\(ordinal)"
        }
        return name
    }

    /// Whether `holder`, the entity under a session's name, is another session's (it records another session ID).
    static func holdsAnotherSession(_ holder: MemoryEntity, marker: String) -> Bool {
        holder.entityType == SessionMemoryPlan.sessionType
            && holder.observations.contains(where: { $0.hasPrefix("Session ID: ") })
            && !holder.observations.contains(marker)
    }
}
