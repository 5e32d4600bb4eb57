import Foundation

/// `jarvis-tui rollback`: undoes the last completion, all or nothing, and says exactly what it did. It first
/// makes a plan (`plan()`, see `RollbackPlan`), then carries it out (`RollbackExecutor`).
/// - A session commit is reset (the branch back to its parent, the session's changes uncommitted, later staging
///   kept) only when it is still HEAD, not on any remote, and no merge/rebase/… or index.lock is in the way. A
///   pushed commit is refused with the `git revert` command that undoes it publicly.
/// - Files the run rewrote get their previous bytes back (files it created are deleted), unless they changed
///   since the run or belong to a commit that was not reset.
package struct Rollback {
    package struct Report: Sendable, Equatable {
        package enum Kind: String, Sendable { case done, refused }
        /// Every action in the order it happened.
        package private(set) var entries: [(kind: Kind, text: String)] = []
        /// What was done, one line each.
        package var done: [String] { entries.filter { $0.kind == .done }.map(\.text) }
        /// What was deliberately not done, with the command to do it by hand when there is one.
        package var refused: [String] { entries.filter { $0.kind == .refused }.map(\.text) }
        package var lines: [String] {
            entries.map { "\($0.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \($0.text)" }
        }

        mutating func did(_ text: String) { entries.append((.done, text)) }
        mutating func refuse(_ text: String) { entries.append((.refused, text)) }
        mutating func append(_ other: Report) { entries += other.entries }

        package static func == (a: Report, b: Report) -> Bool { a.lines == b.lines }
    }

    let project: Project
    let environment: [String: String]

    package init(project: Project, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.project = project
        self.environment = environment
    }

    /// Plans, then carries out the plan unless something must be refused and `partial` is false.
    package func run(partial: Bool = false) throws(RunManifestStore.LoadError) -> Report {
        execute(try plan(), partial: partial)
    }

    /// All or nothing: while the plan refuses anything, nothing is changed unless `partial`. Once carried out the
    /// run is marked rolled back, so that the next rollback has nothing to undo.
    package func execute(_ plan: RollbackPlan, partial: Bool) -> Report {
        var report = Report()
        if let when = plan.rolledBackAt {
            report.did("nothing to undo: the last completion (\(plan.runID)) was already rolled back at \(when)")
            return report
        }
        if plan.isEmpty {
            report.did("nothing to undo: the run changed no file and made no commit")
            markRolledBack()
            return report
        }
        plan.refusals.forEach { report.refuse($0) }
        guard plan.refusals.isEmpty || partial else {
            report.refuse(
                "nothing was changed, since \(plan.refusals.count) part(s) cannot be undone; "
                    + "`jarvis-tui rollback --partial` undoes the rest"
            )
            return report
        }
        report.append(RollbackExecutor(rollback: self).execute(plan))
        markRolledBack()
        return report
    }

    private func markRolledBack() {
        let store = RunManifestStore(project: project)
        guard var manifest = try? store.load() else { return }
        manifest.rolledBackAt = Timestamp.iso(Date())
        try? store.save(manifest)
    }

    /// Why the commit must not be reset, or nil when it is safe.
    func refusal(for commit: RepositoryCommit, repo: GitRepository) -> String? {
        let short = commit.commit.prefix(8)
        guard let location = repo.locate() else {
            return "\(commit.repository) is no longer a git repository; commit \(short) not reset"
        }
        let remotes =
            repo.output(["branch", "--remotes", "--contains", commit.commit, "--format=%(refname:short)"])?
            .split(separator: "\n").map(String.init) ?? []
        if commit.pushed || !remotes.isEmpty {
            let on = remotes.isEmpty ? "the remote" : remotes.joined(separator: ", ")
            return
                "commit \(short) in \(commit.repository) is on \(on): not reset. To undo it publicly run: git -C \(commit.repository) revert \(commit.commit)"
        }
        guard let head = repo.head, head == commit.commit else {
            return
                "HEAD of \(commit.repository) is no longer the session commit \(short) (later commits exist): not reset. To undo just that commit run: git -C \(commit.repository) revert \(commit.commit)"
        }
        guard commit.parent != nil else {
            return
                "commit \(short) is the first of \(commit.repository): not reset (undo by hand with `git -C \(commit.repository) update-ref -d HEAD`)"
        }
        if let operation = OperationInProgress.detect(gitDirectory: location.gitDirectory) {
            return
                "\(operation.description) in \(commit.repository): commit \(short) not reset; \(operation.howToFinish) first"
        }
        if IndexLockWait(gitDirectory: location.gitDirectory, seconds: 0).isHeld {
            return
                "another git process holds the index.lock of \(commit.repository): commit \(short) not reset; run rollback again when it is done"
        }
        return nil
    }

    /// Absolute paths (symlinks resolved) of the files a commit changed.
    func pathsChanged(by commit: RepositoryCommit, repo: GitRepository) -> Set<String> {
        guard
            let result = try? repo.run([
                "diff-tree", "--no-commit-id", "--name-only", "-r", "-z", "--root", commit.commit,
            ]), result.succeeded
        else { return [] }
        let top = (repo.topLevel ?? repo.root).resolvingSymlinksInPath().path
        return Set(result.stdout.split(separator: 0).map { top + "/" + String(decoding: $0, as: UTF8.self) })
    }
}
