import Foundation

/// A file the guard holds back that the user had already staged stays out of the session commit, but left staged
/// it would go into the next plain `git commit`. So its index entry goes back to HEAD's (or away, when HEAD does
/// not have it): the change is unstaged, the file on disk is not touched.
enum HeldBackUnstaging {
    /// The held-back entries with a staged change (renames: both names are unstaged).
    static func staged(_ decision: StagingGuard.Decision) -> [StatusEntry] {
        decision.heldBackEntries.filter { !" ?!".contains($0.index) }
    }

    /// The tool's byte copies of outside text (the transcript's zstd copy, the rollback backups: never redacted)
    /// that the user staged by hand. They are never committed, and are unstaged so no later commit publishes them.
    static func stagedByteCopies(_ decision: StagingGuard.Decision) -> [StatusEntry] {
        let folders = [".claude/archives/", ".claude/state/jarvis-tui/backup/"]
        return decision.ignored.filter { entry in
            !" ?!".contains(entry.index)
                && folders.contains { entry.path.hasPrefix($0) || entry.path.contains("/" + $0) }
        }
    }

    /// Unstages `entries`; nil when it worked, else git's complaint. `hasHead`: false in a repository without a
    /// commit yet, where there is no HEAD entry to go back to and the entry is removed from the index instead.
    static func unstage(_ entries: [StatusEntry], repo: GitRepository, hasHead: Bool) -> String? {
        guard !entries.isEmpty else { return nil }
        let command = hasHead ? ["reset", "--quiet"] : ["rm", "--cached", "--force", "--quiet"]
        // Literal pathspecs: a name with `*` or `[` must not unstage other files.
        let arguments = ["--literal-pathspecs"] + command + ["--pathspec-from-file=-", "--pathspec-file-nul"]
        do {
            let result = try repo.run(arguments, input: RepositoryRun.pathspec(entries))
            if result.succeeded { return nil }
            let output = (result.errorOutput + result.output).trimmingCharacters(in: .whitespacesAndNewlines)
            return output.isEmpty ? "git \(command[0]) failed" : TerminalText.inert(output)
        } catch {
            return "\(error)"
        }
    }

    /// The warning after unstaging (or failing to).
    static func message(_ entries: [StatusEntry], failure: String?) -> String {
        let names =
            entries.prefix(5).map { TerminalText.inert($0.path) }.joined(separator: ", ")
            + (entries.count > 5 ? " and \(entries.count - 5) more" : "")
        if let failure {
            return "\(names) held back but still staged (unstaging failed: \(failure)); run `git restore --staged -- "
                + "<file>` before your next `git commit`, or it commits them"
        }
        return "unstaged \(names): held back from the commit, but staged, so the next `git commit` would have "
            + "committed \(entries.count == 1 ? "it" : "them"); the file\(entries.count == 1 ? " is" : "s are") "
            + "unchanged on disk (`git add` stages again once it is safe to commit)"
    }
}

extension RepositoryRun {
    /// Unstages the held-back files the user had staged, and says so.
    func unstageHeldBack(repo: GitRepository, decision: StagingGuard.Decision, hasHead: Bool) {
        let staged = HeldBackUnstaging.staged(decision)
        let copies = HeldBackUnstaging.stagedByteCopies(decision)
        guard !staged.isEmpty || !copies.isEmpty else { return }
        recordIndexWrites()
        if !staged.isEmpty {
            let failure = HeldBackUnstaging.unstage(staged, repo: repo, hasHead: hasHead)
            warn(HeldBackUnstaging.message(staged, failure: failure))
        }
        if !copies.isEmpty {
            let failure = HeldBackUnstaging.unstage(copies, repo: repo, hasHead: hasHead)
            let what = "\(copies.count) transcript copy or rollback backup file(s)"
            warn(
                failure.map { "\(what) still staged (unstaging failed: \($0)); run `git restore --staged .claude`" }
                    ?? "unstaged \(what): they hold outside text unredacted and stay on this machine"
            )
        }
    }
}
