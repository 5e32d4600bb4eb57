import Foundation

/// `.claude/state/components/AC-09-session.json`, the state Jarvis keeps for this component. Each session is counted
/// as Jarvis' `/end-session` counts it: `metrics.total_sessions` and `metrics.clean_exits` go up by one,
/// `current_session` is reset for the next session, `last_modified` is now. `last_run` names the session counted,
/// so a run that continues or resumes the same session counts it once. Every other key stays as it was, in its
/// order; a missing file is created. Written before step 5, so that the session commit holds it.
package struct ComponentStateFile: Sendable {
    package static let path = ".claude/state/components/AC-09-session.json"

    let project: Project
    var url: URL { project.root.appendingPathComponent(Self.path) }

    package init(project: Project) { self.project = project }

    /// Counts the session; returns a warning when the file could not be read or written (it is then left alone).
    package func recordSession(_ sessionID: String, summary: String?, at date: Date, writer: ProjectWriter) -> String? {
        let found: Data?
        do { found = try ProjectFiles(project).read(url) } catch {
            return "\(Self.path) was not updated: \(ErrorSentence.describe(error))"
        }
        var state: OrderedJSON
        if let found {
            do { state = try OrderedJSON.parse(found) } catch {
                return "\(Self.path) is not valid JSON (\(error)); it was left as it is: fix it there"
            }
            guard case .object = state else { return "\(Self.path) does not hold a JSON object; it was left as it is" }
        } else {
            state = Self.initial(at: date)
        }
        let counted = state["last_run"]?["session_id"]?.stringValue == sessionID
        state = Self.updated(
            state,
            sessionID: SecretRedaction.redact(sessionID),
            counted: counted,
            summary: summary,
            at: date
        )
        do {
            try writer.write(state.pretty() + "\n", to: url)
            return nil
        } catch {
            return "\(Self.path) was not updated: \(ErrorSentence.describe(error))"
        }
    }

    static func updated(
        _ state: OrderedJSON,
        sessionID: String,
        counted: Bool,
        summary: String?,
        at date: Date
    )
        -> OrderedJSON
    {
        var metrics = state["metrics"] ?? .object([])
        if case .object = metrics {} else { metrics = .object([]) }
        if !counted {
            for key in ["total_sessions", "clean_exits"] {
                metrics = metrics.setting(key, .number(String(Self.integer(metrics[key]) + 1)))
            }
        }
        var current = state["current_session"] ?? .object([])
        if case .object = current {} else { current = .object([]) }
        current = current.setting("started", .null).setting("work_completed", .array([]))
            .setting("commits_made", .number("0")).setting("tier2_cycles_run", .array([]))
        var lastRun: [OrderedJSON.Member] = [
            .init(key: "session_id", value: .string(sessionID)),
            .init(key: "at", value: .string(Timestamp.iso(date))),
            .init(key: "tool", value: .string("jarvis-tui")),
        ]
        if let summary { lastRun.append(.init(key: "summary", value: .string(summary))) }
        return state.setting("last_modified", .string(Timestamp.iso(date))).setting("current_session", current)
            .setting("metrics", metrics).setting("last_run", .object(lastRun))
    }

    static func integer(_ value: OrderedJSON?) -> Int {
        guard case .number(let text) = value else { return 0 }
        return Int(text) ?? Double(text).map { Int($0) } ?? 0
    }

    static func initial(at date: Date) -> OrderedJSON {
        .object([
            .init(key: "component", value: .string("AC-09")),
            .init(key: "name", value: .string("session-completion")),
            .init(key: "status", value: .string("active")),
            .init(key: "created", value: .string(Timestamp.iso(date))),
            .init(
                key: "metrics",
                value: .object(
                    ["total_sessions", "clean_exits", "forced_exits"].map { .init(key: $0, value: .number("0")) }
                )
            ),
        ])
    }
}

extension OrderedJSON {
    /// The object with `key` set to `value`: in its place when present, else added at the end.
    package func setting(_ key: String, _ value: OrderedJSON) -> OrderedJSON {
        guard case .object(var members) = self else { return self }
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append(.init(key: key, value: value))
        }
        return .object(members)
    }
}
