import Foundation

/// `.claude/logs/runs/<run-id>.log`: every event of a run, one line each, so what scrolled past on the screen
/// (a cycle's output, "pushed main to origin/main", the questions and answers) can still be read tomorrow. It sits
/// between the engine and every front end, so plain and JSON runs get it too.
///
/// The file is made when the first cycle or step starts: a run that ends before that (the emergency stop, another
/// run's lock, a destructive operation it gave way to, nothing new to complete) promised to write nothing, and
/// does not. From then on it grows by appends at each milestone, so a run that is killed keeps what it logged. The
/// newest `kept` logs stay; older ones are removed when a run finishes.
package final class RunLogFile: Sendable {
    static let kept = 50
    /// Lines wait in memory up to this many bytes between milestones (a cycle printing fast).
    static let flushBytes = 64 * 1024

    private let project: Project
    private let files: ProjectFiles
    private let enabled: Bool
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private let state = Locked(State())

    private struct State {
        /// Where the log goes, known from the start of the run.
        var location: URL?
        /// Set once the run began its work: only then is the file written.
        var url: URL?
        var pending = ""
        var failure: String?
        var failureReported = false
    }

    init(project: Project, enabled: Bool) {
        self.project = project
        files = ProjectFiles(project)
        self.enabled = enabled
        started = clock.now
    }

    /// `.claude/logs/runs/`, git-ignored with the rest of `.claude/logs/`.
    package static func folder(_ project: Project) -> URL {
        project.logsFolder.appendingPathComponent("runs", isDirectory: true)
    }

    /// Where the log of the run `info` describes is written.
    package static func location(project: Project, info: RunInfo) -> URL {
        Self.folder(project).appendingPathComponent(
            RunManifestStore.runID(date: info.startedAt, sessionID: info.sessionID) + ".log"
        )
    }

    /// Logs an event. Returns a warning, once, when the file could not be written (the run goes on without it).
    func record(_ event: CompletionEvent) -> String? {
        guard enabled else { return nil }
        return state.withLock { state in
            if case .runStarted(let info) = event {
                state.location = Self.location(project: project, info: info)
                state.pending =
                    "# jarvis-tui run log: \(TerminalText.inert(info.sessionID)), started \(Timestamp.iso(info.startedAt))\n"
                    + state.pending
            }
            if state.url == nil, Self.startsWork(event) { state.url = state.location }
            if let entry = RunLogEntry.make(event, at: clock.now - started) { state.pending += entry.line + "\n" }
            if Self.isMilestone(event) || state.pending.utf8.count >= Self.flushBytes { flush(&state) }
            if case .finished = event { finish(state) }
            guard let failure = state.failure, !state.failureReported else { return nil }
            state.failureReported = true
            return
                "the run log was not written (\(failure)); the events are still in the session summary and this output"
        }
    }

    private static func startsWork(_ event: CompletionEvent) -> Bool {
        switch event {
        case .cycleStarted, .stepStarted: true
        default: false
        }
    }

    private static func isMilestone(_ event: CompletionEvent) -> Bool {
        switch event {
        case .cycleOutput, .stepProgress: false
        default: true
        }
    }

    /// Appends what waits; before the run started there is no file yet and the lines keep waiting.
    private func flush(_ state: inout State) {
        guard let url = state.url, state.failure == nil, !state.pending.isEmpty else { return }
        do {
            try files.append(state.pending, to: url, newFileMode: 0o600)
            state.pending = ""
        } catch {
            state.failure = ErrorSentence.describe(error)
            state.pending = ""
        }
    }

    /// The newest `kept` logs stay; run ids begin with the time, so the names sort oldest first.
    private func finish(_ state: State) {
        guard state.url != nil, let names = try? files.list(Self.folder(project)) else { return }
        let logs = names.filter { $0.hasSuffix(".log") }.sorted()
        for name in logs.dropLast(Self.kept) {
            _ = try? files.remove(Self.folder(project).appendingPathComponent(name))
        }
    }
}
