import Foundation

/// A project that uses the Jarvis layout: a folder with a `.claude/` directory, and the files of that layout.
public struct Project: Sendable, Equatable {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public var name: String { root.lastPathComponent }
    public var claude: URL { root.appendingPathComponent(".claude", isDirectory: true) }

    public var configFile: URL { claude.appendingPathComponent("config/autonomy-config.yaml") }
    public var contextFolder: URL { claude.appendingPathComponent("context", isDirectory: true) }
    public var sessionStateFile: URL { contextFolder.appendingPathComponent("session-state.md") }
    public var prioritiesFile: URL { contextFolder.appendingPathComponent("current-priorities.md") }
    public var checkpointFile: URL { contextFolder.appendingPathComponent(".checkpoint.md") }
    public var softRestartCheckpoint: URL { contextFolder.appendingPathComponent(".soft-restart-checkpoint.md") }
    public var memoryQueueFile: URL { contextFolder.appendingPathComponent("memory-queue.jsonl") }
    public var summariesFolder: URL { claude.appendingPathComponent("reports/sessions", isDirectory: true) }
    public var archivesFolder: URL { claude.appendingPathComponent("archives/sessions", isDirectory: true) }
    public var metricsFile: URL { claude.appendingPathComponent("metrics/AC-09-sessions.jsonl") }
    public var dailyAggregatesFolder: URL { claude.appendingPathComponent("metrics/aggregates/daily", isDirectory: true) }
    public var logsFolder: URL { claude.appendingPathComponent("logs", isDirectory: true) }
    public var sessionStatsFile: URL { logsFolder.appendingPathComponent("session-stats.jsonl") }
    public var completionLog: URL { logsFolder.appendingPathComponent("session-completion.log") }
    public var tempStateFolder: URL { claude.appendingPathComponent("state/temp", isDirectory: true) }
    public var cacheFolder: URL { claude.appendingPathComponent("cache", isDirectory: true) }
    /// Where jarvis-tui keeps its own run records (manifest, journal, pending push, ended sessions).
    public var toolStateFolder: URL { claude.appendingPathComponent("state/jarvis-tui", isDirectory: true) }
    public var watcherPIDFile: URL { claude.appendingPathComponent("state/watcher.pid") }
    public var mcpConfigFile: URL { root.appendingPathComponent(".mcp.json") }
    public var commandsFolder: URL { claude.appendingPathComponent("commands", isDirectory: true) }
    public var settingsFile: URL { claude.appendingPathComponent("settings.json") }
    /// Claude Code's personal settings: where `init` puts the hooks unless asked to share them.
    public var localSettingsFile: URL { root.appendingPathComponent(Self.localSettingsPath) }
    public static let localSettingsPath = ".claude/settings.local.json"

    /// The project-relative path of a file inside it.
    public func relativePath(of url: URL) -> String {
        let full = url.standardizedFileURL.path
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return full.hasPrefix(base) ? String(full.dropFirst(base.count)) : full
    }

    /// The nearest folder at or above `start` that holds a `.claude/` directory.
    /// Bounded by the depth of `start`: a path that never reaches `/` (a relative one made from a working
    /// directory that was deleted) ends the search instead of climbing forever.
    public static func discover(from start: URL) -> Project? {
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

public struct ProjectNotFound: Error, CustomStringConvertible {
    public let start: String
    public init(start: String) { self.start = start }
    public var description: String {
        "no .claude/ folder in \(start) or any folder above it. Run `jarvis-tui init` in your project first, or pass --project DIR."
    }
}
