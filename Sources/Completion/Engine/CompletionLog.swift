import Foundation

/// `.claude/logs/session-completion.log`: one timestamped line per warning, failure and outcome, so a
/// problem can be found after the screen is gone.
final class CompletionLog: Sendable {
    private let url: URL
    private let files: ProjectFiles
    private let enabled: Bool
    private let pending = Locked<[String]>([])

    init(project: Project, enabled: Bool) {
        url = project.completionLog
        files = ProjectFiles(project)
        self.enabled = enabled
    }

    func note(_ level: String, _ message: String) {
        let line = "\(Timestamp.iso(Date())) \(level) \(SecretPatterns.redact(TerminalText.inert(message)))"
        pending.withLock { $0.append(line) }
    }

    /// Appends what was noted. Failures to log are not fatal: the log is the least important file.
    func flush() {
        let lines = pending.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        guard enabled, !lines.isEmpty else { return }
        try? files.append(lines.joined(separator: "\n") + "\n", to: url)
    }
}
