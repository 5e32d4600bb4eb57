import Foundation

/// Adds jarvis-tui's three hooks to a Claude Code settings file without disturbing anything else:
/// keys keep their order and values their text, a hook that is already there is not added again (so running it
/// twice changes nothing, byte for byte), and a file that is not valid JSON is reported with its line and column
/// and left alone. The layout written is Claude Code's own (`JSON.stringify(settings, null, 2)`).
package enum ClaudeSettingsMerger {
    package struct Hook: Sendable, Equatable {
        package let event: String
        package let command: String
    }

    /// The entries `init` adds: `{"hooks": {EVENT: [{"matcher": "", "hooks": [{"type": "command", "command": …}]}]}}`.
    package static func hooks(_ invocation: ToolInvocation = ToolInvocation()) -> [Hook] {
        HookEvent.allCases.map { Hook(event: $0.claudeName, command: invocation.hookCommand($0.rawValue)) }
    }

    /// The events that already run a jarvis-tui hook in a settings file (nil or blank: none). Malformed JSON is
    /// reported as `merge` reports it: Claude Code would not read the file either.
    package static func presentEvents(in data: Data?, path: String) throws(ConfigurationError) -> Set<String> {
        // Merging into a copy tells which hooks it would add: the others are there already.
        let planned = try merge(existing: data, path: path)
        return Set(hooks().map(\.event)).subtracting(planned.added)
    }

    package struct Merge: Sendable, Equatable {
        /// The new file text; nil when nothing needs to change.
        package let text: String?
        /// The events a hook was added to.
        package let added: [String]
    }

    /// Plans the merge for the file's current bytes (nil: no file yet).
    /// `skipping`: events whose hook another settings file already runs (Claude Code would run both).
    package static func merge(
        existing: Data?,
        path: String,
        invocation: ToolInvocation = ToolInvocation(),
        skipping: Set<String> = []
    ) throws(ConfigurationError) -> Merge {
        var (root, endsWithNewline) = try rootMembers(of: existing, path: path)
        let hooksIndex = root.firstIndex { $0.key == "hooks" }
        var hooksObject: [OrderedJSON.Member] = []
        if let hooksIndex { hooksObject = try hookEvents(root[hooksIndex], path: path) }
        var added: [String] = []
        for hook in hooks(invocation) where !skipping.contains(hook.event) {
            if try add(hook, to: &hooksObject, path: path) { added.append(hook.event) }
        }
        guard !added.isEmpty else { return Merge(text: nil, added: []) }
        if let hooksIndex {
            root[hooksIndex].value = .object(hooksObject)
        } else {
            root.append(OrderedJSON.Member(key: "hooks", value: .object(hooksObject)))
        }
        return Merge(text: OrderedJSON.object(root).pretty() + (endsWithNewline ? "\n" : ""), added: added)
    }

    /// The top-level members of the file and whether it ends with a newline; none for a missing or blank file.
    private static func rootMembers(
        of existing: Data?,
        path: String
    ) throws(ConfigurationError) -> ([OrderedJSON.Member], Bool) {
        guard let existing, !String(decoding: existing, as: UTF8.self).allSatisfy(\.isWhitespace) else {
            return ([], true)
        }
        let parsed: OrderedJSON
        do {
            parsed = try OrderedJSON.parse(existing)
        } catch {
            throw ConfigurationError(
                file: path,
                line: error.line,
                column: error.column,
                message:
                    "malformed JSON: \(error.message). Fix it and run `jarvis-tui init` again; the file was not changed"
            )
        }
        guard case .object(let members) = parsed else {
            throw ConfigurationError(
                file: path,
                line: 1,
                column: 1,
                message: "the settings must be a JSON object ({ … }); the file was not changed"
            )
        }
        return (members, existing.last == UInt8(ascii: "\n"))
    }

    /// The event lists of the `hooks` member, which must be an object.
    private static func hookEvents(
        _ member: OrderedJSON.Member,
        path: String
    ) throws(ConfigurationError) -> [OrderedJSON.Member] {
        guard case .object(let members) = member.value else {
            throw ConfigurationError(
                file: path,
                line: member.line,
                column: member.column,
                message: "`hooks` must be an object mapping event names to lists; the file was not changed"
            )
        }
        return members
    }

    /// Appends the hook's matcher group to its event's list unless a group there already runs it; true when added.
    private static func add(
        _ hook: Hook,
        to hooksObject: inout [OrderedJSON.Member],
        path: String
    ) throws(ConfigurationError) -> Bool {
        let eventIndex = hooksObject.firstIndex { $0.key == hook.event }
        var groups: [OrderedJSON] = []
        if let eventIndex {
            guard case .array(let items) = hooksObject[eventIndex].value else {
                let member = hooksObject[eventIndex]
                throw ConfigurationError(
                    file: path,
                    line: member.line,
                    column: member.column,
                    message: "`hooks.\(hook.event)` must be a list of matcher groups; the file was not changed"
                )
            }
            groups = items
        }
        if groups.contains(where: { contains($0, hook) }) { return false }
        groups.append(entry(for: hook))
        if let eventIndex {
            hooksObject[eventIndex].value = .array(groups)
        } else {
            hooksObject.append(OrderedJSON.Member(key: hook.event, value: .array(groups)))
        }
        return true
    }

    static func entry(for hook: Hook) -> OrderedJSON {
        .object([
            OrderedJSON.Member(key: "matcher", value: .string("")),
            OrderedJSON.Member(
                key: "hooks",
                value: .array([
                    .object([
                        OrderedJSON.Member(key: "type", value: .string("command")),
                        OrderedJSON.Member(key: "command", value: .string(hook.command)),
                    ])
                ])
            ),
        ])
    }

    /// True when a matcher group already runs this hook, in any of the forms `init` writes (bare name, absolute
    /// path, the shared form that looks the tool up) or a user's own spelling of them.
    static func contains(_ group: OrderedJSON, _ hook: Hook) -> Bool {
        guard case .array(let entries)? = group["hooks"] else { return false }
        guard let event = HookEvent.allCases.first(where: { $0.claudeName == hook.event }) else { return false }
        return entries.contains { entry in
            guard let command = entry["command"]?.stringValue, command.contains(ToolInvocation.name) else {
                return false
            }
            let words = command.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return words.contains("hook \(event.rawValue)")
        }
    }
}
