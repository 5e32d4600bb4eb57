import Foundation

/// Where a session's conversation is kept in the project: `.claude/archives/sessions/<day[-N]>-<session>.jsonl.zst`
/// (the transcript, zstd-compressed, byte for byte) and `<day[-N]>-<session>.md` (the condensed digest).
/// Claude Code deletes its transcripts after 30 days; these copies are what survives.
package struct TranscriptArchive: Sendable {
    package let folder: URL
    package let stem: String
    /// The project's files: the archive's folders are made without following a link.
    package let files: ProjectFiles

    package init(project: Project, record: SessionRecord) {
        folder = project.archivesFolder
        files = ProjectFiles(project)
        stem = "\(record.dayWithOrdinal)-\(Self.safeName(record.sessionID))"
    }

    package var compressedCopy: URL { folder.appendingPathComponent("\(stem).jsonl.zst") }
    package var digest: URL { folder.appendingPathComponent("\(stem).md") }

    /// Letters, digits, `-`, `_` and `.` only, at most 80 characters: a session id cannot leave the folder.
    static func safeName(_ text: String) -> String {
        let mapped = text.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar))
                ? Character(scalar) : "_"
        }
        let name = String(mapped.prefix(80)).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return name.isEmpty ? "session" : name
    }

    /// The pointer line for the summary and the checkpoint: path, session id, size, first and last timestamp.
    package static func pointer(
        to location: TranscriptLocation,
        analysis: TranscriptAnalysis?,
        sessionID: String
    ) -> String {
        let size =
            analysis?.bytes
            ?? ((try? FileManager.default.attributesOfItem(atPath: location.url.path)[.size] as? NSNumber)?.intValue
                ?? 0)
        var parts = ["session \(analysis?.statistics.sessionID ?? sessionID)", megabytes(size)]
        if let stats = analysis?.statistics, let first = stats.firstTimestamp, let last = stats.lastTimestamp {
            parts.append("\(Timestamp.iso(first)) → \(Timestamp.iso(last))")
        }
        if let subagents = analysis?.subagentFiles.count, subagents > 0 {
            parts.append("\(subagents) subagent transcript\(subagents == 1 ? "" : "s") counted")
        }
        parts.append("found via \(location.source.rawValue)")
        return "Transcript: `\(location.url.path)` (\(parts.joined(separator: ", ")))"
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 20
            ? String(format: "%.1f MB", Double(bytes) / 1_048_576)
            : String(format: "%.0f KB", (Double(bytes) / 1024).rounded(.up))
    }
}
