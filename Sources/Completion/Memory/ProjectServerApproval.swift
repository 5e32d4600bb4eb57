import Foundation

/// Whether a server declared in the project's `.mcp.json` may be started, decided the way Claude Code decides it:
/// a name in `disabledMcpjsonServers` is never started; a name in `enabledMcpjsonServers`, or
/// `enableAllProjectMcpServers: true`, starts it; anything else waits for the user's approval. The keys are read
/// from the user's settings (`~/.claude/settings.json`, `$CLAUDE_CONFIG_DIR/settings.json` when set), the
/// project's `.claude/settings.json` and `.claude/settings.local.json`, and the project's entry in
/// `~/.claude.json` (where older Claude Code versions kept them).
///
/// A cloned repository must not approve its own servers: an approval in one of the project's two settings files
/// counts only when git does not track that file, or when the user trusted the folder in Claude Code (which
/// showed them its own MCP warning). A refusal counts wherever it is written.
package struct ProjectServerApproval: Sendable {
    package enum Decision: Sendable, Equatable {
        /// The file that approves it.
        case approved(by: String)
        /// The file that lists it in `disabledMcpjsonServers`.
        case rejected(by: String)
        /// No approval that counts; `ignored` names approvals that did not count, and why.
        case pending(ignored: [String])
    }

    package let decision: Decision
    /// Settings files that could not be read (their keys were ignored).
    package let warnings: [String]

    /// The one command that approves `name` for this project.
    package static func approvalCommand(_ name: String) -> String {
        "jarvis-tui approve-mcp \(shellWord(name))"
    }

    package static func decide(
        serverName name: String,
        project: Project,
        environment: [String: String],
        user: ClaudeUserConfiguration
    ) -> ProjectServerApproval {
        var warnings: [String] = []
        var sources: [(shown: String, keys: [String: Any], counts: Bool)] = []
        let userSettings = userSettingsFile(environment: environment)
        switch SettingsFile.readObject(userSettings.url, shown: userSettings.shown) {
        case .success(let keys)?: sources.append((userSettings.shown, keys, true))
        case .failure(let problem)?: warnings.append(problem.message)
        case nil: break
        }
        if let entry = user.projectEntry(project) { sources.append((user.shownPath, entry, true)) }
        let projectFiles = [project.settingsFile, project.localSettingsFile]
        let tracked = user.trusts(project) ? [] : trackedByGit(projectFiles, project: project)
        for url in projectFiles {
            let shown = project.relativePath(of: url)
            switch SettingsFile.readObject(url, shown: shown, refuseSymlink: true) {
            case .success(let keys)?: sources.append((shown, keys, !tracked.contains(url.lastPathComponent)))
            case .failure(let problem)?: warnings.append(problem.message)
            case nil: break
            }
        }
        return ProjectServerApproval(decision: decide(name, sources), warnings: warnings)
    }

    private static func decide(
        _ name: String,
        _ sources: [(shown: String, keys: [String: Any], counts: Bool)]
    ) -> Decision {
        if let refusing = sources.first(where: { names($0.keys["disabledMcpjsonServers"]).contains(name) }) {
            return .rejected(by: refusing.shown)
        }
        var ignored: [String] = []
        for source in sources {
            let approves =
                source.keys["enableAllProjectMcpServers"] as? Bool == true
                || names(source.keys["enabledMcpjsonServers"]).contains(name)
            guard approves else { continue }
            if source.counts { return .approved(by: source.shown) }
            ignored.append(
                "\(source.shown) approves it but is committed to the repository, and a cloned project "
                    + "cannot approve its own servers"
            )
        }
        return .pending(ignored: ignored)
    }

    /// `name` as one shell word: as is when it is plain, else single-quoted.
    private static func shellWord(_ name: String) -> String {
        let plain =
            !name.isEmpty
            && name.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-@".unicodeScalars.contains($0))
            }
        return plain ? name : "'" + name.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static func names(_ value: Any?) -> [String] {
        (value as? [Any])?.compactMap { $0 as? String } ?? []
    }

    static func userSettingsFile(environment: [String: String]) -> (url: URL, shown: String) {
        if let folder = environment["CLAUDE_CONFIG_DIR"]?.split(separator: ",").first
            .map({ String($0).trimmingCharacters(in: .whitespaces) }), !folder.isEmpty
        {
            let url = URL(fileURLWithPath: (folder as NSString).expandingTildeInPath)
                .appendingPathComponent("settings.json")
            return (url, url.path)
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (URL(fileURLWithPath: home).appendingPathComponent(".claude/settings.json"), "~/.claude/settings.json")
    }

    /// The names of the files git tracks. When git cannot answer inside a repository (a path beyond a committed
    /// symlink, a broken index), every file counts as tracked: an approval that cannot be checked does not count.
    private static func trackedByGit(_ files: [URL], project: Project) -> Set<String> {
        let relative = files.map { project.relativePath(of: $0) }
        let all = Set(files.map(\.lastPathComponent))
        let result: ProcessResult
        do {
            result = try ProcessRunner.run(
                ["git", "ls-files", "-z", "--"] + relative,
                in: project.root,
                timeout: .seconds(20)
            )
        } catch {
            return FileManager.default.fileExists(atPath: project.root.appendingPathComponent(".git").path) ? all : []
        }
        guard result.succeeded else {
            return result.errorOutput.contains("not a git repository") ? [] : all
        }
        let listed = result.output.split(separator: "\0").map { URL(fileURLWithPath: String($0)).lastPathComponent }
        return Set(listed)
    }
}
