import Foundation

/// One item of Claude Code's todo list, in either shape it has been written in: the old
/// `{id, content, status, priority}` and the current `{content, status, activeForm}`.
package struct TodoItem: Sendable, Equatable {
    package enum Status: String, Sendable {
        case pending
        case inProgress = "in_progress"
        case completed
    }

    package var content: String
    package var status: Status

    package init(content: String, status: Status) {
        self.content = content
        self.status = status
    }

    /// Items from a decoded JSON array; entries without content or with an unknown status are left out.
    static func list(from json: Any?) -> [TodoItem]? {
        guard let array = json as? [Any] else { return nil }
        return array.compactMap { element in
            guard let object = element as? [String: Any],
                let content = (object["content"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines),
                !content.isEmpty,
                let raw = object["status"] as? String, let status = Status(rawValue: raw)
            else { return nil }
            return TodoItem(content: content, status: status)
        }
    }
}

/// The session's todo list and where it came from.
package struct SessionTodos: Sendable, Equatable {
    package var items: [TodoItem]
    /// `~/.claude/todos/<file>` or "the last TodoWrite in the transcript".
    package var source: String

    package var pending: [String] { items.filter { $0.status != .completed }.map(\.content) }
    package var completed: [String] { items.filter { $0.status == .completed }.map(\.content) }

    /// Pending and in-progress items become pending todos, completed ones accomplishments; nothing twice.
    package func apply(to record: inout SessionRecord) {
        for item in pending where !record.pendingTodos.contains(item) { record.pendingTodos.append(item) }
        for item in completed where !record.accomplishments.contains(item) { record.accomplishments.append(item) }
    }

    /// `<root>/todos/<session>-agent-*.json` under each Claude config root: the main agent's file
    /// (`<session>-agent-<session>.json`) when present, else the newest non-empty one.
    static func fromTodoFiles(sessionID: String, configRoots: [URL], warnings: inout [String]) -> SessionTodos? {
        let prefix = sessionID + "-agent-"
        for root in configRoots {
            let folder = root.appendingPathComponent("todos", isDirectory: true)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            let matching = names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }
            let ordered = matching.sorted { a, b in
                if a == "\(prefix)\(sessionID).json" { return true }
                if b == "\(prefix)\(sessionID).json" { return false }
                return modified(folder.appendingPathComponent(a)) > modified(folder.appendingPathComponent(b))
            }
            for name in ordered {
                let url = folder.appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: url.path) else { continue }
                guard let json = try? JSONSerialization.jsonObject(with: data), let items = TodoItem.list(from: json)
                else {
                    warnings.append(
                        "todo file \(url.path) is not a JSON array of todos; ignored (Claude Code rewrites it on the next TodoWrite)"
                    )
                    continue
                }
                if !items.isEmpty { return SessionTodos(items: items, source: url.path) }
            }
        }
        return nil
    }

    /// The `todos` input of a TodoWrite tool call, from the raw bytes of the assistant line that holds it.
    static func fromTodoWriteLine(_ line: Data) -> [TodoItem]? {
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
            let message = object["message"] as? [String: Any],
            let content = message["content"] as? [Any]
        else { return nil }
        var found: [TodoItem]?
        for case let block as [String: Any] in content
        where block["type"] as? String == "tool_use" && block["name"] as? String == "TodoWrite" {
            if let input = block["input"] as? [String: Any], let items = TodoItem.list(from: input["todos"]) {
                found = items
            }
        }
        return found
    }

    private static func modified(_ url: URL) -> Date {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? .distantPast
    }
}
