import Foundation

@testable import Completion

/// Hook payloads as Claude Code sends them on stdin (the real field names), for a project on disk.
enum HooksPayload {
    static func json(_ fields: [String: String?]) -> Data {
        let order = [
            "session_id", "transcript_path", "cwd", "hook_event_name", "permission_mode", "prompt", "source", "reason",
        ]
        var members: [String] = []
        for key in order where fields.keys.contains(key) {
            members.append("\(OrderedJSON.quote(key)): \(fields[key]!.map(OrderedJSON.quote) ?? "null")")
        }
        return Data("{\(members.joined(separator: ", "))}".utf8)
    }

    static func userPromptSubmit(
        _ prompt: String,
        cwd: String,
        session: String = "5f1c9b2e-7d1a-4c3e-9a53-0c1d2e3f4a5b"
    ) -> Data {
        json([
            "session_id": session, "transcript_path": "/home/user/.claude/projects/-work-app/\(session).jsonl",
            "cwd": cwd,
            "hook_event_name": "UserPromptSubmit", "permission_mode": "default", "prompt": prompt,
        ])
    }

    static func sessionStart(
        cwd: String,
        source: String = "startup",
        session: String = "9a8b7c6d-0000-4000-8000-000000000001"
    ) -> Data {
        json([
            "session_id": session, "transcript_path": "/home/user/.claude/projects/-work-app/\(session).jsonl",
            "cwd": cwd,
            "hook_event_name": "SessionStart", "source": source,
        ])
    }

    static func sessionEnd(cwd: String, session: String, reason: String = "prompt_input_exit") -> Data {
        json([
            "session_id": session, "transcript_path": "/home/user/.claude/projects/-work-app/\(session).jsonl",
            "cwd": cwd,
            "hook_event_name": "SessionEnd", "reason": reason,
        ])
    }
}

/// A temporary project with a `.claude/` folder.
struct HooksTestProject {
    let root: URL
    var project: Project { Project(root: root) }

    init(config: String? = nil) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hooks-test-\(UUID().uuidString.prefix(8))"
        )
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent(".claude"),
            withIntermediateDirectories: true
        )
        if let config { try AtomicFile.write(config, to: project.configFile) }
    }

    func write(_ relative: String, _ text: String) throws {
        try AtomicFile.write(text, to: root.appendingPathComponent(relative))
    }
    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: root.appendingPathComponent(relative).path).map {
            String(decoding: $0, as: UTF8.self)
        }
    }
    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// The `additionalContext` of a hook reply, parsed back from its JSON (nil when the reply is silent).
func hooksContext(_ reply: HookReply, event: String) throws -> String? {
    guard !reply.stdout.isEmpty else { return nil }
    let value = try OrderedJSON.parse(Data(reply.stdout.utf8))
    guard value["hookSpecificOutput"]?["hookEventName"]?.stringValue == event else { return nil }
    return value["hookSpecificOutput"]?["additionalContext"]?.stringValue
}
