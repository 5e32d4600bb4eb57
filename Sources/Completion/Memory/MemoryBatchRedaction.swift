extension MemoryBatch {
    /// The same writes with every secret in a name or an observation redacted. A memory store outlives the
    /// session and is read by every later one, so nothing secret is sent to it (nor queued for it), including
    /// batches an older version queued. Redaction is deterministic: a relation still names its entities.
    package func redactingSecrets() -> MemoryBatch {
        let redact = SecretRedaction.redact as (String) -> String
        var copy = self
        copy.entities = entities.map {
            MemoryEntity(
                name: redact($0.name),
                entityType: redact($0.entityType),
                observations: $0.observations.map(redact)
            )
        }
        copy.relations = relations.map {
            MemoryRelation(from: redact($0.from), to: redact($0.to), relationType: redact($0.relationType))
        }
        copy.observations = observations.map {
            MemoryObservations(entityName: redact($0.entityName), contents: $0.contents.map(redact))
        }
        return copy
    }
}
