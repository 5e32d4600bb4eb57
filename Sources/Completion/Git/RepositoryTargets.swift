import Foundation

/// A repository step 5 works on: the project's own, those listed in `git.repositories`, and those Jarvis'
/// cross-project commit tracker (`.claude/logs/cross-project-commits.json`) saw during the session.
package struct RepositoryTarget: Sendable, Equatable {
    package let root: URL
    /// How the repository is named in progress lines (`.` for the project's own).
    package let label: String
    package let isPrimary: Bool
}

package enum RepositoryTargets {
    package static func resolve(
        project: Project,
        settings: GitSettings,
        environment: [String: String]
    ) -> (targets: [RepositoryTarget], warnings: [String]) {
        var targets = [RepositoryTarget(root: project.root, label: project.name, isPrimary: true)]
        var warnings: [String] = []
        var seen: Set<String> = [project.root.resolvingSymlinksInPath().path]
        let home = environment["HOME"] ?? NSHomeDirectory()

        func add(_ raw: String, source: String) {
            let expanded = raw.hasPrefix("~/") ? home + raw.dropFirst(1) : raw
            let url =
                (expanded.hasPrefix("/")
                ? URL(fileURLWithPath: expanded) : project.root.appendingPathComponent(expanded)).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                warnings.append("repository \(raw) (\(source)) does not exist: skipped")
                return
            }
            guard seen.insert(url.resolvingSymlinksInPath().path).inserted else { return }
            let label = expanded.hasPrefix("/") ? url.lastPathComponent : raw
            targets.append(RepositoryTarget(root: url, label: label, isPrimary: false))
        }

        for path in settings.repositories { add(path, source: "git.repositories") }
        let tracker = project.logsFolder.appendingPathComponent("cross-project-commits.json")
        // Read through the safe walk: a tracker linked from outside would name repositories to commit and push.
        let data: Data?
        do { data = try ProjectFiles(project).read(tracker) } catch {
            data = nil
            warnings.append("\(ErrorSentence.describe(error)); the repositories it lists were not committed")
        }
        if let data {
            switch CrossProjectCommits.paths(from: data) {
            case .success(let paths): for path in paths { add(path, source: "cross-project-commits.json") }
            case .failure(let error):
                warnings.append("\(tracker.path): \(error.description); its repositories were not committed")
            }
        }
        return (targets, warnings)
    }
}

/// Reads Jarvis' cross-project commit tracker: `{"sessions": {"<day>_<name>": {"date", "lastActivity",
/// "projects": {"<name>": {"path", "commits": [{"hash", "branch"}]}}}}}`. Only the latest session counts.
package enum CrossProjectCommits {
    package struct ParseError: Error, CustomStringConvertible {
        package let description: String
    }

    package static func paths(from data: Data) -> Result<[String], ParseError> {
        guard data.count <= 16 << 20 else { return .failure(ParseError(description: "larger than 16 MB, not read")) }
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: data) } catch {
            return .failure(ParseError(description: ErrorSentence.describe(error)))
        }
        guard let top = json as? [String: Any] else {
            return .failure(ParseError(description: "the top level is not an object"))
        }
        guard let sessions = top["sessions"] as? [String: Any] else {
            return top["sessions"] == nil
                ? .success([]) : .failure(ParseError(description: "`sessions` is not an object"))
        }
        let latest = sessions.compactMap { key, value -> (String, [String: Any])? in
            guard let session = value as? [String: Any] else { return nil }
            let stamp =
                (session["lastActivity"] as? String) ?? (session["startedAt"] as? String)
                ?? (session["date"] as? String) ?? key
            return (stamp, session)
        }.max { $0.0 < $1.0 }
        guard let projects = latest?.1["projects"] as? [String: Any] else { return .success([]) }
        let paths = projects.keys.sorted().compactMap { name -> String? in
            guard let project = projects[name] as? [String: Any], let path = project["path"] as? String, !path.isEmpty
            else { return nil }
            return path
        }
        return .success(paths)
    }
}
