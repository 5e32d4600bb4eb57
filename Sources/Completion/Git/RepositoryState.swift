import Foundation

/// An operation another git command left half-done. Committing in the middle of one would trample it, so
/// step 5 commits nothing and says what to finish.
package enum OperationInProgress: String, Sendable, Equatable, CaseIterable {
    case merge, rebase, applyMailbox = "am", cherryPick = "cherry-pick", revert, bisect

    /// Reads the marker files in the git directory (no process is spawned).
    package static func detect(gitDirectory: URL) -> OperationInProgress? {
        func exists(_ name: String) -> Bool {
            FileManager.default.fileExists(atPath: gitDirectory.appendingPathComponent(name).path)
        }
        if exists("rebase-merge") { return .rebase }
        if exists("rebase-apply") { return exists("rebase-apply/applying") ? .applyMailbox : .rebase }
        if exists("MERGE_HEAD") { return .merge }
        if exists("CHERRY_PICK_HEAD") { return .cherryPick }
        if exists("REVERT_HEAD") { return .revert }
        if exists("BISECT_LOG") { return .bisect }
        return nil
    }

    package var description: String {
        switch self {
        case .merge: "a merge is in progress"
        case .rebase: "a rebase is in progress"
        case .applyMailbox: "`git am` is in progress"
        case .cherryPick: "a cherry-pick is in progress"
        case .revert: "a revert is in progress"
        case .bisect: "a bisect is in progress"
        }
    }

    /// What the user should run to finish or abandon it.
    package var howToFinish: String {
        switch self {
        case .merge: "finish it with `git commit` (after resolving conflicts) or abandon it with `git merge --abort`"
        case .rebase: "finish it with `git rebase --continue` or abandon it with `git rebase --abort`"
        case .applyMailbox: "finish it with `git am --continue` or abandon it with `git am --abort`"
        case .cherryPick: "finish it with `git cherry-pick --continue` or abandon it with `git cherry-pick --abort`"
        case .revert: "finish it with `git revert --continue` or abandon it with `git revert --abort`"
        case .bisect: "end it with `git bisect reset`"
        }
    }
}

/// Waits for another git process to release `index.lock`, reporting a countdown once a second.
package struct IndexLockWait: Sendable {
    package let lockFile: URL
    package let seconds: Int

    package init(gitDirectory: URL, seconds: Int) {
        self.lockFile = gitDirectory.appendingPathComponent("index.lock")
        self.seconds = seconds
    }

    package var isHeld: Bool { FileManager.default.fileExists(atPath: lockFile.path) }

    /// True once the lock is free; false when it is still held after `seconds`.
    package func wait(report: (Int) -> Void) async -> Bool {
        guard isHeld else { return true }
        var remaining = seconds
        while remaining > 0 {
            report(remaining)
            for _ in 0..<10 {
                try? await Task.sleep(for: .milliseconds(100))
                if !isHeld { return true }
            }
            remaining -= 1
        }
        return !isHeld
    }

    /// How long the lock file has existed, for the message when it is still there.
    package var age: String {
        guard let date = (try? FileManager.default.attributesOfItem(atPath: lockFile.path))?[.modificationDate] as? Date
        else { return "" }
        let seconds = max(0, Int(Date().timeIntervalSince(date)))
        return seconds < 120 ? "\(seconds) s" : "\(seconds / 60) min"
    }
}
