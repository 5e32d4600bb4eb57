import Foundation

/// Step 5's slowest part, hashing the session's changed files into git objects, started while steps 1–4 run: on
/// its own thread, `git update-index` stages the files the guard lets through into a copy of the index
/// (`<git dir>/jarvis-tui-index.early`). The user's index is not touched. Step 5 then decides afresh (a new
/// `git status`, the guard again) and adopts the copy only when nothing in it could differ from what it would
/// stage itself: every path staged early is staged now too (a file held back now was never committed from the
/// copy), and the index is still the very file that was copied. Its own `update-index` then re-hashes exactly the
/// files that changed since (the steps' own files, anything the user edited meanwhile) and only stats the rest.
/// Anything else, and the copy is dropped: step 5 stages as it always does. The objects written early are what
/// step 5 would write; a killed run leaves only unreachable objects, which git's gc removes.
package final class EarlyStaging: @unchecked Sendable {
    // Unchecked: every mutable property is reached only with `lock` held; `finished` orders the thread's result.
    let index: URL
    let copy: URL
    /// The guard's verdicts on the files it read, for step 5's guard to reuse on files unchanged since.
    let scanMemo = SecretScanMemo()
    /// Every path the copy has staged (renames: both names); set by the thread before it signals.
    private(set) var paths: Set<[UInt8]> = []
    /// The files the guard held back (set as soon as the guard has decided), so the summary written before step 5
    /// can name them.
    private var heldBack: [HeldBackFile] = []
    private let copiedIndex: FileIdentity
    /// Signalled once the guard has decided, before `update-index` runs: the summary waits for this only.
    private let decided = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var staged: Bool?
    private var spent = false

    package static let copyName = "jarvis-tui-index.early"

    private init(index: URL, copy: URL, copiedIndex: FileIdentity) {
        self.index = index
        self.copy = copy
        self.copiedIndex = copiedIndex
    }

    /// Starts staging `entries` (the project's `git status` from gathering) when the project is a repository's top
    /// with its own `.git` folder and nothing is in the way (an `index.lock`, a merge or rebase in progress: step 5
    /// reports those). Nil when there is nothing to do early (a guard that lets nothing through is found on the
    /// thread: the copy is then simply not adopted).
    package static func start(
        root: URL,
        settings: GitSettings,
        entries: [StatusEntry],
        environment: [String: String]
    ) -> EarlyStaging? {
        // A git environment of the caller's own (run from a hook, say) points git elsewhere: not done early then.
        guard !entries.isEmpty, environment["GIT_INDEX_FILE"] == nil, environment["GIT_DIR"] == nil,
            let location = RepositoryRun.quickLocate(root)
        else { return nil }
        let gitDir = location.gitDirectory
        let index = gitDir.appendingPathComponent("index"), copy = gitDir.appendingPathComponent(copyName)
        // A killed run's copy and the lock its update-index held.
        unlink(copy.path)
        unlink(copy.path + ".lock")
        guard !FileManager.default.fileExists(atPath: gitDir.appendingPathComponent("index.lock").path),
            OperationInProgress.detect(gitDirectory: gitDir) == nil,
            let identity = FileIdentity(following: index.path)
        else { return nil }
        // git never rewrites an index in place (it renames a new file over it): a hard link is a copy that stays
        // as it was, and update-index on it renames its own new file over the link.
        guard link(index.path, copy.path) == 0 || (try? FileManager.default.copyItem(at: index, to: copy)) != nil,
            FileIdentity(following: index.path)?.sameContents(as: identity) == true
        else {
            unlink(copy.path)
            return nil
        }
        let job = EarlyStaging(index: index, copy: copy, copiedIndex: identity)
        var gitEnvironment = environment
        gitEnvironment["GIT_INDEX_FILE"] = copy.path
        let repo = GitRepository(root: root, environment: gitEnvironment)
        // The guard reads every changed file (the secret scan): on the thread too, so step 1 starts at once.
        Thread.detachNewThread {
            let (decision, staged) = decideAndStage(
                StagingGuard(settings: settings, root: root, memo: job.scanMemo),
                entries,
                repo: repo,
                timeout: .seconds(settings.timeoutSeconds)
            ) { heldBack in
                job.lock.withLock { job.heldBack = heldBack }
                job.decided.signal()
            }
            job.lock.lock()
            job.paths = touchedPaths(decision.stage)
            job.staged = staged
            job.lock.unlock()
            job.finished.signal()
        }
        return job
    }

    /// Runs the guard on `entries` while `update-index` hashes what it has cleared so far, so hashing starts
    /// within milliseconds instead of after the last file was read. `decided` hears the held-back files once the
    /// guard is done. Staged is true only when git took every cleared path and succeeded; otherwise the copy is
    /// dropped and step 5 stages as it always does.
    private static func decideAndStage(
        _ stagingGuard: StagingGuard,
        _ entries: [StatusEntry],
        repo: GitRepository,
        timeout: Duration,
        decided: ([HeldBackFile]) -> Void
    ) -> (StagingGuard.Decision, Bool) {
        guard let hashing = StreamedUpdateIndex(repo: repo, pathCount: entries.count, timeout: timeout) else {
            let decision = stagingGuard.decide(entries)
            decided(decision.heldBack)
            return (decision, false)
        }
        let decision = stagingGuard.decide(entries) { hashing.add($0) }
        decided(decision.heldBack)
        return (decision, hashing.finish())
    }

    /// Waits for the early `update-index`, then puts the copy in place of the index when it holds nothing that
    /// `stage` would not stage: true when it did. Call it after the index was backed up. Holds `index.lock`
    /// (created exclusively, as git does) while it checks and renames, so no git process writes the index meanwhile.
    func adopt(for stage: [StatusEntry]) -> Bool {
        guard take() else { return false }
        defer { unlink(copy.path) }
        guard lock.withLock({ paths }).isSubset(of: Self.touchedPaths(stage)) else { return false }
        let lockPath = index.path + ".lock"
        let fd = open(lockPath, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        defer {
            close(fd)
            unlink(lockPath)
        }
        guard FileIdentity(following: index.path)?.sameContents(as: copiedIndex) == true else { return false }
        return rename(copy.path, index.path) == 0
    }

    /// The paths staging `entries` touches (renames: both names).
    private static func touchedPaths(_ entries: [StatusEntry]) -> Set<[UInt8]> {
        Set(entries.flatMap { [$0.rawPath] + ($0.rawOriginalPath.map { [$0] } ?? []) })
    }

    /// Waits until the thread has staged (or given up), leaving the copy to `adopt` or `discard`.
    func join() {
        finished.wait()
        finished.signal()
    }

    /// What the guard holds back, once the thread has decided; hashing the files may still be under way (the
    /// summary written before the commit waits for the guard, not for `update-index`).
    func heldBackFiles() -> [HeldBackFile] {
        decided.wait()
        decided.signal()
        return lock.withLock { heldBack }
    }

    /// How many paths the copy staged (after `adopt`).
    var stagedCount: Int { lock.withLock { paths.count } }

    /// Drops the copy (waiting for a running `update-index` first, so it cannot recreate it).
    package func discard() {
        if take() { unlink(copy.path) }
    }

    /// Once only: waits for the thread and says whether the copy is usable.
    private func take() -> Bool {
        lock.lock()
        if spent {
            lock.unlock()
            return false
        }
        spent = true
        lock.unlock()
        finished.wait()
        lock.lock()
        defer { lock.unlock() }
        if staged != true { unlink(copy.path) }
        return staged == true
    }
}
