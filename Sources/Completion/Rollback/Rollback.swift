import Foundation

/// `jarvis-tui rollback`: undoes the last completion as far as is safe, and says exactly what it did.
/// - A session commit is reset (`git reset --mixed <parent>`: the session's changes come back, uncommitted) only
///   when it is still HEAD, not on any remote, and no merge/rebase/… or index.lock is in the way. A pushed commit
///   is refused with the `git revert` command that undoes it publicly.
/// - Files the run rewrote get their previous bytes back (files it created are deleted), unless they changed
///   since the run or belong to a commit that was not reset.
public struct Rollback {
    public struct Report: Sendable, Equatable {
        public enum Kind: String, Sendable { case done, refused }
        /// Every action in the order it happened.
        public private(set) var entries: [(kind: Kind, text: String)] = []
        /// What was done, one line each.
        public var done: [String] { entries.filter { $0.kind == .done }.map(\.text) }
        /// What was deliberately not done, with the command to do it by hand when there is one.
        public var refused: [String] { entries.filter { $0.kind == .refused }.map(\.text) }
        public var lines: [String] { entries.map { "\($0.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \($0.text)" } }

        mutating func did(_ text: String) { entries.append((.done, text)) }
        mutating func refuse(_ text: String) { entries.append((.refused, text)) }

        public static func == (a: Report, b: Report) -> Bool { a.lines == b.lines }
    }

    let project: Project
    let environment: [String: String]

    public init(project: Project, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.project = project
        self.environment = environment
    }

    public func run() throws(RunManifestStore.LoadError) -> Report {
        let store = RunManifestStore(project: project)
        var manifest = try store.load()
        var report = Report()
        if let when = manifest.rolledBackAt {
            report.refuse("the last completion (\(manifest.runID)) was already rolled back at \(when); nothing to do")
            return report
        }

        // Commits first: files that belong to a commit that stays must stay as committed.
        var keptCommitPaths = Set<String>()
        var pending = PendingPushStore(project: project).load().records
        let pendingBefore = pending
        for commit in manifest.commits.reversed() {
            let repo = GitRepository(root: URL(fileURLWithPath: commit.repository), environment: environment)
            if let refusal = refusal(for: commit, repo: repo) {
                report.refuse(refusal)
                keptCommitPaths.formUnion(pathsChanged(by: commit, repo: repo))
                continue
            }
            // With nothing staged since the commit, the index goes back to the snapshot taken before step 5
            // (the user's own partial staging included); otherwise a mixed reset.
            let untouchedIndex = (try? repo.run(["diff", "--cached", "--quiet"]))?.status == 0
            let snapshot = commit.indexBefore.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
            let restoreIndex = untouchedIndex && snapshot != nil
            let result = try? repo.run(["reset", restoreIndex ? "--soft" : "--mixed", "--quiet", commit.parent!])
            if result?.succeeded == true {
                var how = "git reset --mixed"
                if restoreIndex, let snapshot, let gitDir = repo.locate()?.gitDirectory,
                   rename(snapshot, gitDir.appendingPathComponent("index").path) == 0 {
                    how = "git reset --soft, and the index as it was before the run"
                } else if restoreIndex {
                    _ = try? repo.run(["reset", "--quiet"])
                }
                report.did("reset \(commit.branch ?? "HEAD") in \(commit.repository) from \(commit.commit.prefix(8)) to \(commit.parent!.prefix(8)) (\(how)): the session's changes are uncommitted again")
                pending.removeAll { $0.repository == commit.repository && $0.commit == commit.commit }
            } else {
                report.refuse("git reset failed in \(commit.repository) (\(result?.errorOutput.trimmingCharacters(in: .whitespacesAndNewlines) ?? "git could not run")); the commit \(commit.commit.prefix(8)) stays")
                keptCommitPaths.formUnion(pathsChanged(by: commit, repo: repo))
            }
        }
        if pending != pendingBefore { try? PendingPushStore(project: project).save(pending) }

        for file in manifest.files.reversed() {
            let url = project.root.appendingPathComponent(file.path)
            if keptCommitPaths.contains(url.resolvingSymlinksInPath().path) {
                report.refuse("\(file.path): part of a commit that was not reset; `git revert` undoes it")
                continue
            }
            let current = FileManager.default.contents(atPath: url.path)
            let previous = file.backup.flatMap(store.backupData)
            if file.backup != nil && previous == nil {
                report.refuse("\(file.path): its backup \(file.backup!) is missing; left as it is")
                continue
            }
            if current == previous { continue }
            if let current, ContentFingerprint.of(current) != file.writtenHash {
                report.refuse("\(file.path): changed since the run; left as it is")
                continue
            }
            do {
                if let previous {
                    try PathSafety.checkInsideProject(url, project: project)
                    try AtomicFile.write(previous, to: url)
                    report.did("restored \(file.path) (\(previous.count) bytes as before the run)")
                } else if current != nil {
                    try PathSafety.checkInsideProject(url, project: project)
                    try FileManager.default.removeItem(at: url)
                    report.did("deleted \(file.path) (created by the run)")
                }
            } catch {
                report.refuse("\(file.path): \(error)")
            }
        }
        if !manifest.memoryEntities.isEmpty {
            let names = manifest.memoryEntities
            let serverName = (try? ConfigurationLoader.load(from: project.configFile))?.configuration.memoryServer ?? "memory"
            let (project, environment) = (self.project, self.environment)
            let outcome = Self.blocking { await MemoryEntityRemoval.delete(names, project: project, serverName: serverName, environment: environment) }
            if outcome.isDone {
                report.did("deleted the memory entities the run created: \(names.joined(separator: ", "))")
            } else {
                report.refuse("memory entities \(names.joined(separator: ", ")) not deleted: \(outcome.reason ?? outcome.name)")
            }
        }
        manifest.rolledBackAt = Timestamp.iso(Date())
        try? store.save(manifest)
        if report.done.isEmpty && report.refused.isEmpty { report.did("nothing to undo: the run changed no file and made no commit") }
        return report
    }

    /// Runs async work from this synchronous command (the memory server is spoken to asynchronously).
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            box.value = await work()
            done.signal()
        }
        done.wait()
        return box.value!
    }

    /// Why the commit must not be reset, or nil when it is safe.
    func refusal(for commit: RepositoryCommit, repo: GitRepository) -> String? {
        let short = commit.commit.prefix(8)
        guard let location = repo.locate() else { return "\(commit.repository) is no longer a git repository; commit \(short) not reset" }
        let remotes = repo.output(["branch", "--remotes", "--contains", commit.commit, "--format=%(refname:short)"])?
            .split(separator: "\n").map(String.init) ?? []
        if commit.pushed || !remotes.isEmpty {
            let on = remotes.isEmpty ? "the remote" : remotes.joined(separator: ", ")
            return "commit \(short) in \(commit.repository) is on \(on): not reset. To undo it publicly run: git -C \(commit.repository) revert \(commit.commit)"
        }
        guard let head = repo.head, head == commit.commit else {
            return "HEAD of \(commit.repository) is no longer the session commit \(short) (later commits exist): not reset. To undo just that commit run: git -C \(commit.repository) revert \(commit.commit)"
        }
        guard commit.parent != nil else {
            return "commit \(short) is the first of \(commit.repository): not reset (undo by hand with `git -C \(commit.repository) update-ref -d HEAD`)"
        }
        if let operation = OperationInProgress.detect(gitDirectory: location.gitDirectory) {
            return "\(operation.description) in \(commit.repository): commit \(short) not reset; \(operation.howToFinish) first"
        }
        if IndexLockWait(gitDirectory: location.gitDirectory, seconds: 0).isHeld {
            return "another git process holds the index.lock of \(commit.repository): commit \(short) not reset; run rollback again when it is done"
        }
        return nil
    }

    /// Absolute paths (symlinks resolved) of the files a commit changed.
    func pathsChanged(by commit: RepositoryCommit, repo: GitRepository) -> Set<String> {
        guard let result = try? repo.run(["diff-tree", "--no-commit-id", "--name-only", "-r", "-z", "--root", commit.commit]), result.succeeded else { return [] }
        let top = (repo.topLevel ?? repo.root).resolvingSymlinksInPath().path
        return Set(result.stdout.split(separator: 0).map { top + "/" + String(decoding: $0, as: UTF8.self) })
    }
}

/// Carries a result out of a detached task to a thread that waits on a semaphore for it.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
