import Foundation

/// `jarvis-tui init`: sets up `.claude/` in a project. It never overwrites a file that exists; it reports what it
/// created, what it kept, and what it added.
///
/// The hooks go to `.claude/settings.local.json` (personal, ignored by git) unless `shared`: then to
/// `.claude/settings.json`, in the form that stays silent on a teammate's machine without the tool. A hook that
/// either file already runs is not added again, so Claude Code never runs it twice.
package struct ProjectInitializer {
    package struct Report: Sendable {
        package var created: [String] = []
        package var kept: [String] = []
        package var updated: [String] = []
        /// The settings file the hooks went to (or would have gone to).
        package var settingsFile = ""
    }

    let project: Project
    let invocation: ToolInvocation

    package init(project: Project, invocation: ToolInvocation = ToolInvocation()) {
        self.project = project
        self.invocation = invocation
    }

    var settings: URL { invocation.shared ? project.settingsFile : project.localSettingsFile }
    var otherSettings: URL { invocation.shared ? project.localSettingsFile : project.settingsFile }

    /// Plans the settings merge before anything is written: a malformed settings file stops `init` (a
    /// `ConfigurationError` with its line and column) with nothing changed.
    package func run() throws -> Report {
        var report = Report()
        report.settingsFile = project.relativePath(of: settings)
        let settingsExisted = FileManager.default.fileExists(atPath: settings.path)
        if PathSafety.isSymlink(settings) {
            throw ConfigurationError(
                file: settings.path,
                line: 1,
                column: 1,
                message: "is a symlink; init does not write through links. Replace it with a file and run init again"
            )
        }
        let safe = ProjectFiles(project)
        let skipping = try ClaudeSettingsMerger.presentEvents(
            in: try safe.read(otherSettings),
            path: otherSettings.path
        )
        let merge = try ClaudeSettingsMerger.merge(
            existing: try safe.read(settings),
            path: settings.path,
            invocation: invocation,
            skipping: skipping
        )
        try writeTemplates(&report)
        if try addIgnoreRules() { report.updated.append(".gitignore") }
        if let text = merge.text {
            try safe.write(text, to: settings)
            let what = "\(project.relativePath(of: settings)) (hooks: \(merge.added.joined(separator: ", ")))"
            if settingsExisted { report.updated.append(what) } else { report.created.append(what) }
        } else if settingsExisted {
            report.kept.append(project.relativePath(of: settings))
        }
        return report
    }

    func writeTemplates(_ report: inout Report) throws {
        let files: [(URL, String)] =
            [
                (project.configFile, Templates.config),
                (project.sessionStateFile, Templates.sessionState),
                (project.prioritiesFile, Templates.priorities),
                (
                    project.commandsFolder.appendingPathComponent("end-session.md"),
                    Templates.endSessionCommand(invocation)
                ),
                (project.summariesFolder.appendingPathComponent(".gitkeep"), ""),
            ] + CyclePrompts.files(in: project)
        // Every target is walked before anything is written: a linked folder stops init with nothing changed.
        let safe = ProjectFiles(project)
        let found = try files.map { try safe.find($0.0) }
        for ((url, content), existing) in zip(files, found) {
            if existing != .missing {
                report.kept.append(project.relativePath(of: url))
            } else {
                try safe.write(content, to: url)
                report.created.append(project.relativePath(of: url))
            }
        }
    }

    /// The rules `.gitignore` needs: the tool's post-commit paths, and the personal settings file when the hooks
    /// go there (Claude Code treats it as local to this machine; a commit would hand its paths to the team).
    var ignoreRules: [String] {
        PostCommitPaths.ignoreRules + (invocation.shared ? [] : [Project.localSettingsPath])
    }

    /// Appends the missing rules to `.gitignore`.
    func addIgnoreRules() throws -> Bool {
        let url = project.root.appendingPathComponent(".gitignore")
        if PathSafety.isSymlink(url) {
            throw FileWriteError(path: url.path, reason: "it is a symlink; refusing to write through it")
        }
        let existing = try ProjectFiles(project).read(url).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let present = Set(existing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        let missing = ignoreRules.filter { !present.contains($0) }
        guard !missing.isEmpty else { return false }
        var text = existing
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        if !present.contains(Templates.ignoreHeader) {
            text += (text.isEmpty ? "" : "\n") + Templates.ignoreHeader + "\n"
        }
        text += missing.joined(separator: "\n") + "\n"
        try ProjectFiles(project).write(text, to: url)
        return true
    }
}
