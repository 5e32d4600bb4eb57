import Foundation

/// Step 5's push in one repository: the offer of an earlier run's pending push, the decision to push, the scan
/// before anything leaves, and what stays pending when the push does not land.
extension RepositoryRun {
    /// The pending-push record of the checked-out branch, and the user's answer to pushing it (nil: not asked).
    /// Records of other branches are only named; one whose commit reached the remote is dropped.
    func pendingPushOffer(
        _ records: [PendingPush],
        snapshot: StatusSnapshot
    ) async -> (record: PendingPush?, answer: Bool?) {
        for record in records where record.branch != snapshot.branch {
            progress(
                "\(record.commit.prefix(8)) on \(record.branch) is still not pushed; not offered while "
                    + "\(snapshot.branch ?? "a detached HEAD") is checked out (run `git push origin \(record.branch)`)"
            )
        }
        guard let record = records.first(where: { $0.branch == snapshot.branch }) else { return (nil, nil) }
        if snapshot.upstream != nil && snapshot.ahead == 0 {
            progress("the commit \(record.commit.prefix(8)) left pending by an earlier run is on the remote now")
            return (nil, nil)
        }
        if context.dryRun {
            progress(
                "would offer to push \(record.commit.prefix(8)), left pending by an earlier run (\(record.reason))"
            )
            return (record, nil)
        }
        return (record, await decidePendingPush(record))
    }

    private func decidePendingPush(_ record: PendingPush) async -> Bool {
        switch context.options.push {
        case .never: return false
        case .always: return true
        case .configured:
            let question = Question(
                kind: .push,
                prompt:
                    "Push \(record.branch) of \(target.label)? "
                    + "An earlier run's commit \(record.commit.prefix(8)) is not on the remote",
                detail: "left pending because: \(record.reason)",
                safeDefault: context.configuration.autoPush
            )
            return await context.ask(question)
        }
    }

    func push(
        repo: GitRepository,
        snapshot: StatusSnapshot,
        commit: RepositoryCommit?,
        pending: PendingPush?,
        pendingAnswer: Bool?
    ) async -> Result {
        let done = Result(outcome: .done, commit: commit)
        let sha = commit?.commit ?? pending?.commit ?? "?"
        guard let branch = snapshot.branch else { return detachedHead(done, sha: sha) }
        let keepPending = KeepPending(run: self, base: done, branch: branch, commit: sha)
        guard await pushWanted(pendingAnswer, upstream: snapshot.upstream) else {
            progress("not pushed (\(context.options.push == .never ? "--no-push" : "declined"))")
            let why =
                context.options.push == .never
                ? "not pushed (--no-push)" : "not pushed (auto_push is off or the push was declined)"
            return keepPending(why, "git push", outcome: done.outcome)
        }
        // Only what was scanned is published: the session's earlier commits are read before they leave.
        let allow = settings.allow.map(PathGlob.init)
        if let hold = PushHold.check(repo: repo, snapshot: snapshot, sessionCommit: commit, allow: allow) {
            warn(hold.warning)
            return keepPending(hold.reason, hold.command, outcome: hold.outcome)
        }
        guard let upstream = snapshot.upstream else {
            return withoutUpstream(repo: repo, branch: branch, keepPending)
        }
        return send(repo: repo, branch: branch, upstream: upstream, done, keepPending)
    }

    /// Checking out another branch would leave the commit behind, reachable only from the reflog: the advice names
    /// the commit, so a branch made from it keeps it whatever is checked out next.
    private func detachedHead(_ done: Result, sha: String) -> Result {
        var result = done
        let create = "git branch session-\(context.record.day) \(sha.prefix(12))"
        result.pushPending =
            "detached HEAD in \(target.label): commit \(sha.prefix(8)) is on no branch and not pushed; "
            + "create a branch at the commit (`\(create)`) and push that branch"
        warn(
            "detached HEAD: committed \(sha.prefix(8)) on no branch and did not push; create a branch at the commit: "
                + "`\(create)`"
        )
        result.outcome = .degraded("committed on a detached HEAD; not pushed")
        return result
    }

    /// The answer already given for a pending push, else `--push` / `--no-push`, else `auto_push` or the user's.
    private func pushWanted(_ pendingAnswer: Bool?, upstream: String?) async -> Bool {
        if let pendingAnswer { return pendingAnswer }
        switch context.options.push {
        case .never: return false
        case .always: return true
        case .configured:
            if context.configuration.autoPush { return true }
            return await context.ask(
                Question(
                    kind: .push,
                    prompt: "Push the session commit of \(target.label) to \(upstream ?? "the remote")?",
                    detail: "auto_push is off in the config",
                    safeDefault: false
                )
            )
        }
    }

    /// A branch with no upstream is not pushed: the advice names the remote to push it to, or says to add one.
    private func withoutUpstream(repo: GitRepository, branch: String, _ keepPending: KeepPending) -> Result {
        let remotes = (repo.output(["remote"]) ?? "").split(separator: "\n").map(String.init)
        guard let remote = remotes.contains("origin") ? "origin" : remotes.first else {
            let command = "git remote add origin URL && git push -u origin \(branch)"
            warn(
                "push pending: \(target.label) has no remote; add one (`git remote add origin URL`) and push "
                    + "(`git push -u origin \(branch)`)"
            )
            return keepPending(
                "there is no remote to push to",
                command,
                outcome: .degraded("committed; push pending (no remote)")
            )
        }
        let command = "git push -u \(remote) \(branch)"
        warn("push pending: \(branch) has no upstream (run `\(command)`)")
        return keepPending(
            "branch \(branch) has no upstream",
            command,
            outcome: .degraded("committed; push pending (no upstream)")
        )
    }

    /// `git push`; a push that does not land keeps the commit local and pending, with the reason git gave.
    private func send(
        repo: GitRepository,
        branch: String,
        upstream: String,
        _ done: Result,
        _ keepPending: KeepPending
    ) -> Result {
        PausePoint.reach("before-push")
        let pushed: ProcessResult
        do { pushed = try repo.run(["push", "--quiet"], timeout: .seconds(settings.pushTimeoutSeconds)) } catch {
            return keepPending(
                "git push could not run (\(error))",
                "git push",
                outcome: .degraded("committed; push failed")
            )
        }
        guard pushed.succeeded else {
            let failure = PushFailure.classify(
                stderr: pushed.errorOutput,
                timedOut: pushed.timedOut,
                branch: branch,
                timeoutSeconds: settings.pushTimeoutSeconds
            )
            warn("push pending: \(failure.reason); the commit stays local (run `\(failure.command)`)")
            return keepPending(
                failure.reason,
                failure.command,
                outcome: .degraded("committed; push pending (\(failure.reason))")
            )
        }
        var result = done
        result.commit?.pushed = true
        result.pending = nil
        progress("pushed \(branch) to \(upstream)")
        PausePoint.reach("after-push")
        return result
    }

    /// A commit that stays local: the push-pending line for the summary and the record the next run offers to push.
    private struct KeepPending {
        let run: RepositoryRun
        let base: Result
        let branch: String
        let commit: String

        func callAsFunction(_ reason: String, _ command: String, outcome: Outcome) -> Result {
            var kept = base
            let label = run.labelled ? "\(run.target.label): " : ""
            kept.pushPending =
                "\(label)\(reason); run `\(command)`" + (run.labelled ? " in \(run.target.root.path)" : "")
            kept.pending = PendingPush(
                repository: run.target.root.path,
                branch: branch,
                commit: commit,
                reason: reason,
                command: command,
                recordedAt: Timestamp.iso(run.context.now())
            )
            kept.outcome = outcome
            return kept
        }
    }
}
