import Foundation

/// Finds the jarvis-tui hooks in Claude Code's project settings files and runs each one the way Claude Code does
/// (through `sh -c`, the hook JSON on stdin, from the project folder), with `JARVIS_HOOK_CHECK=1` so that a hook
/// answers but records nothing.
struct HookCommandCheck {
    let project: Project
    let environment: [String: String]

    struct Found {
        let event: HookEvent
        let command: String
        let file: String
    }

    /// Every jarvis-tui hook command in `.claude/settings.local.json` and `.claude/settings.json`.
    func found() -> [Found] {
        var result: [Found] = []
        for url in [project.localSettingsFile, project.settingsFile] {
            guard let data = ProjectFiles(project).readIfSafe(url),
                let parsed = try? OrderedJSON.parse(data), case .object(let events)? = parsed["hooks"]
            else { continue }
            for event in HookEvent.allCases {
                guard let member = events.first(where: { $0.key == event.claudeName }),
                    case .array(let groups) = member.value
                else { continue }
                for group in groups {
                    guard case .array(let entries)? = group["hooks"] else { continue }
                    for command in entries.compactMap({ $0["command"]?.stringValue })
                    where command.contains(ToolInvocation.name) && command.contains("hook \(event.rawValue)") {
                        result.append(Found(event: event, command: command, file: project.relativePath(of: url)))
                    }
                }
            }
        }
        return result
    }

    func checks() -> [DoctorCheck] {
        let hooks = found()
        var checks: [DoctorCheck] = []
        for event in HookEvent.allCases where !hooks.contains(where: { $0.event == event }) {
            checks.append(
                .fail(
                    "hook \(event.rawValue)",
                    "no \(event.claudeName) hook in .claude/settings.local.json or .claude/settings.json",
                    fix: "run `jarvis-tui init` in the project (it adds what is missing and changes nothing else)"
                )
            )
        }
        for hook in hooks { checks.append(run(hook)) }
        return checks
    }

    func run(_ hook: Found) -> DoctorCheck {
        let name = "hook \(hook.event.rawValue)"
        var env = environment
        env[HookHandler.checkVariable] = "1"
        let input = sampleInput(hook.event)
        do {
            let result = try ProcessRunner.run(
                ["/bin/sh", "-c", hook.command],
                in: project.root,
                environment: env,
                input: input,
                timeout: .seconds(10)
            )
            if result.succeeded {
                return .pass(name, "\(hook.file) runs `\(hook.command)`: exit 0")
            }
            let why = result.timedOut ? "did not answer within 10 s" : "exit \(result.status)"
            let said = result.errorOutput.split(separator: "\n").first.map { ": \($0)" } ?? ""
            return .fail(
                name,
                "\(hook.file) runs `\(hook.command)`: \(why)\(said)",
                fix: "make the command runnable (install with scripts/install, or run `jarvis-tui init` again)"
            )
        } catch {
            return .fail(name, "could not run `\(hook.command)`: \(error)", fix: "check that /bin/sh exists")
        }
    }

    func sampleInput(_ event: HookEvent) -> Data {
        var fields: [String: String] = [
            "session_id": "jarvis-doctor", "transcript_path": "", "cwd": project.root.path,
            "hook_event_name": event.claudeName,
        ]
        switch event {
        case .userPromptSubmit: fields["prompt"] = "doctor: checking that this hook answers"
        case .sessionStart: fields["source"] = "resume"
        case .sessionEnd: fields["reason"] = "other"
        }
        return (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8)
    }
}
