import Foundation

/// Self-Evolution and R&D through Claude Code when no command is configured for them: `claude -p <prompt>` with
/// the prompt of the project's `.claude/commands/{evolve,research}.md` (which `init` ships and the user may edit;
/// the shipped text when the file is missing), its `allowed-tools` passed on as `--allowedTools`. Without the
/// `claude` CLI on PATH the cycle is unavailable, with the reason and the one line that enables it.
enum ModelCycle {
    static let program = "claude"

    /// The slash command whose prompt the cycle sends.
    static func commandName(_ cycle: CycleID) -> String? {
        switch cycle {
        case .reflection: "reflect"
        case .evolution: "evolve"
        case .research: "research"
        case .maintenance: nil
        }
    }

    /// Why the cycle cannot run through Claude Code here (nil: it can).
    static func unavailableReason(_ cycle: CycleID, environment: [String: String]) -> String? {
        guard ExecutableLocator.find(program, path: environment["PATH"]) == nil else { return nil }
        return "the `claude` CLI (Claude Code) is not on PATH: install it "
            + "(`npm install -g @anthropic-ai/claude-code`) or set session_completion.cycles.\(cycle.rawValue).command"
    }

    /// `claude -p <prompt> [--allowedTools …]`, or nil when the cycle has no prompt or the CLI is missing.
    static func command(_ cycle: CycleID, project: Project, environment: [String: String]) -> CycleCommand? {
        guard let name = commandName(cycle), unavailableReason(cycle, environment: environment) == nil else {
            return nil
        }
        let file = project.commandsFolder.appendingPathComponent("\(name).md")
        let text =
            ProjectFiles(project).readIfSafe(file).map { String(decoding: $0, as: UTF8.self) }
            ?? CyclePrompts.text(for: cycle) ?? ""
        let (body, tools) = split(text)
        var argv = [program, "-p", body]
        if let tools { argv += ["--allowedTools", tools] }
        return CycleCommand(argv: argv)
    }

    /// The prompt without its front matter, and the front matter's `allowed-tools`.
    static func split(_ text: String) -> (body: String, allowedTools: String?) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
            let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        else { return (text.trimmingCharacters(in: .whitespacesAndNewlines), nil) }
        var tools: String?
        for line in lines[1..<end] where line.hasPrefix("allowed-tools:") {
            let value = line.dropFirst("allowed-tools:".count).trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { tools = value }
        }
        let body = lines[(end + 1)...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return (body, tools)
    }
}
