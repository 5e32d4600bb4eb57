import Foundation

/// Step 5 in one repository: detect what must not be trampled, offer a pending push, stage what the guard
/// allows, read back what git staged, commit, push. Uses one `git status`, one `git update-index` (again for each
/// path git refuses), one `git diff --cached`, one `git commit` and at most one `git push` (plus one
/// `git check-ignore` when the tool's paths are not in `.gitignore`).
struct RepositoryRun {
    let target: RepositoryTarget
    let context: StepContext
    /// Everything `progress` and `warn` report is prefixed with the repository's label when there are several.
    let labelled: Bool

    struct Result {
        var outcome: Outcome
        var commit: RepositoryCommit?
        /// `… ; run \`cmd\``: the push-pending line for the summary.
        var pushPending: String?
        /// The pending-push record to keep for `branch` (nil: none).
        var pending: PendingPush?
        /// The branch whose pending-push record this run decided (nil: records left as they were).
        var branch: String?
    }

    var settings: GitSettings { context.configuration.git }

    func progress(_ text: String) { context.progress(labelled ? "\(target.label): \(text)" : text) }
    func warn(_ text: String) { context.warn(labelled ? "\(target.label): \(text)" : text) }

    /// `records`: this repository's pending-push records (one per branch).
    func run(previous records: [PendingPush]) async -> Result {
        let repo = GitRepository(root: target.root, environment: context.environment)
        let ready: Ready
        switch await checkReady(repo) {
        case .stop(let result): return result
        case .ready(let found): ready = found
        }
        let snapshot = ready.snapshot
        let offer = await pendingPushOffer(records, snapshot: snapshot)
        let decision = guardDecision(ready)
        let commit: RepositoryCommit?
        switch commitSession(repo: repo, ready: ready, decision: decision, pending: offer.record) {
        case .stop(let result): return result
        case .committed(let made): commit = made
        }
        if context.dryRun { return Result(outcome: .skipped("dry run: nothing committed")) }
        unstageHeldBack(repo: repo, decision: decision, hasHead: commit != nil || snapshot.head != nil)
        guard commit != nil || offer.record != nil else {
            return Result(outcome: GitStep.nothingToCommit, branch: snapshot.branch)
        }
        var result = await push(
            repo: repo,
            snapshot: snapshot,
            commit: commit,
            pending: offer.record,
            pendingAnswer: offer.answer
        )
        result.branch = snapshot.branch
        return result
    }

    /// Where the repository is and how it stands, once nothing in it stops the commit.
    private struct Ready {
        let gitDirectory: URL
        let topLevel: URL
        /// The project's folder inside the repository (see `prefix(of:in:)`); empty for other repositories.
        let projectPrefix: String
        let snapshot: StatusSnapshot
    }

    private enum Readiness {
        case ready(Ready)
        case stop(Result)
    }

    /// Finds the repository and stops where a commit would trample something: another git's `index.lock`, a
    /// merge, rebase or the like in progress, unmerged paths.
    private func checkReady(_ repo: GitRepository) async -> Readiness {
        guard let location = Self.quickLocate(target.root) ?? repo.locate() else {
            warn(
                "\(target.root.path) is not a git repository: nothing committed there; its files are preserved on disk"
            )
            return .stop(Result(outcome: .skipped("not a git repository")))
        }
        let gitDir = location.gitDirectory
        if let held = await waitForIndexLock(gitDirectory: gitDir) { return .stop(held) }
        if let operation = OperationInProgress.detect(gitDirectory: gitDir) {
            warn(
                "not committed: \(operation.description) in \(target.root.path); \(operation.howToFinish), then run `jarvis-tui end-session` again"
            )
            return .stop(Result(outcome: .skipped("\(operation.description): nothing committed")))
        }
        let snapshot: StatusSnapshot
        do { snapshot = try repo.snapshot() } catch { return .stop(Result(outcome: .failed("\(error)"))) }
        let unmerged = snapshot.unmerged
        if !unmerged.isEmpty {
            let names = unmerged.prefix(5).map(\.path).joined(separator: ", ") + (unmerged.count > 5 ? " …" : "")
            warn("not committed: unmerged paths (\(names)); resolve them, `git add` them, and run again")
            return .stop(Result(outcome: .skipped("unmerged paths: nothing committed")))
        }
        let projectPrefix = target.isPrimary ? Self.prefix(of: context.project.root, in: location.topLevel) : ""
        return .ready(
            Ready(gitDirectory: gitDir, topLevel: location.topLevel, projectPrefix: projectPrefix, snapshot: snapshot)
        )
    }

    /// Waits while another git process holds the index (after removing a lock the interrupted run's own git left).
    /// Returns the outcome when the lock is still held at the end of the wait; nil when the index is free.
    private func waitForIndexLock(gitDirectory: URL) async -> Result? {
        let lock = IndexLockWait(gitDirectory: gitDirectory, seconds: settings.lockWaitSeconds)
        removeOwnStaleLock(lock)
        guard lock.isHeld else { return nil }
        let free = await lock.wait { remaining in
            progress("another git process holds \(lock.lockFile.path): waiting \(remaining) s…")
        }
        guard free else {
            warn(
                "not committed: \(lock.lockFile.path) is still held after \(settings.lockWaitSeconds) s (age \(lock.age)); when no git process is running, remove it (`rm \(lock.lockFile.path)`) and run again"
            )
            return Result(outcome: .degraded("not committed: index.lock held by another git process"))
        }
        progress("index.lock released")
        return nil
    }

    /// What the staging guard lets into the commit; what it holds back is recorded and named in a warning.
    private func guardDecision(_ ready: Ready) -> StagingGuard.Decision {
        // Files the early staging's guard read and nobody changed since are not read again.
        let decision = StagingGuard(
            settings: settings,
            root: ready.topLevel,
            projectPrefix: ready.projectPrefix,
            memo: context.earlyStaging?.scanMemo
        )
        .decide(ready.snapshot.entries)
        for held in decision.heldBack {
            let path = target.isPrimary ? held.path : "\(target.label)/\(held.path)"
            context.record.heldBack.append(HeldBackFile(path: path, reason: held.reason))
            warn("held back from the commit: \(held.path) — \(held.reason)")
        }
        for warning in decision.warnings { warn(target.isPrimary ? warning : "\(target.label)/\(warning)") }
        return decision
    }

    private enum CommitStage {
        /// The commit made, or nil when there was nothing to commit.
        case committed(RepositoryCommit?)
        case stop(Result)
    }

    /// Commits what the guard lets through; a dry run only says what it would commit.
    private func commitSession(
        repo: GitRepository,
        ready: Ready,
        decision: StagingGuard.Decision,
        pending: PendingPush?
    ) -> CommitStage {
        let snapshot = ready.snapshot
        guard !decision.stage.isEmpty else {
            progress(
                "nothing to commit"
                    + (decision.heldBack.isEmpty ? "" : " (\(decision.heldBack.count) file(s) held back)")
            )
            return .committed(nil)
        }
        if context.dryRun {
            previewCommit(decision)
            return .stop(Result(outcome: .skipped("dry run: nothing committed")))
        }
        if target.isPrimary {
            ensureToolPathsIgnored(repo: repo, gitDir: ready.gitDirectory, prefix: ready.projectPrefix)
        }
        switch commitChanges(repo: repo, gitDir: ready.gitDirectory, decision: decision) {
        case .failure(let outcome):
            unstageHeldBack(repo: repo, decision: decision, hasHead: snapshot.head != nil)
            return .stop(Result(outcome: outcome, pending: pending, branch: snapshot.branch))
        case .nothingStaged:
            progress("nothing to commit: git staged none of the files")
            return .committed(nil)
        case .success(let sha, let indexBefore, let message, let fileCount):
            let commit = RepositoryCommit(
                repository: target.root.path,
                label: target.label,
                commit: sha,
                parent: snapshot.head,
                branch: snapshot.branch,
                pushed: false,
                indexBefore: indexBefore
            )
            progress("committed \(sha.prefix(8)) “\(message.subject)” (\(fileCount) file(s))")
            PausePoint.reach("after-commit")
            return .committed(commit)
        }
    }

    /// A dry run's account of the commit it would make.
    private func previewCommit(_ decision: StagingGuard.Decision) {
        // The body lists the session's files, never one that was held back.
        let held = Set(decision.heldBackEntries.map(\.rawPath))
        let files =
            target.isPrimary
            ? context.record.filesModified.filter { !held.contains($0.rawPath) }
            : decision.stage.map(\.fileChange)
        let message = CommitMessage.build(record: context.record, summaryPath: summaryPath, files: files)
        progress("would stage \(decision.stage.count) file(s) and commit “\(message.subject)”")
    }

    /// After an interrupted run made this session's commits: commits nothing (steps 1–4 did not run again, so there
    /// is nothing new of this session to commit), and pushes this session's commit if it is not on the remote yet.
    func resumePush(sessionID: String) async -> Result {
        let repo = GitRepository(root: target.root, environment: context.environment)
        guard let location = Self.quickLocate(target.root) ?? repo.locate() else {
            return Result(outcome: .skipped("not a git repository"))
        }
        removeOwnStaleLock(IndexLockWait(gitDirectory: location.gitDirectory, seconds: settings.lockWaitSeconds))
        let snapshot: StatusSnapshot
        do { snapshot = try repo.snapshot() } catch { return Result(outcome: .failed("\(error)")) }
        let range = snapshot.upstream == nil ? "HEAD" : "@{upstream}..HEAD"
        guard
            let sha = repo.output([
                "log", "-1", "--format=%H", "--fixed-strings", "--grep=\(CommitMessage.trailer(sessionID))", range,
            ]),
            !sha.isEmpty
        else {
            progress("the interrupted run's session commit is on the remote")
            return Result(outcome: .done, branch: snapshot.branch)
        }
        progress("the interrupted run committed \(sha.prefix(8)) but did not push it")
        let commit = RepositoryCommit(
            repository: target.root.path,
            label: target.label,
            commit: sha,
            parent: repo.output(["rev-parse", "--verify", "--quiet", "\(sha)^"]),
            branch: snapshot.branch,
            pushed: false
        )
        var result = await push(repo: repo, snapshot: snapshot, commit: commit, pending: nil, pendingAnswer: nil)
        result.branch = snapshot.branch
        return result
    }

    var summaryPath: String? { context.summary?.path.map { context.relative(URL(fileURLWithPath: $0)) } }

    /// Removes the `index.lock` that the interrupted run's own git left when it was killed (see `StaleIndexLock`).
    private func removeOwnStaleLock(_ lock: IndexLockWait) {
        guard lock.isHeld, let stamp = context.journal?.current.indexWritesStarted?[target.root.path],
            StaleIndexLock.isLeftByInterruptedRun(
                lock.lockFile,
                indexWritesStartedAt: Timestamp.parseISO(stamp),
                repository: target.root
            )
        else { return }
        if unlink(lock.lockFile.path) == 0 {
            warn(
                "removed \(lock.lockFile.path), left by the interrupted run's git when it was killed (no git process is running here)"
            )
        }
    }

    /// Notes in the journal that this run is about to write the index, before the first git command that locks it.
    func recordIndexWrites() {
        context.journal?.update { journal in
            var started = journal.indexWritesStarted ?? [:]
            started[target.root.path] = Timestamp.iso(Date())  // the clock the lock file's time comes from
            journal.indexWritesStarted = started
        }
    }

    // MARK: commit

    enum CommitResult {
        case success(String, indexBefore: String?, message: CommitMessage, fileCount: Int)
        case nothingStaged
        case failure(Outcome)
    }

    /// The paths of `entries` for `--stdin -z` / `--pathspec-file-nul` (renames: both names).
    static func pathspec(_ entries: [StatusEntry]) -> Data {
        var pathspec = Data()
        for entry in entries {
            pathspec.append(contentsOf: entry.rawPath)
            pathspec.append(0)
            if let original = entry.rawOriginalPath {
                pathspec.append(contentsOf: original)
                pathspec.append(0)
            }
        }
        return pathspec
    }

    /// Puts the index the early staging hashed while steps 1–4 ran in place of this one, when that copy can stand
    /// in for it: true when it did.
    private func adoptEarlyStaging(gitDir: URL, decision: StagingGuard.Decision) -> Bool {
        guard target.isPrimary, let early = context.earlyStaging,
            early.index.path == gitDir.appendingPathComponent("index").path,
            early.adopt(for: decision.stage)
        else { return false }
        progress("\(early.stagedCount) of the file(s) were hashed while the earlier steps ran")
        return true
    }

    private func commitChanges(repo: GitRepository, gitDir: URL, decision: StagingGuard.Decision) -> CommitResult {
        let backup: IndexBackup
        do { backup = try IndexBackup(gitDirectory: gitDir) } catch {
            return .failure(.failed("could not prepare the commit: \(ErrorSentence.describe(error))"))
        }
        defer { backup.discard() }
        SessionMessageFile.sweep(gitDirectory: gitDir)
        func undo(_ what: String, _ result: ProcessResult?) -> CommitResult {
            let restored: String
            do { try backup.restore(); restored = "the index is as it was before the run" } catch {
                restored = "the index could not be restored (\(ErrorSentence.describe(error))); check `git status`"
            }
            let output =
                result.map { ($0.errorOutput + $0.output).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            warn(
                "\(what); nothing committed, \(restored)\(output.isEmpty ? "" : ". Output:\n\(TerminalText.inertKeepingNewlines(output))")"
            )
            return .failure(.failed("\(what): nothing committed"))
        }
        recordIndexWrites()
        let adopted = adoptEarlyStaging(gitDir: gitDir, decision: decision)
        do {
            let staging = try ReconciledStaging(repo: repo, mayPack: !adopted).stage(decision.stage)
            if let failure = staging.failure { return undo("staging (git update-index) failed", failure) }
            reportNotStaged(staging.missing)
            let missing = Set(staging.missing.map(\.path))
            let committing = decision.stage.filter { !missing.contains($0.rawPath) }
            // Held-back or tool-owned files the user had already staged stay staged and out of this commit.
            let keepsStaged = (decision.heldBackEntries + decision.ignored).contains {
                $0.index != " " && $0.index != "?"
            }
            let wanted = Set(committing.flatMap { [$0.rawPath] + ($0.rawOriginalPath.map { [$0] } ?? []) })
            let files = keepsStaged ? staging.staged.filter { wanted.contains($0.rawPath) } : staging.staged
            guard !files.isEmpty else {
                _ = undo("git staged none of the \(decision.stage.count) file(s)", nil)
                return .nothingStaged
            }
            progress("staged \(files.count) file(s)")
            PausePoint.reach("before-commit")
            let message = CommitMessage.build(record: context.record, summaryPath: summaryPath, files: files)
            let only = keepsStaged ? Self.pathspec(committing) : nil
            return try commitStaged(
                repo: repo,
                gitDir: gitDir,
                message: message,
                pathspec: only,
                backup: backup,
                fileCount: files.count,
                undo: undo
            )
        } catch {
            return undo("git could not be run (\(ErrorSentence.describe(error)))", nil)
        }
    }

    /// Paths git did not stage are named, kept out of the commit and listed with the held-back files.
    private func reportNotStaged(_ missing: [(path: [UInt8], reason: String)]) {
        for (raw, reason) in missing {
            let path = EscapedName.markdown(String(decoding: raw, as: UTF8.self))
            let shown = target.isPrimary ? path : "\(target.label)/\(path)"
            context.record.heldBack.append(HeldBackFile(path: shown, reason: reason))
            warn("not committed: \(path) — \(reason)")
        }
    }

    /// `git commit` of what is staged (`pathspec`: only those paths), with the message in a file the start of the
    /// next run sweeps if this process is killed before it removes it.
    private func commitStaged(
        repo: GitRepository,
        gitDir: URL,
        message: CommitMessage,
        pathspec: Data?,
        backup: IndexBackup,
        fileCount: Int,
        undo: (String, ProcessResult?) -> CommitResult
    ) throws -> CommitResult {
        let messageFile: URL
        // Never through a symlink that leads out of the project: then the git directory holds it.
        let stateFolder = context.project.toolStateFolder
        let probe = stateFolder.appendingPathComponent("message")
        let inside = (try? PathSafety.checkInsideProject(probe, project: context.project)) != nil
        do {
            messageFile = try SessionMessageFile.write(
                message.full,
                preferring: inside ? stateFolder : gitDir,
                else: gitDir
            )
        } catch {
            return undo("could not write the commit message (\(ErrorSentence.describe(error)))", nil)
        }
        defer { unlink(messageFile.path) }
        var arguments = ["--literal-pathspecs", "commit", "--quiet", "--file=\(messageFile.path)"]
        if pathspec != nil { arguments += ["--only", "--pathspec-from-file=-", "--pathspec-file-nul"] }
        let commit = try repo.run(arguments, input: pathspec, timeout: .seconds(settings.timeoutSeconds))
        guard commit.succeeded else {
            let what =
                commit.timedOut
                ? "git commit timed out after \(settings.timeoutSeconds) s (a hook ran too long; `git.timeout_seconds` sets the limit)"
                : "git commit was rejected (a pre-commit or commit-msg hook, or signing, failed)"
            return undo(what, commit)
        }
        guard let sha = Self.headFromFiles(gitDir: gitDir) ?? repo.head else {
            return .failure(.failed("committed, but HEAD could not be read"))
        }
        return .success(sha, indexBefore: backup.keep(for: sha), message: message, fileCount: fileCount)
    }

    // MARK: helpers

    /// The project's folder relative to the repository top (empty when they are the same), ending in `/`.
    static func prefix(of project: URL, in topLevel: URL) -> String {
        let top = topLevel.resolvingSymlinksInPath().path
        let root = project.resolvingSymlinksInPath().path
        guard root.hasPrefix(top + "/") else { return "" }
        return String(root.dropFirst(top.count + 1)) + "/"
    }

    /// The git directory without spawning git, for the common layout (a `.git` folder at the working tree's top).
    static func quickLocate(_ root: URL) -> (gitDirectory: URL, topLevel: URL)? {
        let dotGit = root.appendingPathComponent(".git")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.appendingPathComponent("HEAD").path),
            FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { return nil }
        return (dotGit, root)
    }

    /// HEAD's commit read from the ref file a commit has just written (nil: ask git).
    static func headFromFiles(gitDir: URL) -> String? {
        guard
            let head = try? String(contentsOf: gitDir.appendingPathComponent("HEAD"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        else { return nil }
        let ref =
            head.hasPrefix("ref: ")
            ? (try? String(contentsOf: gitDir.appendingPathComponent(String(head.dropFirst(5))), encoding: .utf8))
            : head
        guard let sha = ref?.trimmingCharacters(in: .whitespacesAndNewlines), sha.count == 40 || sha.count == 64,
            sha.allSatisfy(\.isHexDigit)
        else { return nil }
        return sha
    }

    /// Adds the tool's post-commit paths to `.git/info/exclude` when nothing ignores them yet (one
    /// `git check-ignore` for all of them), so a run in a project that was never `init`ed leaves a clean tree.
    private func ensureToolPathsIgnored(repo: GitRepository, gitDir: URL, prefix: String) {
        // `init` writes the rules into .gitignore as they are: then there is nothing to check. A linked
        // .gitignore is not read (git itself does not follow one), so the rules it holds do not count.
        let gitignore =
            ProjectFiles(context.project).readIfSafe(context.project.root.appendingPathComponent(".gitignore"))
            .map {
                Set(
                    String(decoding: $0, as: UTF8.self).split(separator: "\n").map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }
                )
            } ?? []
        if PostCommitPaths.ignoreRules.allSatisfy(gitignore.contains) { return }
        let rules = PostCommitPaths.ignoreRules.map { prefix + $0 }
        let probes = rules.map { $0.hasSuffix("/") ? $0 + "probe" : $0 }
        var input = Data()
        for probe in probes { input.append(contentsOf: Array(probe.utf8) + [0]) }
        guard let result = try? repo.run(["check-ignore", "--no-index", "--stdin", "-z"], input: input) else { return }
        let ignored = Set(result.stdout.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
        let missing = zip(rules, probes).filter { !ignored.contains($0.1) }.map(\.0)
        guard !missing.isEmpty else { return }
        let exclude = gitDir.appendingPathComponent("info/exclude")
        // The git directory's own files are walked like the project's: a linked `info` or `exclude` is refused.
        let files = ProjectFiles(root: gitDir)
        let block =
            "\n# jarvis-tui: written after the session commit (run `jarvis-tui init` to add these to .gitignore)\n"
            + missing.map { "/" + $0 }.joined(separator: "\n") + "\n"
        do {
            let existing = try files.read(exclude).map { String(decoding: $0, as: UTF8.self) } ?? ""
            try files.write(existing + block, to: exclude)
            progress("added \(missing.count) tool path(s) to .git/info/exclude")
        } catch {
            warn("could not update .git/info/exclude: \(ErrorSentence.describe(error))")
        }
    }
}
