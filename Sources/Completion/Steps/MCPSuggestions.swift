import Foundation
import Yams

/// One MCP server suggested for the next session, and why.
package struct MCPSuggestion: Sendable, Equatable {
    package let server: String
    package let reason: String
    package var text: String { "\(server) (\(reason))" }
}

/// Step 6's "configure MCPs for next session": the servers of `.mcp.json`, and of Jarvis' tier list
/// (`.claude/config/mcp-tiers.yaml`: `tier1`, `tier2`, `tier3` lists of names) when present, that fit what the
/// next session will do. A server fits when one of its words appears in the next step, a pending todo or a
/// blocker (built-in words for common servers, plus `mcp_keywords` from the config). The memory server and Tier 1
/// servers are always suggested.
package enum MCPSuggestions {
    static let tierListPath = ".claude/config/mcp-tiers.yaml"
    static let builtInWords: [String: [String]] = [
        "github": ["pull request", "pr", "issue", "review", "release", "ci"],
        "git": ["commit", "branch", "merge", "rebase", "bisect"],
        "context7": ["docs", "documentation", "library", "api", "framework"],
        "fetch": ["url", "http", "web page", "download"],
        "playwright": ["browser", "ui", "screenshot", "e2e", "webapp"],
        "puppeteer": ["browser", "ui", "screenshot", "e2e", "webapp"],
        "sequential-thinking": ["design", "architecture", "plan", "planning", "complex"],
        "time": ["schedule", "timestamp", "timezone", "deadline"],
        "filesystem": ["file", "folder", "directory"],
        "postgres": ["database", "sql", "query", "migration", "schema"],
        "sqlite": ["database", "sql", "query", "migration", "schema"],
        "docker": ["docker", "container", "image"],
        "brave-search": ["research", "search", "compare"],
        "duckduckgo": ["research", "search", "compare"],
        "perplexity": ["research", "search", "compare"],
    ]

    package static func suggest(_ record: SessionRecord, project: Project) -> [MCPSuggestion] {
        let tiers = tierList(project)
        let servers = configuredServers(project) + tiers.keys.sorted()
        var seen = Set<String>()
        var suggestions: [MCPSuggestion] = []
        let sources = [
            ("the next step", [record.nextStep ?? ""]), ("a pending todo", record.pendingTodos),
            ("a blocker", record.blockers),
        ]
        for server in servers where seen.insert(server).inserted {
            let tier = tiers[server].map { "Tier \($0)" }
            if server == "memory" || tiers[server] == 1 {
                let reason = server == "memory" ? "always: cross-session recall" : "Tier 1: always on"
                suggestions.append(MCPSuggestion(server: server, reason: reason))
                continue
            }
            let words = (builtInWords[server] ?? []) + (record.mcpKeywords[server] ?? [])
            guard let (word, place) = firstMatch(words, in: sources) else { continue }
            let reason = "“\(word)” in \(place)" + (tier.map { ", \($0)" } ?? "")
            suggestions.append(MCPSuggestion(server: server, reason: reason))
        }
        if !seen.contains("memory") {
            suggestions.insert(MCPSuggestion(server: "memory", reason: "always; none configured in .mcp.json"), at: 0)
        }
        return suggestions.sorted { ($0.server == "memory" ? 0 : 1) < ($1.server == "memory" ? 0 : 1) }
    }

    static func firstMatch(_ words: [String], in sources: [(String, [String])]) -> (String, String)? {
        for (place, texts) in sources {
            for text in texts {
                let lower = " " + String(text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " }) + " "
                if let word = words.first(where: { lower.contains(" \($0.lowercased()) ") }) { return (word, place) }
            }
        }
        return nil
    }

    /// The server names of `.mcp.json`, sorted.
    static func configuredServers(_ project: Project) -> [String] {
        guard let data = ProjectFiles(project).readIfSafe(project.mcpConfigFile),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let servers = json["mcpServers"] as? [String: Any]
        else { return [] }
        return servers.keys.sorted()
    }

    /// Jarvis' tier list: server name → tier (1, 2 or 3); empty when there is none or it cannot be read.
    static func tierList(_ project: Project) -> [String: Int] {
        let url = project.root.appendingPathComponent(tierListPath)
        guard let data = ProjectFiles(project).readIfSafe(url), let text = String(data: data, encoding: .utf8),
            let mapping = (try? Yams.compose(yaml: text))?.mapping
        else { return [:] }
        var tiers: [String: Int] = [:]
        for (tier, number) in [("tier1", 1), ("tier2", 2), ("tier3", 3)] {
            for name in mapping[tier]?.sequence ?? [] {
                if let server = name.string, tiers[server] == nil { tiers[server] = number }
            }
        }
        return tiers
    }
}
