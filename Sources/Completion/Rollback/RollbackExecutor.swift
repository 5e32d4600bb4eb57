import Foundation

/// Carries out a `RollbackPlan`. Each part is checked again just before it is done (the repository or a file may
/// have changed since the plan was printed); a part that can no longer be done safely is reported as refused.
struct RollbackExecutor {
    let rollback: Rollback
    var project: Project { rollback.project }

    func execute(_ plan: RollbackPlan) -> Rollback.Report {
        let store = RunManifestStore(project: project)
        var report = Rollback.Report()
        var keptCommitPaths = Set<String>()
        var pending = PendingPushStore(project: project).load().records
        let pendingBefore = pending
        for case .resetCommit(let commit) in plan.actions {
            let repo = GitRepository(root: URL(fileURLWithPath: commit.repository), environment: rollback.environment)
            if reset(commit, repo: repo, report: &report) {
                pending.removeAll { $0.repository == commit.repository && $0.commit == commit.commit }
            } else {
                keptCommitPaths.formUnion(rollback.pathsChanged(by: commit, repo: repo))
            }
        }
        if pending != pendingBefore { try? PendingPushStore(project: project).save(pending) }
        for action in plan.actions {
            switch action {
            case .restoreFile(let path, let backup, _, let written):
                undoFile(
                    path,
                    previous: store.backupFile(backup),
                    written: written,
                    kept: keptCommitPaths,
                    report: &report
                )
            case .deleteFile(let path, let written, let folders):
                if undoFile(path, previous: nil, written: written, kept: keptCommitPaths, report: &report) {
                    removeEmptyFolders(folders, report: &report)
                }
            case .deleteMemoryEntities(let names, let serverName):
                deleteMemory(names, serverName: serverName, report: &report)
            case .resetCommit:
                continue
            }
        }
        return report
    }

    /// Puts back `previous` (nil: deletes the file), if the file still holds what the run wrote; true when the
    /// file is as it was before the run.
    @discardableResult
    private func undoFile(
        _ path: String,
        previous: URL?,
        written: String,
        kept: Set<String>,
        report: inout Rollback.Report
    ) -> Bool {
        let url = project.root.appendingPathComponent(path)
        if kept.contains(url.resolvingSymlinksInPath().path) {
            report.refuse("\(path): part of a commit that was not reset; `git revert` undoes it")
            return false
        }
        let current = ContentFingerprint.ofFile(url.path)
        if let current, current.hash != written {
            report.refuse("\(path): changed since the plan; left as it is")
            return false
        }
        // Through the project's safe file layer: a link on the way is refused, never followed.
        let files = ProjectFiles(project)
        do {
            if let previous {
                let size = try Self.restore(url, from: previous, files: files)
                report.did("restored \(path) (\(size) bytes as before the run)")
            } else if current != nil, try files.remove(url) {
                report.did("deleted \(path) (created by the run)")
            }
            return true
        } catch {
            report.refuse("\(path): \(error)")
            return false
        }
    }

    /// Removes the folders the run made for a file it created, deepest first, as long as each is empty: one that
    /// holds anything (the user's files, another run's) stays, and so do the folders above it.
    private func removeEmptyFolders(_ folders: [String], report: inout Rollback.Report) {
        let files = ProjectFiles(project)
        for folder in folders {
            do {
                guard try files.removeEmptyFolder(project.root.appendingPathComponent(folder)) else { return }
                report.did("removed the empty folder \(folder) (made by the run)")
            } catch {
                report.refuse("\(folder): \(error)")
                return
            }
        }
    }

    /// Copies the backup over `url` atomically, in chunks (a state file of tens of megabytes is never held), and
    /// returns its size. The backup is opened like any file of the project: a link in its place is refused.
    private static func restore(_ url: URL, from backup: URL, files: ProjectFiles) throws -> Int {
        guard let (fd, info) = try files.openForReading(backup) else {
            throw FileReadError(path: backup.path, reason: "the backup is missing")
        }
        defer { close(fd) }
        try files.prepareWrite(url)
        try AtomicFile.writeStreaming(to: url) { emit in
            try FileChunks.forEach(fd, length: Int(info.st_size), path: backup.path, emit)
        }
        return Int(info.st_size)
    }

    private func deleteMemory(_ names: [String], serverName: String, report: inout Rollback.Report) {
        let (project, environment) = (self.project, rollback.environment)
        // The memory server is spoken to asynchronously; this command is synchronous.
        let outcome = ThreadWork.blockingAwait {
            await MemoryEntityRemoval.delete(names, project: project, serverName: serverName, environment: environment)
        }
        if outcome.isDone {
            report.did("deleted the memory entities the run created: \(names.joined(separator: ", "))")
        } else {
            report.refuse(
                "memory entities \(names.joined(separator: ", ")) not deleted: "
                    + (outcome.reason ?? outcome.name)
            )
        }
    }

    /// Resets the branch to the commit's parent with `git reset --soft`, then gives the index back what it held
    /// before the run for the paths the session commit changed, except those staged again since the run: a
    /// `git add` made after the run stays staged. With nothing staged since, the whole index snapshot taken before
    /// step 5 comes back (the user's own partial staging included).
    private func reset(_ commit: RepositoryCommit, repo: GitRepository, report: inout Rollback.Report) -> Bool {
        if let refusal = rollback.refusal(for: commit, repo: repo) {
            report.refuse(refusal)
            return false
        }
        let top = GitRepository(root: repo.topLevel ?? repo.root, environment: rollback.environment)
        guard let parent = commit.parent,
            let stagedSince = Self.names(
                top,
                [
                    "diff", "--cached", "--name-only", "-z", "--no-renames",
                    commit.commit,
                ]
            ),
            let touched = Self.names(
                top,
                [
                    "diff-tree", "--name-only", "-r", "-z", "--no-renames",
                    parent, commit.commit,
                ]
            )
        else {
            report.refuse(
                "git cannot list what commit \(commit.commit.prefix(8)) in \(commit.repository) "
                    + "changed; not reset"
            )
            return false
        }
        let snapshot = commit.indexBefore.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
        let result = try? top.run(["reset", "--soft", "--quiet", parent])
        guard result?.succeeded == true else {
            let why = result?.errorOutput.trimmingCharacters(in: .whitespacesAndNewlines) ?? "git could not run"
            report.refuse(
                "git reset failed in \(commit.repository) (\(why)); "
                    + "the commit \(commit.commit.prefix(8)) stays"
            )
            return false
        }
        var how = "git reset --soft"
        if stagedSince.isEmpty, let snapshot, let gitDir = top.gitDirectory,
            rename(snapshot, gitDir.appendingPathComponent("index").path) == 0
        {
            how += ", and the index as it was before the run"
        } else if restoreIndexEntries(
            Set(touched).subtracting(stagedSince),
            snapshot: snapshot,
            parent: parent,
            repo: top
        ) {
            how +=
                stagedSince.isEmpty
                ? ", the run's staging undone"
                : ", the run's staging undone; \(stagedSince.count) path(s) staged since the run stay staged"
        } else {
            how += "; the index could not be put back (`git reset --quiet -- PATH` unstages a path)"
        }
        report.did(
            "reset \(commit.branch ?? "HEAD") in \(commit.repository) from \(commit.commit.prefix(8)) to "
                + "\(parent.prefix(8)) (\(how)): the session's changes are uncommitted again"
        )
        return true
    }

    /// Sets the index entries of `paths` to what the pre-run snapshot held (else to the parent commit's tree);
    /// a path absent there leaves the index. Whole listings are filtered here: no path goes through a pathspec.
    private func restoreIndexEntries(
        _ paths: Set<Data>,
        snapshot: String?,
        parent: String,
        repo: GitRepository
    ) -> Bool {
        guard !paths.isEmpty else { return true }
        let listing: ProcessResult?
        if let snapshot {
            let environment = rollback.environment.merging(["GIT_INDEX_FILE": snapshot]) { $1 }
            let fromSnapshot = GitRepository(root: repo.root, environment: environment)
            listing = try? fromSnapshot.run(["ls-files", "--stage", "-z"])
        } else {
            listing = try? repo.run(["ls-tree", "-r", "-z", "--full-tree", parent])
        }
        guard let listing, listing.succeeded else { return false }
        var entries: [Data: Data] = [:]
        for record in listing.stdout.split(separator: 0) {
            guard let tab = record.firstIndex(of: UInt8(ascii: "\t")) else { continue }
            let path = Data(record[(tab + 1)...])
            if paths.contains(path) { entries[path] = Data(record) }
        }
        var input = Data()
        for path in paths {
            input += entries[path] ?? Data("0 \(String(repeating: "0", count: parent.count))\t".utf8) + path
            input.append(0)
        }
        return (try? repo.run(["update-index", "-z", "--index-info"], input: input))?.succeeded == true
    }

    /// The NUL-separated names git prints, as bytes (a name need not be UTF-8), or nil when git failed.
    private static func names(_ repo: GitRepository, _ arguments: [String]) -> [Data]? {
        guard let result = try? repo.run(arguments), result.succeeded else { return nil }
        return result.stdout.split(separator: 0).map { Data($0) }
    }
}
