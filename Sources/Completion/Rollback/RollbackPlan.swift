import Foundation

/// What `jarvis-tui rollback` would do, worked out before anything changes: each thing it would undo, and each
/// thing it must refuse with the reason (and the command that does it by hand, when there is one). The command
/// prints it, asks, and changes nothing at all while something is refused unless the user accepts a partial
/// rollback.
package struct RollbackPlan: Sendable, Equatable {
    package enum Action: Sendable, Equatable {
        /// Move the branch back to the commit's parent; the session's changes stay in the working tree.
        case resetCommit(RepositoryCommit)
        /// Put back the bytes the file held before the run (kept in `backup`), if it still holds what the run
        /// wrote (`writtenHash`).
        case restoreFile(path: String, backup: String, size: Int, writtenHash: String)
        /// Delete a file the run created, if it still holds what the run wrote, then the folders the run made
        /// for it (deepest first) that are left empty.
        case deleteFile(path: String, writtenHash: String, folders: [String])
        /// Delete the memory entities the run created, through the project's memory server.
        case deleteMemoryEntities([String], serverName: String)
    }

    package let runID: String
    /// When the last completion was already rolled back: then there is nothing to undo.
    package let rolledBackAt: String?
    package internal(set) var actions: [Action] = []
    package internal(set) var refusals: [String] = []

    /// True when there is nothing to undo and nothing refused.
    package var isEmpty: Bool { actions.isEmpty && refusals.isEmpty }

    /// One line per part, as printed before the user is asked: `reset`, `restore`, `delete` or `refuse`.
    package var lines: [String] {
        actions.map { action in
            switch action {
            case .resetCommit(let commit):
                return Self.line(
                    "reset",
                    "\(commit.branch ?? "HEAD") in \(commit.repository) "
                        + "from \(commit.commit.prefix(8)) to \(commit.parent?.prefix(8) ?? "?"): the session commit goes, its changes stay in the working "
                        + "tree, and anything staged since the run stays staged"
                )
            case .restoreFile(let path, _, let size, _):
                return Self.line("restore", "\(path) to its \(size) bytes from before the run")
            case .deleteFile(let path, _, let folders):
                let made = folders.isEmpty ? "" : ", and the folder(s) the run made for it if empty: "
                return Self.line("delete", "\(path) (created by the run\(made)\(folders.joined(separator: ", ")))")
            case .deleteMemoryEntities(let names, let server):
                return Self.line(
                    "delete",
                    "the memory entities the run created, through the `\(server)` server: "
                        + names.joined(separator: ", ")
                )
            }
        } + refusals.map { Self.line("refuse", $0) }
    }

    static func line(_ verb: String, _ text: String) -> String {
        "\(verb.padding(toLength: 8, withPad: " ", startingAt: 0)) \(text)"
    }
}

extension Rollback {
    /// Works out the plan from the manifest of the last run, reading only: git is asked, nothing is written.
    package func plan() throws(RunManifestStore.LoadError) -> RollbackPlan {
        let store = RunManifestStore(project: project)
        let manifest = try store.load()
        var plan = RollbackPlan(runID: manifest.runID, rolledBackAt: manifest.rolledBackAt)
        guard manifest.rolledBackAt == nil else { return plan }

        // Commits first: the files of a commit that stays must stay as committed.
        var keptCommitPaths = Set<String>()
        for commit in manifest.commits.reversed() {
            let repo = GitRepository(root: URL(fileURLWithPath: commit.repository), environment: environment)
            if let refusal = refusal(for: commit, repo: repo) {
                plan.refusals.append(refusal)
                keptCommitPaths.formUnion(pathsChanged(by: commit, repo: repo))
            } else {
                plan.actions.append(.resetCommit(commit))
            }
        }
        for file in manifest.files.reversed() {
            planFile(file, store: store, keptCommitPaths: keptCommitPaths, into: &plan)
        }
        if !manifest.memoryEntities.isEmpty { planMemory(manifest.memoryEntities, into: &plan) }
        return plan
    }

    private func planFile(
        _ file: RewrittenFile,
        store: RunManifestStore,
        keptCommitPaths: Set<String>,
        into plan: inout RollbackPlan
    ) {
        let url = project.root.appendingPathComponent(file.path)
        if keptCommitPaths.contains(url.resolvingSymlinksInPath().path) {
            plan.refusals.append("\(file.path): part of a commit that is not reset; `git revert` undoes it")
            return
        }
        do {
            try PathSafety.checkInsideProject(url, project: project)
        } catch {
            plan.refusals.append("\(file.path): \(error)")
            return
        }
        let current = ContentFingerprint.ofFile(url.path)
        guard let backup = file.backup else {
            if let current {
                if current.hash == file.writtenHash {
                    plan.actions.append(
                        .deleteFile(path: file.path, writtenHash: file.writtenHash, folders: file.createdFolders ?? [])
                    )
                } else {
                    plan.refusals.append("\(file.path): changed since the run; left as it is")
                }
            }
            return
        }
        guard let previous = store.backupFingerprint(backup) else {
            plan.refusals.append("\(file.path): its backup \(backup) is missing; left as it is")
            return
        }
        if let current, current.hash == previous.hash, current.size == previous.size { return }
        if let current, current.hash != file.writtenHash {
            plan.refusals.append("\(file.path): changed since the run; left as it is")
            return
        }
        plan.actions.append(
            .restoreFile(
                path: file.path,
                backup: backup,
                size: previous.size,
                writtenHash: file.writtenHash
            )
        )
    }

    /// The entities can be deleted only through a server this run may start (configured, approved).
    private func planMemory(_ names: [String], into plan: inout RollbackPlan) {
        let configured = try? ConfigurationLoader.load(from: project.configFile, files: ProjectFiles(project))
        let serverName = configured?.configuration.memoryServer ?? "memory"
        switch MemoryServerConfiguration.lookup(project: project, serverName: serverName, environment: environment) {
        case .stdio:
            plan.actions.append(.deleteMemoryEntities(names, serverName: serverName))
        case .notConfigured(let reason), .unsupported(let reason), .invalid(let reason), .notApproved(_, let reason, _):
            plan.refusals.append(
                "memory entities \(names.joined(separator: ", ")) cannot be deleted: \(reason); "
                    + "delete them from the memory store by hand"
            )
        }
    }
}
