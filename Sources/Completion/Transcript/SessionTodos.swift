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

extension TranscriptByteCursor {
    /// One todo object at `i`: the raw (still escaped) bytes of its `content` string and its status when known.
    /// The content is decoded only for the items kept: decoding and trimming every item of a list of 600 000 was
    /// most of the time spent on it.
    mutating func todoFields() throws(TranscriptScanError) -> (content: Range<Int>?, status: TodoItem.Status?) {
        var content: Range<Int>?, status: String?
        try object { (c: inout TranscriptByteCursor, key: Range<Int>) throws(TranscriptScanError) in
            if c.keyIs(key, TodoKeys.content) {
                content = nil
                if try c.peek() == UInt8(ascii: "\"") { content = try c.stringRange() } else { try c.skipValue() }
            } else if c.keyIs(key, TodoKeys.status) {
                status = try c.optionalString()
            } else {
                try c.skipValue()
            }
        }
        return (content, status.flatMap(TodoItem.Status.init(rawValue:)))
    }

    /// The string whose raw bytes are `range`, decoded and trimmed; nil when nothing is left.
    func todoText(_ range: Range<Int>) -> String? {
        let raw = UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
        let text = Self.decode(raw).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// Whether the string at `range` keeps some text once trimmed, told from its raw bytes: an ASCII byte that
    /// is not whitespace, in a string without escapes. False when only decoding can tell.
    func surelyHasText(_ range: Range<Int>) -> Bool {
        var text = false
        for index in range {
            let byte = base[index]
            if byte == UInt8(ascii: "\\") { return false }
            if byte < 0x80, byte != 0x20, byte < 0x09 || byte > 0x0D { text = true }
        }
        return text
    }
}

private enum TodoKeys {
    static let content = Array("content".utf8)
    static let status = Array("status".utf8)
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
        // Sets, not `contains` on the lists: a list of many thousands of items made this the square of its length.
        var knownTodos = Set(record.pendingTodos), known = Set(record.accomplishments)
        for item in pending where knownTodos.insert(item).inserted { record.pendingTodos.append(item) }
        for item in completed where known.insert(item).inserted { record.accomplishments.append(item) }
    }

    /// At most this many items of each status are kept from a todo file: a real list holds a few dozen, and one of
    /// millions (a runaway agent, a hostile file) must not be copied into every file the run writes.
    static let keptPerStatus = 200

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
                switch read(url) {
                case .refused(let reason):
                    warnings.append(
                        "todo file \(url.path) \(reason); ignored (Claude Code rewrites it on the next TodoWrite)"
                    )
                case .read(let items, let total):
                    if total > items.count {
                        warnings.append(
                            "todo file \(url.path) lists \(total) todos; the first \(keptPerStatus) of each status are kept"
                        )
                    }
                    if !items.isEmpty { return SessionTodos(items: items, source: url.path) }
                case nil:
                    continue
                }
            }
        }
        return nil
    }

    /// A todo file read in chunks (`TodoArrayReader`): a file of 90 MB read whole was most of a run's memory. Nil
    /// when it cannot be opened (it went away, or it is not readable), which leaves it out as a missing file would.
    static func read(_ url: URL) -> TodoArrayReader.Result? {
        let fd: Int32
        do {
            fd = try RegularFileInput.open(url.path)
        } catch {
            var info = stat()
            guard stat(url.path, &info) == 0, info.st_mode & S_IFMT != S_IFREG else { return nil }
            return .refused("is \(RegularFileInput.describe(info.st_mode)), not a file")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var reader = TodoArrayReader(keepingPerStatus: keptPerStatus)
        do {
            try FileChunks.forEach(fd, length: Int(info.st_size), path: url.path) { reader.feed($0) }
        } catch {
            return .refused("could not be read: \((error as? FileReadError)?.reason ?? ErrorSentence.describe(error))")
        }
        return reader.finish()
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
