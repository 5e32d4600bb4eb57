import Foundation

/// The user's own Claude Code configuration file, `~/.claude.json` (`$CLAUDE_CONFIG_DIR/.claude.json` when that is
/// set): the MCP servers the user added for every project (`mcpServers`) and for one project
/// (`projects[<absolute path>].mcpServers`), whether the user trusted a project folder in Claude Code, and the
/// approvals older Claude Code versions kept per project. Only the user writes this file, so what it declares
/// needs no approval.
package struct ClaudeUserConfiguration: Sendable {
    /// The file is Claude Code's whole state (history included); past this size it is not read.
    package static let maximumFileSize = 64 << 20

    /// How the file is named in messages (`~/.claude.json`).
    package let shownPath: String
    /// The top-level object; empty when the file is missing or unreadable.
    let root: [String: AnySendable]
    /// Why the file could not be used, for a warning; nil when it was read or does not exist.
    package let problem: String?

    package static func file(environment: [String: String]) -> URL {
        if let folder = environment["CLAUDE_CONFIG_DIR"]?.split(separator: ",").first
            .map({ String($0).trimmingCharacters(in: .whitespaces) }), !folder.isEmpty
        {
            return URL(fileURLWithPath: (folder as NSString).expandingTildeInPath)
                .appendingPathComponent(".claude.json")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".claude.json")
    }

    package static func load(environment: [String: String]) -> ClaudeUserConfiguration {
        let url = file(environment: environment)
        let shown = environment["CLAUDE_CONFIG_DIR"].map { _ in url.path } ?? "~/.claude.json"
        guard let object = SettingsFile.readObject(url, shown: shown, limit: maximumFileSize) else {
            return ClaudeUserConfiguration(shownPath: shown, root: [:], problem: nil)
        }
        switch object {
        case .success(let root):
            return ClaudeUserConfiguration(shownPath: shown, root: root.mapValues(AnySendable.init), problem: nil)
        case .failure(let problem):
            return ClaudeUserConfiguration(shownPath: shown, root: [:], problem: problem.message)
        }
    }

    /// `projects[<path>]` for the project's root as given or with its links resolved (Claude Code keys it by the
    /// folder it was started in).
    func projectEntry(_ project: Project) -> [String: Any]? {
        guard let projects = root["projects"]?.value as? [String: Any] else { return nil }
        for path in [project.root.path, project.root.resolvingSymlinksInPath().path] {
            if let entry = projects[path] as? [String: Any] { return entry }
        }
        return nil
    }

    /// The server the user added for this project only (Claude Code's "local" scope).
    func localServer(_ name: String, project: Project) -> Any? {
        (projectEntry(project)?["mcpServers"] as? [String: Any])?[name]
    }

    /// The server the user added for every project (Claude Code's "user" scope).
    func userServer(_ name: String) -> Any? {
        (root["mcpServers"]?.value as? [String: Any])?[name]
    }

    /// True when the user accepted Claude Code's trust dialog for this folder.
    func trusts(_ project: Project) -> Bool {
        projectEntry(project)?["hasTrustDialogAccepted"] as? Bool == true
    }
}

/// A JSON value parsed by `JSONSerialization`, carried across concurrency domains: it is never mutated.
struct AnySendable: @unchecked Sendable {
    // Unchecked: `Any` hides the type; the value is JSONSerialization's output, which nothing mutates.
    let value: Any
    init(_ value: Any) { self.value = value }
}
