import Foundation

/// `.claude/logs/session-completion.log`: one timestamped line per warning, failure and outcome, so a
/// problem can be found after the screen is gone.
final class CompletionLog: @unchecked Sendable {
    private let url: URL
    private let files: ProjectFiles
    private let enabled: Bool
    private let lock = NSLock()
    private var pending: [String] = []

    init(project: Project, enabled: Bool) {
        url = project.completionLog
        files = ProjectFiles(project)
        self.enabled = enabled
    }

    func note(_ level: String, _ message: String) {
        lock.lock(); defer { lock.unlock() }
        pending.append("\(Timestamp.iso(Date())) \(level) \(SecretPatterns.redact(TerminalText.inert(message)))")
    }

    /// Appends what was noted. Failures to log are not fatal: the log is the least important file.
    func flush() {
        lock.lock()
        let lines = pending
        pending.removeAll()
        lock.unlock()
        guard enabled, !lines.isEmpty else { return }
        try? files.append(lines.joined(separator: "\n") + "\n", to: url)
    }
}
