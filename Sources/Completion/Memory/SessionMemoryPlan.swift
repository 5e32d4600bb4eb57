import Foundation

/// Turns a session record into the writes for the memory server: the `session` entity with its observations,
/// the project and the PRs named in the state files as entities, and the relations between them.
package enum SessionMemoryPlan {
    package static let sessionType = "session"
    package static let projectType = "project"
    package static let prType = "pr"
    static let listLimit = 20

    package static func batch(for record: SessionRecord, project: Project) -> MemoryBatch {
        let session = record.memoryEntityName
        let projectName = project.name
        let completedPRs = prNames(in: record.accomplishments)
        let workedPRs = prNames(
            in: [record.currentWork, record.nextStep].compactMap { $0 } + record.pendingTodos + record.decisions
                + record.blockers
        )
        .filter { !completedPRs.contains($0) }

        var entities = [
            MemoryEntity(
                name: projectName,
                entityType: projectType,
                observations: ["Project folder: \(project.root.path)"]
            )
        ]
        for pr in completedPRs + workedPRs {
            entities.append(MemoryEntity(name: pr, entityType: prType, observations: ["Tracked in \(projectName)"]))
        }
        entities.append(
            MemoryEntity(
                name: session,
                entityType: sessionType,
                observations: sessionObservations(record, projectName: projectName)
            )
        )

        var relations = [MemoryRelation(from: session, to: projectName, relationType: "part_of")]
        if !record.filesModified.isEmpty || record.commitsDuringSession > 0 {
            relations.append(MemoryRelation(from: session, to: projectName, relationType: "modified"))
        }
        relations += completedPRs.map { MemoryRelation(from: session, to: $0, relationType: "completed") }
        relations += workedPRs.map { MemoryRelation(from: session, to: $0, relationType: "modified") }
        relations += (completedPRs + workedPRs).map {
            MemoryRelation(from: $0, to: projectName, relationType: "part_of")
        }

        var observations = [MemoryObservations(entityName: projectName, contents: ["\(session): \(record.headline)"])]
        observations += completedPRs.map { MemoryObservations(entityName: $0, contents: ["Completed in \(session)"]) }
        observations += workedPRs.map { MemoryObservations(entityName: $0, contents: ["Worked on in \(session)"]) }
        return MemoryBatch(
            session: session,
            sessionID: record.sessionID,
            entities: entities,
            relations: relations,
            observations: observations
        )
        .redactingSecrets()
    }

    static func sessionObservations(_ record: SessionRecord, projectName: String) -> [String] {
        var lines = [
            MemoryBatch.sessionIDObservation(record.sessionID), "Project: \(projectName)", "Date: \(record.day)",
        ]
        if let branch = record.branch { lines.append("Branch: \(branch)") }
        lines += record.accomplishments.prefix(listLimit).map { "Accomplished: \($0)" }
        lines += record.decisions.prefix(listLimit).map { "Decision: \($0)" }
        lines += record.blockers.prefix(listLimit).map { "Blocker: \($0)" }
        lines.append("Next step: \(record.nextStep ?? "not recorded")")
        lines += record.corrections.prefix(listLimit).map { "Correction: \($0)" }
        lines += record.filePurposes.sorted { $0.key < $1.key }.prefix(listLimit).map { "File \($0.key): \($0.value)" }
        lines.append("Statistics: \(statistics(record))")
        if !record.filesModified.isEmpty {
            let shown = record.filesModified.prefix(10).map(\.path)
            let more = record.filesModified.count - shown.count
            lines.append("Files modified: \(shown.joined(separator: ", "))\(more > 0 ? " (+\(more) more)" : "")")
        }
        return lines
    }

    static func statistics(_ record: SessionRecord) -> String {
        var parts: [String] = []
        if let duration = record.duration { parts.append("duration \(Int((duration / 60).rounded())) min") }
        parts.append(
            "\(record.commitsDuringSession) commit\(record.commitsDuringSession == 1 ? "" : "s") during the session"
        )
        parts.append("\(record.filesModified.count) file\(record.filesModified.count == 1 ? "" : "s") modified")
        if let tokens = record.tokensUsed { parts.append("\(tokens) tokens used") }
        parts.append("\(record.pendingTodos.count) pending todo\(record.pendingTodos.count == 1 ? "" : "s")")
        return parts.joined(separator: ", ")
    }

    /// `PR-12.9`, `PR 42`, `PR #42` → `PR-12.9`, `PR-42`, in first-seen order.
    package static func prNames(in texts: [String]) -> [String] {
        var names: [String] = []
        for text in texts {
            let characters = Array(text.utf8)
            var index = 0
            while index + 2 < characters.count {
                defer { index += 1 }
                guard characters[index] == UInt8(ascii: "P"), characters[index + 1] == UInt8(ascii: "R") else {
                    continue
                }
                if index > 0, isWordByte(characters[index - 1]) { continue }
                var cursor = index + 2
                while cursor < characters.count,
                    [UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: "#")].contains(characters[cursor]),
                    cursor - index < 5
                {
                    cursor += 1
                }
                let start = cursor
                while cursor < characters.count,
                    isDigit(characters[cursor])
                        || (characters[cursor] == UInt8(ascii: ".") && cursor + 1 < characters.count
                            && isDigit(characters[cursor + 1]) && cursor > start)
                {
                    cursor += 1
                }
                guard cursor > start, cursor - start <= 20 else { continue }
                if cursor < characters.count, isWordByte(characters[cursor]) { continue }
                let name = "PR-" + String(decoding: characters[start..<cursor], as: UTF8.self)
                if !names.contains(name) { names.append(name) }
            }
        }
        return names
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    private static func isWordByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == UInt8(ascii: "_")
    }
}
