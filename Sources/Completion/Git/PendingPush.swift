import Foundation

/// A session commit that could not be pushed (no upstream, offline, rejected, or declined), one per repository
/// and branch. Kept in
/// `.claude/state/jarvis-tui/pending-push.json` so the next run offers to push it.
package struct PendingPush: Codable, Sendable, Equatable {
    /// The repository's working tree (absolute path).
    package var repository: String
    package var branch: String
    package var commit: String
    package var reason: String
    /// The command that pushes it by hand.
    package var command: String
    package var recordedAt: String

    package init(
        repository: String,
        branch: String,
        commit: String,
        reason: String,
        command: String,
        recordedAt: String
    ) {
        self.repository = repository
        self.branch = branch
        self.commit = commit
        self.reason = reason
        self.command = command
        self.recordedAt = recordedAt
    }
}

/// Reads and writes the pending-push records of a project (atomically; a malformed file is reported and
/// replaced on the next write, never trusted).
package struct PendingPushStore: Sendable {
    package let file: URL

    let files: ProjectFiles

    package init(project: Project) {
        self.file = project.toolStateFolder.appendingPathComponent("pending-push.json")
        self.files = ProjectFiles(project)
    }

    struct Document: Codable { var version = 1; var pending: [PendingPush] }

    /// The records, and a warning when the file exists but cannot be used.
    package func load() -> (records: [PendingPush], warning: String?) {
        let data: Data?
        do { data = try files.read(file) } catch {
            return ([], "\(ErrorSentence.describe(error)); the pending-push record was not read")
        }
        guard let data else { return ([], nil) }
        do {
            return (try JSONDecoder().decode(Document.self, from: data).pending, nil)
        } catch {
            return (
                [],
                "\(file.path) is not a valid pending-push record (\(Self.describe(error))); it was ignored and will be rewritten"
            )
        }
    }

    package func save(_ records: [PendingPush]) throws {
        if records.isEmpty {
            try files.remove(file)
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try files.write(try encoder.encode(Document(pending: records)), to: file, newFileMode: 0o600)
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): "malformed JSON: \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, _): "missing key `\(key.stringValue)`"
        case DecodingError.typeMismatch(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "\(error)"
        }
    }
}
