import Foundation

/// The JSON Claude Code writes to a hook's stdin. Every field is optional here: each event sends its own subset
/// (`prompt` for UserPromptSubmit, `source` for SessionStart, `reason` for SessionEnd).
package struct HookInput: Sendable, Equatable {
    package var sessionID: String?
    package var transcriptPath: String?
    package var cwd: String?
    package var hookEventName: String?
    package var prompt: String?
    package var reason: String?
    package var source: String?

    package init(
        sessionID: String? = nil,
        transcriptPath: String? = nil,
        cwd: String? = nil,
        hookEventName: String? = nil,
        prompt: String? = nil,
        reason: String? = nil,
        source: String? = nil
    ) {
        self.sessionID = sessionID
        self.transcriptPath = transcriptPath
        self.cwd = cwd
        self.hookEventName = hookEventName
        self.prompt = prompt
        self.reason = reason
        self.source = source
    }

    package struct Malformed: Error, CustomStringConvertible {
        package let description: String
    }

    package static func parse(_ data: Data) throws(Malformed) -> HookInput {
        let value: OrderedJSON
        do {
            value = try OrderedJSON.parse(data)
        } catch {
            throw Malformed(
                description:
                    "the hook input on stdin is not valid JSON (\(ErrorSentence.describe(error))); Claude Code sends a JSON object — run `jarvis-tui hook …` only as a Claude Code hook"
            )
        }
        guard case .object(let members) = value else {
            throw Malformed(
                description:
                    "the hook input on stdin must be a JSON object with session_id, transcript_path, cwd, hook_event_name"
            )
        }
        var input = HookInput()
        for member in members {
            let text: String?
            switch member.value {
            case .string(let s): text = s
            case .null: text = nil
            default:
                guard
                    ["session_id", "transcript_path", "cwd", "hook_event_name", "prompt", "reason", "source"].contains(
                        member.key
                    )
                else { continue }
                throw Malformed(
                    description:
                        "the hook input's `\(member.key)` (line \(member.line), column \(member.column)) must be a string"
                )
            }
            switch member.key {
            case "session_id": input.sessionID = text
            case "transcript_path": input.transcriptPath = text
            case "cwd": input.cwd = text
            case "hook_event_name": input.hookEventName = text
            case "prompt": input.prompt = text
            case "reason": input.reason = text
            case "source": input.source = text
            default: break
            }
        }
        return input
    }
}

/// What a hook tells Claude Code: `additionalContext` for the agent in the documented JSON form
/// `{"hookSpecificOutput": {"hookEventName": EVENT, "additionalContext": TEXT}}` (exit 0), or nothing.
package struct HookReply: Sendable, Equatable {
    package var stdout: String
    package var stderr: String
    package var exitCode: Int32

    package static let silent = HookReply(stdout: "", stderr: "", exitCode: 0)

    package static func context(_ event: String, _ text: String) -> HookReply {
        let json =
            "{\"hookSpecificOutput\":{\"hookEventName\":\(OrderedJSON.quote(event)),\"additionalContext\":\(OrderedJSON.quote(text))}}\n"
        return HookReply(stdout: json, stderr: "", exitCode: 0)
    }

    /// A non-blocking error: Claude Code shows stderr to the user and carries on (exit 1, never 2, which blocks).
    package static func error(_ message: String) -> HookReply {
        HookReply(stdout: "", stderr: "jarvis-tui hook: \(message)\n", exitCode: 1)
    }
}
