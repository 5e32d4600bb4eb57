import Foundation

/// Step 5: in the project's repository and every other configured one, stage the session's changes (except
/// what the guard holds back), commit `Session: …` with a body built from the summary, and push when
/// `auto_push` allows (gate G-06). Never commits into a merge, rebase, cherry-pick, revert or bisect, never
/// over another git's `index.lock`; a push that does not land leaves the commit and a pending-push record that
/// the next run offers to push.
package struct GitStep: CompletionStep {
    package let id = StepID.git
    /// A repository with nothing of the session to commit: delivered, so it scores as `done` does.
    package static let nothingToCommit = Outcome.skipped("nothing to commit", because: .nothingToCommit)
    package init() {}

    package func run(in context: StepContext) async -> Outcome {
        guard GitRepository.gitAvailable(environment: context.environment) else {
            context.warn("git is not on PATH: nothing committed; the session's files are preserved on disk")
            return .skipped("git not found on PATH")
        }
        if !context.configuration.autoCommit {
            return .skipped("committing is off (--no-commit or auto_commit: false)")
        }
        let (targets, warnings) = RepositoryTargets.resolve(
            project: context.project,
            settings: context.configuration.git,
            environment: context.environment
        )
        for warning in warnings { context.warn(warning) }
        let store = PendingPushStore(project: context.project)
        let (stored, storeWarning) = store.load()
        if let storeWarning { context.warn(storeWarning) }
        var pending = stored

        var results: [(RepositoryTarget, RepositoryRun.Result)] = []
        for target in targets {
            let path = target.root.path
            let run = RepositoryRun(target: target, context: context, labelled: targets.count > 1)
            let result =
                context.resumedSessionCommit != nil
                ? await run.resumePush(sessionID: context.record.sessionID)
                : await run.run(previous: pending.filter { $0.repository == path })
            if let branch = result.branch {
                pending.removeAll { $0.repository == path && $0.branch == branch }
                if let record = result.pending { pending.append(record) }
            }
            if let commit = result.commit {
                context.record.repositoryCommits.append(commit)
                if target.isPrimary { context.record.sessionCommit = commit.commit }
            }
            if targets.count > 1 {
                context.progress("\(target.label): \(Self.line(result))")
            }
            results.append((target, result))
        }
        // This run's push-pending lines, then the earlier runs' records still waiting.
        var pendingLines = results.compactMap { $0.1.pushPending }
        let reported = Set(results.compactMap { $0.1.pushPending == nil ? nil : $0.1.pending?.commit })
        for record in pending where !reported.contains(record.commit) {
            let label =
                targets.first { $0.root.path == record.repository }.map { targets.count > 1 ? "\($0.label): " : "" }
                ?? "\(record.repository): "
            pendingLines.append(
                "\(label)commit \(record.commit.prefix(8)) on \(record.branch) from an earlier run is still not pushed (\(record.reason)); run `\(record.command)`"
            )
        }
        if !pendingLines.isEmpty { context.record.pushPending = pendingLines.joined(separator: "; ") }
        if !context.dryRun && pending != stored {
            do { try store.save(pending) } catch {
                context.warn("could not save the pending-push record: \(ErrorSentence.describe(error))")
            }
        }
        return Self.combine(results.map { ($0.0, $0.1.outcome) })
    }

    /// One sub-line per repository: what happened there.
    static func line(_ result: RepositoryRun.Result) -> String {
        var parts: [String] = []
        if let commit = result.commit {
            parts.append("committed \(commit.commit.prefix(8))")
            parts.append(commit.pushed ? "pushed" : (result.pushPending != nil ? "push pending" : "not pushed"))
        } else {
            parts.append(result.outcome.reason ?? result.outcome.name)
        }
        return parts.joined(separator: ", ")
    }

    /// The step's outcome: the project's repository decides; another repository's problem degrades it.
    static func combine(_ outcomes: [(RepositoryTarget, Outcome)]) -> Outcome {
        guard let primary = outcomes.first(where: { $0.0.isPrimary })?.1 else { return .skipped("no repository") }
        let problems = outcomes.filter { !$0.0.isPrimary }.compactMap { target, outcome -> String? in
            switch (outcome.kind, outcome.cause) {
            case (.done, _), (.skipped, .nothingToCommit): return nil
            case (.skipped, .unspecified), (.degraded, _), (.failed, _):
                return "\(target.label): \(outcome.reason ?? outcome.name)"
            }
        }
        guard !problems.isEmpty else {
            let othersCommitted = outcomes.contains { !$0.0.isPrimary && $0.1 == .done }
            return primary.cause == .nothingToCommit && othersCommitted ? .done : primary
        }
        switch primary {
        case .failed: return primary
        case .done, .skipped: return .degraded(problems.joined(separator: "; "))
        case .degraded(let reason, _): return .degraded(([reason] + problems).joined(separator: "; "))
        }
    }
}

/// The session commit's message: `Session: <headline>` and a body from the summary.
package struct CommitMessage: Sendable {
    package let subject: String
    package let body: String
    package var full: String { body.isEmpty ? subject + "\n" : subject + "\n\n" + body + "\n" }

    /// `files`: the files of the commit (the session's files when not given); the subject and the `Files (N)`
    /// list describe them.
    package static func build(record: SessionRecord, summaryPath: String?, files: [FileChange]? = nil) -> CommitMessage
    {
        let files = files ?? record.filesModified
        // Redacted before it is cut to length: a cut secret would no longer be recognised.
        let headline = TerminalText.inert(SecretRedaction.redact(record.headline(changedFiles: files.count)))
        let subject = "Session: " + (headline.count > 64 ? String(headline.prefix(63)) + "…" : headline)
        var body: [String] = []
        if !record.accomplishments.isEmpty {
            body.append("Accomplishments:")
            body += record.accomplishments.prefix(20).map { "- \(TerminalText.inert($0))" }
        }
        if let next = record.nextStep { body += ["", "Next: \(TerminalText.inert(next))"] }
        if !files.isEmpty {
            body += ["", "Files (\(files.count)):"]
            body += files.prefix(30).map { "- \(EscapedName.markdown($0.path)) (\($0.change.label))" }
            if files.count > 30 { body.append("- … and \(files.count - 30) more") }
        }
        let done = record.steps.map { "\($0.step.number). \($0.step.title): \($0.outcome.name)" }
        if !done.isEmpty { body += ["", "Completion steps before the commit:"] + done }
        if let summaryPath { body += ["", "Summary: \(summaryPath)"] }
        // File names are outside text; the trailer stays exact, a resumed run searches for it.
        let redacted = body.isEmpty ? [] : [SecretRedaction.redact(body.joined(separator: "\n"))]
        let full = redacted + ["", trailer(record.sessionID)]
        return CommitMessage(subject: subject, body: full.joined(separator: "\n"))
    }

    /// The trailer that ties a commit to its session, so a resumed run can tell it already committed.
    package static func trailer(_ sessionID: String) -> String {
        "Session-Id: \(sessionID.replacingOccurrences(of: "\n", with: " "))"
    }
}
