import Foundation

/// `jarvis-tui init`: sets up `.claude/` in a project. It never overwrites a file that exists; it reports what it
/// created, what it kept, and what it added.
public struct ProjectInitializer {
    public struct Report: Sendable {
        public var created: [String] = []
        public var kept: [String] = []
        public var updated: [String] = []
    }

    let project: Project

    public init(project: Project) { self.project = project }

    /// Plans the `.claude/settings.json` hook merge before anything is written: a malformed settings file stops
    /// `init` (a `ConfigurationError` with its line and column) with nothing changed.
    public func run() throws -> Report {
        var report = Report()
        let settings = project.settingsFile
        let settingsExisted = FileManager.default.fileExists(atPath: settings.path)
        if PathSafety.isSymlink(settings) && !settingsExisted {
            throw ConfigurationError(file: settings.path, line: 1, column: 1, message: "is a dangling symlink; fix or remove it and run init again")
        }
        let merge = try ClaudeSettingsMerger.merge(existing: FileManager.default.contents(atPath: settings.path), path: settings.path)
        let files: [(URL, String)] = [
            (project.configFile, Templates.config),
            (project.sessionStateFile, Templates.sessionState),
            (project.prioritiesFile, Templates.priorities),
            (project.commandsFolder.appendingPathComponent("end-session.md"), Templates.endSessionCommand),
            (project.summariesFolder.appendingPathComponent(".gitkeep"), ""),
        ]
        for (url, content) in files {
            if FileManager.default.fileExists(atPath: url.path) || PathSafety.isSymlink(url) {
                report.kept.append(project.relativePath(of: url))
            } else {
                try AtomicFile.write(content, to: url)
                report.created.append(project.relativePath(of: url))
            }
        }
        if try addIgnoreRules() { report.updated.append(".gitignore") }
        if let text = merge.text {
            // Through a symlink the target is rewritten in place of the link: write where the link points.
            let target = settings.resolvingSymlinksInPath()
            try AtomicFile.write(text, to: target)
            let what = "\(project.relativePath(of: settings)) (hooks: \(merge.added.joined(separator: ", ")))"
            if settingsExisted { report.updated.append(what) } else { report.created.append(what) }
        } else {
            report.kept.append(project.relativePath(of: settings))
        }
        return report
    }

    /// Appends the tool's post-commit paths to `.gitignore` (only the rules not there yet).
    func addIgnoreRules() throws -> Bool {
        let url = project.root.appendingPathComponent(".gitignore")
        let existing = FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let present = Set(existing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        let missing = PostCommitPaths.ignoreRules.filter { !present.contains($0) }
        guard !missing.isEmpty else { return false }
        var text = existing
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        if !present.contains(Templates.ignoreHeader) { text += (text.isEmpty ? "" : "\n") + Templates.ignoreHeader + "\n" }
        text += missing.joined(separator: "\n") + "\n"
        try AtomicFile.write(text, to: url)
        return true
    }
}
