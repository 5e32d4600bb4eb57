/// Why a push is held back after scanning what it would publish, in the words of the summary's push-pending
/// line, the warning (with the fix) and the step's outcome.
struct PushHold: Equatable {
    let reason: String
    let command: String
    let warning: String
    let outcome: Outcome

    /// Scans the commits a push of `snapshot.branch` would publish; nil when it may go ahead. `sessionCommit` is
    /// the commit step 5 made (or an interrupted run made): the guard scanned its files before committing, so
    /// when it is HEAD only the commits below it are read.
    static func check(
        repo: GitRepository,
        snapshot: StatusSnapshot,
        sessionCommit: RepositoryCommit?,
        allow: [PathGlob],
        byteLimit: Int = PushScan.defaultByteLimit
    ) -> PushHold? {
        guard let head = repo.head else { return nil }
        let tip: String
        if let sessionCommit, sessionCommit.commit == head {
            guard let parent = sessionCommit.parent else { return nil }
            tip = parent
        } else {
            tip = head
        }
        let upstream = snapshot.upstream != nil
        // The usual case: the branch was level with its upstream before the session commit.
        if upstream, snapshot.ahead == 0, tip == snapshot.head { return nil }
        let scan = PushScan(repo: repo, allow: allow, byteLimit: byteLimit)
        switch scan.scan(tip: tip, excluding: upstream ? ["@{upstream}"] : []) {
        case .clean:
            return nil
        case .secret(let finding):
            return secret(finding, isHead: finding.commit == head)
        case .tooLarge(let limit) where upstream:
            let size = "\(limit >> 20) MB"
            return PushHold(
                reason: "the commits to push add more than \(size), more than is scanned for secrets before a push",
                command: "git push",
                warning: "push pending: the commits to push add more than \(size) of changes, more than is scanned "
                    + "for secrets before a push; nothing was pushed. Check them (`git log -p @{upstream}..HEAD`), "
                    + "then run `git push`",
                outcome: .degraded("push pending: the commits to push were too large to scan for secrets")
            )
        case .failed(let why) where upstream:
            return PushHold(
                reason: "the commits to push could not be scanned for secrets (\(why))",
                command: "git push",
                warning: "push pending: the commits to push could not be scanned for secrets (\(why)); nothing was "
                    + "pushed. Check them (`git log -p @{upstream}..HEAD`), then run `git push`",
                outcome: .degraded("push pending: the commits to push could not be scanned for secrets")
            )
        case .tooLarge, .failed:
            // Without an upstream nothing is pushed anyway: the usual "no upstream" advice stands.
            return nil
        }
    }

    static func secret(_ finding: PushScan.Finding, isHead: Bool) -> PushHold {
        let short = String(finding.commit.prefix(7))
        let label = finding.family.label
        let article = "AEIOUaeiou".contains(label.first ?? "x") ? "an" : "a"
        let what: String
        let fix: String
        if let path = finding.path {
            let line = finding.line > 0 ? " (line \(finding.line))" : ""
            what = "commit \(short) adds \(article) \(label) in \(TerminalText.inert(path))\(line)"
            fix =
                isHead
                ? "remove the secret from the file, `git add` it and `git commit --amend`"
                : "`git rebase -i \(short)^`, mark \(short) as `edit`, remove the secret, `git commit --amend -a`, "
                    + "`git rebase --continue`"
        } else {
            what = "commit \(short) has \(article) \(label) in its message"
            fix =
                isHead
                ? "`git commit --amend` and rewrite the message"
                : "`git rebase -i \(short)^`, mark \(short) as `reword`, rewrite the message"
        }
        let command = isHead ? "git commit --amend" : "git rebase -i \(short)^"
        let allow = finding.path == nil ? "" : ". A false positive: add the path to git.allow"
        return PushHold(
            reason: what,
            command: command,
            warning: "push pending: \(what); nothing was pushed. Take it out of the commit (\(fix)), revoke it if it "
                + "was ever shared, then `git push`" + allow,
            outcome: .degraded("push pending: \(what)")
        )
    }
}
