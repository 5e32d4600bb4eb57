import Foundation

/// A project that uses the Jarvis layout: a folder with a `.claude/` directory, and the files of that layout.
package struct Project: Sendable, Equatable {
    package let root: URL

    package init(root: URL) {
        self.root = root.standardizedFileURL
    }

    package var name: String { root.lastPathComponent }
    package var claude: URL { root.appendingPathComponent(".claude", isDirectory: true) }

    package var configFile: URL { claude.appendingPathComponent("config/autonomy-config.yaml") }
    package var contextFolder: URL { claude.appendingPathComponent("context", isDirectory: true) }
    package var sessionStateFile: URL { contextFolder.appendingPathComponent("session-state.md") }
    package var prioritiesFile: URL { contextFolder.appendingPathComponent("current-priorities.md") }
    package var checkpointFile: URL { contextFolder.appendingPathComponent(".checkpoint.md") }
    package var softRestartCheckpoint: URL { contextFolder.appendingPathComponent(".soft-restart-checkpoint.md") }
    package var memoryQueueFile: URL { contextFolder.appendingPathComponent("memory-queue.jsonl") }
    package var summariesFolder: URL { claude.appendingPathComponent("reports/sessions", isDirectory: true) }
    package var archivesFolder: URL { claude.appendingPathComponent("archives/sessions", isDirectory: true) }
    package var metricsFile: URL { claude.appendingPathComponent("metrics/AC-09-sessions.jsonl") }
    package var dailyAggregatesFolder: URL {
        claude.appendingPathComponent("metrics/aggregates/daily", isDirectory: true)
    }
    package var logsFolder: URL { claude.appendingPathComponent("logs", isDirectory: true) }
    package var sessionStatsFile: URL { logsFolder.appendingPathComponent("session-stats.jsonl") }
    package var completionLog: URL { logsFolder.appendingPathComponent("session-completion.log") }
    package var tempStateFolder: URL { claude.appendingPathComponent("state/temp", isDirectory: true) }
    package var cacheFolder: URL { claude.appendingPathComponent("cache", isDirectory: true) }
    /// Where jarvis-tui keeps its own run records (manifest, journal, pending push, ended sessions).
    package var toolStateFolder: URL { claude.appendingPathComponent("state/jarvis-tui", isDirectory: true) }
    package var watcherPIDFile: URL { claude.appendingPathComponent("state/watcher.pid") }
    /// Jarvis v6's JICM watcher writes its process id here.
    package var jicmWatcherPIDFile: URL { contextFolder.appendingPathComponent(".jicm-watcher.pid") }
    package var mcpConfigFile: URL { root.appendingPathComponent(".mcp.json") }
    package var commandsFolder: URL { claude.appendingPathComponent("commands", isDirectory: true) }
    package var settingsFile: URL { claude.appendingPathComponent("settings.json") }
    /// Claude Code's personal settings: where `init` puts the hooks unless asked to share them.
    package var localSettingsFile: URL { root.appendingPathComponent(Self.localSettingsPath) }
    package static let localSettingsPath = ".claude/settings.local.json"

    /// The project-relative path of a file inside it.
    package func relativePath(of url: URL) -> String {
        let full = url.standardizedFileURL.path
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return full.hasPrefix(base) ? String(full.dropFirst(base.count)) : full
    }

    /// The nearest folder at or above `start` that holds a `.claude/` directory.
    /// Bounded by the depth of `start`: a path that never reaches `/` (a relative one made from a working
    /// directory that was deleted) ends the search instead of climbing forever.
    package static func discover(from start: URL) -> Project? {
        var folder = start.standardizedFileURL
        guard folder.path.hasPrefix("/") else { return nil }
        for _ in 0...folder.pathComponents.count {
            var isDirectory: ObjCBool = false
            let candidate = folder.appendingPathComponent(".claude").path
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
                return Project(root: folder)
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path || folder.path == "/" { return nil }
            folder = parent
        }
        return nil
    }
}

package struct ProjectNotFound: Error, CustomStringConvertible {
    package let start: String
    package init(start: String) { self.start = start }
    package var description: String {
        "no .claude/ folder in \(start) or any folder above it. Run `jarvis-tui init` in your project first, or pass --project DIR."
    }
}
