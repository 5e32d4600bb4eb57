import Foundation

/// Jarvis' telemetry log: `.claude/logs/telemetry/events-YYYY-MM-DD.jsonl` (the UTC day), one event per line in
/// the shape its `telemetry-emitter.js` writes (`timestamp`, `component`, `event_type`, `session_id`, `data`,
/// `metadata`). AC-09 emits `session_end` twice: `phase: start` when the steps begin, `phase: complete` at the
/// end. Written only where the folder exists: a project without Jarvis' telemetry gets no new folder.
package struct JarvisTelemetry: Sendable {
    let project: Project
    var folder: URL { project.logsFolder.appendingPathComponent("telemetry", isDirectory: true) }

    package init(project: Project) { self.project = project }

    package func file(for date: Date) -> URL {
        folder.appendingPathComponent("events-\(Timestamp.iso(date).prefix(10)).jsonl")
    }

    /// Appends one `session_end` event; returns a warning when the folder exists but the line cannot be added.
    package func sessionEnd(phase: String, sessionID: String, data: [OrderedJSON.Member], at date: Date) -> String? {
        guard (try? ProjectFiles(project).find(folder)) == .folder else { return nil }
        let event = OrderedJSON.object([
            .init(key: "timestamp", value: .string(Timestamp.iso(date))),
            .init(key: "component", value: .string("AC-09")),
            .init(key: "event_type", value: .string("session_end")),
            .init(key: "session_id", value: .string(SecretRedaction.redact(sessionID))),
            .init(key: "data", value: .object([.init(key: "phase", value: .string(phase))] + data)),
            .init(key: "metadata", value: .object([.init(key: "source", value: .string("jarvis-tui"))])),
        ])
        do {
            try ProjectFiles(project).append(event.compact + "\n", to: file(for: date))
            return nil
        } catch {
            return "the telemetry event was not written: \(ErrorSentence.describe(error))"
        }
    }
}
