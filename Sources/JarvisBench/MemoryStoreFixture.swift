import Foundation

/// A memory server store of a long-lived project, in the JSONL format of the reference server (and of
/// `memory-test-server`): past sessions, pull requests and components with observations, and relations among them.
enum MemoryStoreFixture {
    static func write(entities count: Int, to url: URL) throws {
        var lines: [String] = []
        lines.reserveCapacity(count * 2)
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        func entity(_ name: String, _ type: String, _ observations: [String]) -> String {
            "{\"entityType\":\(quoted(type)),\"name\":\(quoted(name)),\"observations\":[\(observations.map(quoted).joined(separator: ","))],\"type\":\"entity\"}"
        }
        func relation(_ from: String, _ to: String, _ type: String) -> String {
            "{\"from\":\(quoted(from)),\"relationType\":\(quoted(type)),\"to\":\(quoted(to)),\"type\":\"relation\"}"
        }
        let sessions = count / 5, pullRequests = count / 10, components = count - sessions - pullRequests
        for k in 0..<components {
            lines.append(
                entity(
                    "Component_module\(k / 100)_file\(k)",
                    "component",
                    [
                        "Lives in src/module\(k / 100)/file\(k).swift", "Owned by team \(k % 7)",
                        "Last touched in PR-\(k % pullRequests)",
                    ]
                )
            )
        }
        for k in 0..<pullRequests {
            lines.append(
                entity(
                    "PR-\(k)",
                    "pull_request",
                    ["Merged after review \(k % 3 + 1) rounds", "Touches \(k % 40 + 1) files"]
                )
            )
        }
        for k in 0..<sessions {
            let day = String(format: "2025-%02d-%02d", k % 12 + 1, k % 28 + 1)
            lines.append(
                entity(
                    "Session_\(day)_\(k)",
                    "session",
                    [
                        "Accomplished: step \(k) of the roadmap", "Decision: keep change \(k) behind a flag",
                        "Next: PR-\((k + 1) % pullRequests)",
                    ]
                )
            )
            lines.append(relation("Session_\(day)_\(k)", "PR-\(k % pullRequests)", "worked_on"))
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
    }
}
