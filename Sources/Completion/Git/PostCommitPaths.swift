/// Paths the tool writes after the session commit, or that are run-local: they must never be committed and are
/// ignored by `init` (and through `.git/info/exclude` when a project was not initialised), so that a completed
/// run leaves the working tree clean.
package enum PostCommitPaths {
    package static let ignoreRules = [
        ".claude/context/.checkpoint.md",
        ".claude/context/.soft-restart-checkpoint.md",
        ".claude/context/memory-queue.jsonl",
        // Jarvis' runtime signals: the exit-mode signal exists while a completion runs, the watcher's PID file
        // while the watcher does.
        ".claude/context/.jicm-exit-mode.signal",
        ".claude/context/.jicm-watcher.pid",
        ".claude/logs/",
        ".claude/metrics/",
        ".claude/state/temp/",
        ".claude/state/jarvis-tui/",
        ".claude/cache/",
        ".claude/archives/",
    ]

    /// True when the project-relative path is one the tool owns after the commit (see `ignoreRules`).
    package static func isToolOwned(_ path: String) -> Bool {
        ignoreRules.contains { rule in
            rule.hasSuffix("/") ? path.hasPrefix(rule) : path == rule
        }
    }
}
