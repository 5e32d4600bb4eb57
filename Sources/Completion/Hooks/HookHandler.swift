import Foundation

/// `jarvis-tui hook EVENT`: the Claude Code side of AC-09. The project is the nearest folder with `.claude/` at or
/// above the hook input's `cwd`.
package enum HookEvent: String, CaseIterable, Sendable {
    case userPromptSubmit = "user-prompt-submit"
    case sessionStart = "session-start"
    case sessionEnd = "session-end"

    package var claudeName: String {
        switch self {
        case .userPromptSubmit: "UserPromptSubmit"
        case .sessionStart: "SessionStart"
        case .sessionEnd: "SessionEnd"
        }
    }
}

package struct HookHandler: Sendable {
    /// Above this a prompt cannot be a farewell: it is not even parsed.
    package static let promptInputLimit = 64 * 1024
    package static let inputLimit = 4 * 1024 * 1024
    /// The checkpoint is cut beyond this (Claude Code previews longer context instead of adding it whole).
    package static let checkpointLimit = 8_000
    /// Set by `doctor` when it runs the hook commands: they must answer, but record nothing.
    package static let checkVariable = "JARVIS_HOOK_CHECK"

    let environment: [String: String]
    let now: @Sendable () -> Date

    package init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.environment = environment
        self.now = now
    }

    package func handle(_ event: HookEvent, input data: Data) -> HookReply {
        if event == .userPromptSubmit, data.count > Self.promptInputLimit { return .silent }
        guard data.count <= Self.inputLimit else {
            return .error("the hook input is larger than \(Self.inputLimit / 1024 / 1024) MB; ignored")
        }
        let input: HookInput
        do { input = try HookInput.parse(data) } catch { return .error(error.description) }
        switch event {
        case .userPromptSubmit: return userPromptSubmit(input)
        case .sessionStart: return sessionStart(input)
        case .sessionEnd: return sessionEnd(input)
        }
    }

    // MARK: UserPromptSubmit

    func userPromptSubmit(_ input: HookInput) -> HookReply {
        guard let prompt = input.prompt else { return .silent }
        var intent = PromptIntent.classify(prompt)
        let project = project(input)
        // The config's own phrases are read only for a short prompt the standard words did not settle.
        if intent == .none, prompt.utf8.count <= PromptIntent.maxPromptLength, let project {
            let phrases = Self.configuredPhrases(project, for: prompt)
            if !phrases.isEmpty { intent = PromptIntent.classify(prompt, extraPhrases: phrases) }
        }
        let root = project?.root.path ?? input.cwd ?? "the project folder"
        switch intent {
        case .none:
            return .silent
        case .endSessionNow:
            return .context(
                HookEvent.userPromptSubmit.claudeName,
                """
                The user asked to end this session (jarvis-tui, AC-09 session completion). Do not start new work. \
                From \(root), in this order (the /end-session command says the same):

                \(story(input, project: project, prompt: prompt))
                """ + suppressionNote
            )
        case .departure:
            return .context(
                HookEvent.userPromptSubmit.claudeName,
                """
                The user's message may mean they want to end this session (jarvis-tui, AC-09). Only the user's intent ends a \
                session: do not end it yourself. Ask the user to confirm: end the session now or keep working? If they \
                confirm, from \(root), in this order:

                \(story(input, project: project, prompt: prompt))
                """
            )
        }
    }

    /// The agent's steps with this session's id and transcript, and the offer settled from what the hook can see.
    func story(_ input: HookInput, project: Project?, prompt: String) -> String {
        let invocation = ToolInvocation.resolve(
            executable: ToolInvocation.runningExecutable,
            path: environment["PATH"],
            shared: false
        )
        var flags: [String] = []
        for flag in ["--quick", "--no-push", "--no-commit", "--push"] where prompt.contains(flag) { flags.append(flag) }
        return AgentStory.steps(
            program: invocation.shellProgram,
            arguments: flags.joined(separator: " "),
            offer: offer(project: project, prompt: prompt),
            sessionID: input.sessionID,
            transcript: input.transcriptPath
        )
    }

    func offer(project: Project?, prompt: String) -> AgentStory.Offer {
        if ConfigurationResolver.isTrue(environment["JARVIS_DISABLE_AC09"]) {
            return .suppressed("JARVIS_DISABLE_AC09 is set")
        }
        if prompt.contains("--quick") || prompt.contains("--cycles") { return .suppressed("the user's flags say so") }
        if let project,
            let loaded = try? ConfigurationLoader.load(from: project.configFile, files: ProjectFiles(project)),
            !loaded.configuration.preCompletionOffer
        {
            return .suppressed("the config sets pre_completion_offer: false")
        }
        return .required
    }

    /// What the environment changes about running the completion (it is the agent's environment too).
    var suppressionNote: String {
        var notes: [String] = []
        if ConfigurationResolver.isTrue(environment["JARVIS_EMERGENCY_STOP"]) {
            notes.append(
                "JARVIS_EMERGENCY_STOP is set: the completion will stop before writing anything; tell the user, who must unset it to end the session."
            )
        }
        return notes.isEmpty ? "" : " " + notes.joined(separator: " ")
    }

    /// `departure_phrases` from the config, without the cost of YAML unless they could matter for this prompt
    /// (the file mentions them, and every word of the prompt is either a standard one or in the file).
    static func configuredPhrases(_ project: Project, for prompt: String) -> [String] {
        guard let data = ProjectFiles(project).readIfSafe(project.configFile) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        guard text.contains("departure_phrases"), PromptIntent.mayDependOnPhrases(prompt, in: text),
            let loaded = try? ConfigurationLoader.load(from: project.configFile, files: ProjectFiles(project))
        else { return [] }
        return loaded.configuration.departurePhrases
    }

    // MARK: SessionStart

    func sessionStart(_ input: HookInput) -> HookReply {
        // A resumed or compacted session still has its own context; the handoff is for a fresh start.
        if let source = input.source, source == "resume" || source == "compact" { return .silent }
        guard let project = project(input) else { return .silent }
        guard let text = SessionStartContext(project: project, currentSessionID: input.sessionID).text() else {
            return .silent
        }
        return .context(HookEvent.sessionStart.claudeName, text)
    }

    // MARK: SessionEnd

    func sessionEnd(_ input: HookInput) -> HookReply {
        guard let project = project(input) else { return .silent }
        // `jarvis-tui doctor` runs the hook to see that it resolves; that is not a session ending.
        if environment[Self.checkVariable] == "1" { return .silent }
        let record = EndedSession(
            sessionID: input.sessionID,
            transcriptPath: input.transcriptPath,
            cwd: input.cwd,
            endedAt: Timestamp.iso(now()),
            reason: input.reason
        )
        do {
            try EndedSessionLog.append(record, to: project)
            return .silent
        } catch {
            return .error("could not record the ended session: \(ErrorSentence.describe(error))")
        }
    }

    private func project(_ input: HookInput) -> Project? {
        guard let cwd = input.cwd, cwd.hasPrefix("/") else { return nil }
        return Project.discover(from: URL(fileURLWithPath: cwd, isDirectory: true))
    }
}

/// What SessionStart hands the new session: the checkpoint, and a note when the previous session ended without a
/// completion (it ended — SessionEnd recorded it — and no checkpoint was written since the session before it ended).
struct SessionStartContext {
    let project: Project
    let currentSessionID: String?

    func text() -> String? {
        var parts: [String] = []
        // A checkpoint linked out of the project is not read: its content would be injected into the session.
        let checkpoint = ProjectFiles(project).readIfSafe(project.checkpointFile).map {
            String(decoding: $0, as: UTF8.self)
        }
        if let checkpoint, !checkpoint.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            // The new session reads this as context: an older checkpoint, or one edited by hand, may hold a secret.
            // Redacted before it is cut, so a cut token cannot slip through unrecognised.
            var body = SecretRedaction.redact(checkpoint)
            if body.count > HookHandler.checkpointLimit {
                body =
                    String(body.prefix(HookHandler.checkpointLimit))
                    + "\n\n[… cut; read the whole file: \(project.relativePath(of: project.checkpointFile))]"
            }
            parts.append(
                "Session handoff from the previous session of \(project.name) (jarvis-tui, AC-09), "
                    + "\(project.relativePath(of: project.checkpointFile)):\n\n\(body)"
            )
        }
        if let note = incompleteNote() { parts.append(SecretRedaction.redact(note)) }
        return parts.isEmpty ? nil : parts.joined(separator: "\n\n")
    }

    func incompleteNote() -> String? {
        let ended = EndedSessionLog.read(project)
            .filter { $0.sessionID == nil || $0.sessionID != currentSessionID }
            .compactMap { session in session.endedDate.map { (session, $0) } }
            .sorted { $0.1 < $1.1 }
        guard let (last, _) = ended.last else { return nil }
        let previousEnd = ended.count > 1 ? ended[ended.count - 2].1 : Date.distantPast
        if let written = checkpointWritten(), written > previousEnd { return nil }
        var command = "jarvis-tui end-session --plain --yes"
        if let id = last.sessionID { command += " --session-id \(id)" }
        if let path = last.transcriptPath { command += " --transcript \(path)" }
        return
            "Note: the previous session (\(last.sessionID ?? "unknown id"), ended \(last.endedAt)\(last.reason.map { ", \($0)" } ?? "")) "
            + "ended without a session completion: its work state, summary and commit were not written. "
            + "Offer the user to complete it before new work: `\(command)`."
    }

    /// The checkpoint's `created:` front matter, else its modification time.
    func checkpointWritten() -> Date? {
        let url = project.checkpointFile
        if let data = ProjectFiles(project).readIfSafe(url) {
            for line in String(decoding: data.prefix(2_000), as: UTF8.self).split(separator: "\n").prefix(10)
            where line.hasPrefix("created:") {
                if let date = Timestamp.parseISO(line.dropFirst(8).trimmingCharacters(in: .whitespaces)) { return date }
            }
        }
        return (try? ProjectFiles(project).entryInfo(url)).map {
            Date(timeIntervalSince1970: Double($0.st_mtim.tv_sec))
        }
    }
}
