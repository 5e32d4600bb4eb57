import Foundation

/// `jarvis-tui doctor`: checks that a project is set up so that Claude Code and jarvis-tui work together, one line
/// per check with the fix. Nothing is written; the hooks run with `JARVIS_HOOK_CHECK=1` and record nothing.
package struct Doctor {
    let project: Project
    let environment: [String: String]

    package init(project: Project, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.project = project
        self.environment = environment
    }

    package func checks() async -> [DoctorCheck] {
        var checks = [binary()]
        checks += HookCommandCheck(project: project, environment: environment).checks()
        checks.append(slashCommand())
        let (configCheck, configuration) = config()
        checks.append(configCheck)
        checks.append(await memoryServer(configuration))
        checks.append(transcripts())
        checks += git()
        return checks
    }

    func binary() -> DoctorCheck {
        if let path = ExecutableLocator.find(ToolInvocation.name, path: environment["PATH"]) {
            return .pass("binary", "jarvis-tui on PATH: \(path)")
        }
        let absolute = HookCommandCheck(project: project, environment: environment).found()
            .compactMap { Self.program(in: $0.command) }.filter { $0.hasPrefix("/") }
        if let path = absolute.first, FileManager.default.isExecutableFile(atPath: path) {
            return .pass("binary", "jarvis-tui is not on PATH; the hooks call \(path), which exists")
        }
        return .fail(
            "binary",
            "jarvis-tui is not on PATH and no hook names a binary that exists",
            fix: "install it: scripts/install (puts it in ~/.local/bin), then make sure ~/.local/bin is on PATH"
        )
    }

    /// The program a command line starts with (a quoted absolute path or a bare word).
    static func program(in command: String) -> String? {
        let trimmed = command.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("'"), let end = trimmed.dropFirst().firstIndex(of: "'") {
            return String(trimmed[trimmed.index(after: trimmed.startIndex)..<end])
        }
        return trimmed.split(separator: " ").first.map(String.init)
    }

    func slashCommand() -> DoctorCheck {
        let url = project.commandsFolder.appendingPathComponent("end-session.md")
        let shown = project.relativePath(of: url)
        guard let data = ProjectFiles(project).readIfSafe(url) else {
            return .fail("slash command", "\(shown) is missing", fix: "run `jarvis-tui init` (it writes /end-session)")
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.contains("end-session --plain") }),
            let program = Self.program(in: String(line))
        else {
            return .fail(
                "slash command",
                "\(shown) does not run `jarvis-tui end-session`",
                fix: "move it aside and run `jarvis-tui init` to write the current one"
            )
        }
        let resolves =
            program.hasPrefix("/")
            ? FileManager.default.isExecutableFile(atPath: program)
            : ExecutableLocator.find(program, path: environment["PATH"]) != nil
        guard resolves else {
            return .fail(
                "slash command",
                "\(shown) runs \(program), which is not found",
                fix: "install jarvis-tui (scripts/install), or move the file aside and run `jarvis-tui init` again"
            )
        }
        return .pass("slash command", "\(shown) runs \(program) end-session")
    }

    func config() -> (DoctorCheck, Configuration) {
        let shown = project.relativePath(of: project.configFile)
        guard FileManager.default.fileExists(atPath: project.configFile.path) else {
            return (
                .info("config", "no \(shown): the defaults apply (`jarvis-tui init` writes a documented one)"),
                Configuration()
            )
        }
        do {
            let loaded = try ConfigurationLoader.load(from: project.configFile, files: ProjectFiles(project))
            let warnings =
                loaded.warnings.isEmpty
                ? ""
                : "; \(loaded.warnings.count) warning(s): "
                    + loaded.warnings.prefix(3).map(\.description).joined(separator: "; ")
            return (.pass("config", "\(shown) parses\(warnings)"), loaded.configuration)
        } catch {
            return (
                .fail("config", "\(error)", fix: "fix the file at that line (the run would stop with exit 2)"),
                Configuration()
            )
        }
    }

    func transcripts() -> DoctorCheck {
        let folderName = TranscriptLocator.folderName(for: project.root.resolvingSymlinksInPath().path)
        let folders = TranscriptLocator.configRoots(environment: environment)
            .map { $0.appendingPathComponent("projects", isDirectory: true).appendingPathComponent(folderName) }
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            let count = names.filter { $0.hasSuffix(".jsonl") }.count
            if count > 0 { return .pass("transcripts", "\(count) Claude Code transcript(s) in \(folder.path)") }
        }
        return .fail(
            "transcripts",
            "no Claude Code transcript for this project in \(folders.map(\.path).joined(separator: ", "))",
            fix: "start Claude Code in \(project.root.path) once; or pass --transcript PATH to end-session"
        )
    }
}
