import Foundation

/// What a run leaves for Jarvis' own machinery around its steps: the exit-mode signal, created when the steps start
/// and removed on every way out (`end`, from a `defer`), and the `session_end` telemetry events at the start and
/// the end. A dry run marks nothing.
package final class JarvisRunMarks: Sendable {
    let project: Project
    let enabled: Bool
    /// Whether this run created the exit-mode signal (and so removes it).
    private let holdsSignal = Locked(false)

    package init(project: Project, enabled: Bool) {
        self.project = project
        self.enabled = enabled
    }

    /// Returns the warnings of marks that could not be made.
    package func begin(sessionID: String, at date: Date) -> [String] {
        guard enabled else { return [] }
        var warnings: [String] = []
        if let warning = ExitModeSignal(project: project).acquire() {
            warnings.append(warning)
        } else {
            holdsSignal.set(true)
        }
        let trigger = OrderedJSON.Member(key: "trigger", value: .string("jarvis-tui end-session"))
        if let warning = JarvisTelemetry(project: project).sessionEnd(
            phase: "start",
            sessionID: sessionID,
            data: [trigger],
            at: date
        ) {
            warnings.append(warning)
        }
        return warnings
    }

    /// The `phase: complete` event with what the run achieved.
    package func complete(
        _ status: ExitStatus,
        record: SessionRecord,
        quality: Int,
        elapsed: Duration,
        at date: Date
    )
        -> String?
    {
        guard enabled else { return nil }
        let finished = record.steps.filter { $0.outcome.kind != .skipped }.count
        let data: [OrderedJSON.Member] = [
            .init(key: "steps_completed", value: .number(String(finished))),
            .init(key: "exit_status", value: .number(String(status.rawValue))),
            .init(key: "handoff_quality", value: .number(String(quality))),
            .init(key: "duration_ms", value: .number(String(Int(elapsed.seconds * 1000)))),
        ]
        return JarvisTelemetry(project: project).sessionEnd(
            phase: "complete",
            sessionID: record.sessionID,
            data: data,
            at: date
        )
    }

    /// Removes the exit-mode signal this run created.
    package func end() {
        let held = holdsSignal.withLock { held in
            defer { held = false }
            return held
        }
        guard held else { return }
        ExitModeSignal(project: project).release()
    }
}
