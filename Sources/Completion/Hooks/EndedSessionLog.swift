import Foundation

/// A Claude Code session that ended (SessionEnd hook), so a later `end-session` or `session-start` can complete it.
package struct EndedSession: Sendable, Equatable {
    package var sessionID: String?
    package var transcriptPath: String?
    package var cwd: String?
    package var endedAt: String
    package var reason: String?

    package init(sessionID: String?, transcriptPath: String?, cwd: String?, endedAt: String, reason: String?) {
        self.sessionID = sessionID
        self.transcriptPath = transcriptPath
        self.cwd = cwd
        self.endedAt = endedAt
        self.reason = reason
    }

    /// `{"session_id","transcript_path","cwd","ended_at","reason"}` in that order (missing values are null).
    package var jsonLine: String {
        func value(_ text: String?) -> String { text.map(OrderedJSON.quote) ?? "null" }
        return "{\"session_id\":\(value(sessionID)),\"transcript_path\":\(value(transcriptPath)),\"cwd\":\(value(cwd)),"
            + "\"ended_at\":\(value(endedAt)),\"reason\":\(value(reason))}"
    }

    package var endedDate: Date? { Timestamp.parseISO(endedAt) }
}

/// `.claude/state/jarvis-tui/sessions.jsonl`: one line per ended session.
///
/// Appended with one `write` on an `O_APPEND` descriptor rather than temp-file-and-rename: two windows closing at
/// once must not lose each other's line, and SessionEnd hooks get about 1.5 s. A line cut short by a crash is
/// skipped by the reader. When the file passes `maxBytes` it is trimmed (atomically) to its newest lines.
package enum EndedSessionLog {
    package static let maxBytes = 512 * 1024
    package static let keepLines = 1_000

    package static func file(_ project: Project) -> URL {
        project.toolStateFolder.appendingPathComponent("sessions.jsonl")
    }

    package static func append(_ session: EndedSession, to project: Project) throws {
        let url = file(project)
        let files = ProjectFiles(project)
        try files.append(session.jsonLine + "\n", to: url, newFileMode: 0o600)
        if let info = try files.entryInfo(url), Int(info.st_size) > maxBytes { try trim(url, files: files) }
    }

    static func trim(_ url: URL, files: ProjectFiles) throws {
        guard let data = try files.read(url) else { return }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        try files.write(lines.suffix(keepLines).joined(separator: "\n") + "\n", to: url, newFileMode: 0o600)
    }

    /// The readable records, oldest first as written; lines that are not such records are skipped.
    package static func read(_ project: Project) -> [EndedSession] {
        guard let data = ProjectFiles(project).readIfSafe(file(project)) else { return [] }
        var sessions: [EndedSession] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let value = try? OrderedJSON.parse(Data(line)), case .object = value,
                let endedAt = value["ended_at"]?.stringValue
            else { continue }
            sessions.append(
                EndedSession(
                    sessionID: value["session_id"]?.stringValue,
                    transcriptPath: value["transcript_path"]?.stringValue,
                    cwd: value["cwd"]?.stringValue,
                    endedAt: endedAt,
                    reason: value["reason"]?.stringValue
                )
            )
        }
        return sessions
    }
}
