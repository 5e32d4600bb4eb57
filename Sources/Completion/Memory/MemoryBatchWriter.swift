/// Applies a batch over a connected client so that applying it again changes nothing: a session entity already
/// stored under another name (an earlier run of the same session) is reused, existing entities are not created
/// again but get the new observations, and the reference server ignores duplicate relations and observations.
package enum MemoryBatchWriter {
    package struct Result: Sendable, Equatable {
        /// The batch's session entity name in the store (an earlier run's, when there was one).
        package var session: String
        /// Entities this application created (the project or a PR that already existed is not among them).
        package var created: [String]
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
        if !settled && tools.contains("open_nodes") {
            batch = batch.renamingSession(to: try await freeSessionName(for: batch, marker: marker, client: client))
        }
        let names = batch.entities.map(\.name)
        var existing: Set<String>? = nil
        if tools.contains("open_nodes") {
            existing = Set(try await client.openNodes(names).entities.map(\.name))
        }
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
        if !batch.relations.isEmpty {
            try await client.createRelations(batch.relations)
        }
        PausePoint.reach("memory:after-relations")
        // Entities that were there before keep their observations; the new ones are added (duplicates ignored).
        let createdSet = Set(created)
        var observations = batch.entities
            .filter { !createdSet.contains($0.name) && !$0.observations.isEmpty }
            .map { MemoryObservations(entityName: $0.name, contents: $0.observations) }
        let present = Set(names)
        observations += batch.observations.filter { present.contains($0.entityName) && !$0.contents.isEmpty }
        if !observations.isEmpty {
            try await client.addObservations(observations)
        }
        return Result(session: batch.session, created: created)
    }

    /// The batch's session name, or the next free ordinal (`-2`, `-3` …) when another session of that day already
    /// holds it (two sessions must not merge into one entity, even when the summary ordinals did not advance).
    static func freeSessionName(for batch: MemoryBatch, marker: String, client: MemoryClient) async throws -> String {
        let base = batch.session.count > 18 ? String(batch.session.prefix(18)) : batch.session  // Session_YYYY-MM-DD
        var ordinal = batch.session.count > 19 ? Int(batch.session.dropFirst(19)) ?? 1 : 1
        var name = batch.session
        for _ in 0..<100 {
            guard let holder = try await client.openNodes([name]).entity(named: name),
                holder.entityType == SessionMemoryPlan.sessionType,
                holder.observations.contains(where: { $0.hasPrefix("Session ID: ") }),
                !holder.observations.contains(marker)
            else { return name }
            ordinal += 1
            name = "\(base)-\(ordinal)"
        }
        return name
    }
}
