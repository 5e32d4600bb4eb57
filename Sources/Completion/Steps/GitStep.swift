import Foundation

/// Step 5: stage the session's changes (except what the guard holds back), commit `Session: …` with a body
/// built from the summary, and push when `auto_push` allows (gate G-06).
public struct GitStep: CompletionStep {
    public let id = StepID.git
    public static let nothingToCommit = "nothing to commit"
    public init() {}

    public func run(in context: StepContext) async -> Outcome {
        guard GitRepository.gitAvailable(environment: context.environment) else {
            context.warn("git is not on PATH: nothing committed; the session's files are preserved on disk")
            return .skipped("git not found on PATH")
        }
        let repo = GitRepository(root: context.project.root, environment: context.environment)
        guard repo.isRepository else {
            context.warn("\(context.project.root.path) is not a git repository: nothing committed; state is preserved in files")
            return .skipped("not a git repository")
        }
        if !context.configuration.autoCommit {
            return .skipped("committing is off (--no-commit or auto_commit: false)")
        }
        let entries: [StatusEntry]
        do { entries = try repo.status() } catch { return .failed("\(error)") }
        let decision = StagingGuard().decide(entries)
        for held in decision.heldBack {
            context.record.heldBack.append(held)
            context.warn("held back from the commit: \(held.path) — \(held.reason)")
        }
        guard !decision.stage.isEmpty else {
            return .skipped(Self.nothingToCommit)
        }
        let message = CommitMessage.build(record: context.record, summaryPath: context.summary?.path.map { context.relative(URL(fileURLWithPath: $0)) })
        if context.dryRun {
            context.progress("would stage \(decision.stage.count) file(s) and commit “\(message.subject)”")
            return .skipped("dry run: nothing committed")
        }
        ensureToolPathsIgnored(repo: repo, context: context)
        do {
            var pathspec = Data()
            for entry in decision.stage {
                pathspec.append(contentsOf: entry.rawPath)
                pathspec.append(0)
                if let original = entry.rawOriginalPath {
                    pathspec.append(contentsOf: original)
                    pathspec.append(0)
                }
            }
            let add = try repo.run(["--literal-pathspecs", "add", "--all", "--pathspec-from-file=-", "--pathspec-file-nul"], input: pathspec)
            guard add.succeeded else { return .failed(GitError(command: "git add", output: add.errorOutput).description) }
            context.progress("staged \(decision.stage.count) file(s)")
            PausePoint.reach("before-commit")
            let commit = try repo.run(["commit", "--quiet", "--file=-"], input: Data(message.full.utf8))
            guard commit.succeeded else {
                _ = try? repo.run(["reset", "--quiet"])
                return .failed(GitError(command: "git commit", output: commit.errorOutput + commit.output).description)
            }
        } catch {
            return .failed("\(error)")
        }
        let sha = repo.head ?? "?"
        context.record.sessionCommit = sha
        context.progress("committed \(sha.prefix(8)) “\(message.subject)”")
        return await push(repo: repo, context: context)
    }

    private func push(repo: GitRepository, context: StepContext) async -> Outcome {
        switch context.options.push {
        case .never:
            context.record.pushPending = "push skipped (--no-push); run `git push` when ready"
            context.progress("not pushed (--no-push)")
            return .done
        case .configured where !context.configuration.autoPush:
            let yes = await context.ask(Question(kind: .push, prompt: "Push the session commit to \(repo.upstream ?? "the remote")?", detail: "auto_push is off in the config", safeDefault: false))
            if !yes {
                context.record.pushPending = "not pushed (auto_push is off); run `git push` when ready"
                context.progress("not pushed: auto_push is off")
                return .done
            }
        default:
            break
        }
        guard let branch = repo.branch else {
            context.record.pushPending = "detached HEAD: commit kept, not pushed"
            return .degraded("detached HEAD: committed but not pushed")
        }
        guard repo.upstream != nil else {
            context.record.pushPending = "branch \(branch) has no upstream; run `git push -u origin \(branch)`"
            context.warn("push pending: \(branch) has no upstream (run `git push -u origin \(branch)`)")
            return .degraded("committed; push pending (no upstream)")
        }
        do {
            let result = try repo.run(["push", "--quiet"], timeout: .seconds(120))
            if result.succeeded {
                context.progress("pushed \(branch) to \(repo.upstream ?? "upstream")")
                return .done
            }
            let reason = result.timedOut ? "timed out" : result.errorOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            context.record.pushPending = "push failed (\(reason.split(separator: "\n").first ?? "")); run `git push` to retry"
            context.warn("push pending: \(reason)")
            return .degraded("committed; push failed")
        } catch {
            context.record.pushPending = "push failed (\(error)); run `git push` to retry"
            return .degraded("committed; push failed")
        }
    }

    /// Adds the tool's post-commit paths to `.git/info/exclude` when nothing ignores them yet, so a run in a project
    /// that was never `init`ed still leaves a clean tree.
    private func ensureToolPathsIgnored(repo: GitRepository, context: StepContext) {
        let missing = PostCommitPaths.ignoreRules.filter { rule in
            let probe = rule.hasSuffix("/") ? rule + "probe" : rule
            return (try? repo.run(["check-ignore", "--quiet", "--no-index", probe]))?.status != 0
        }
        guard !missing.isEmpty, let gitDir = repo.gitDirectory else { return }
        let exclude = gitDir.appendingPathComponent("info/exclude")
        let existing = FileManager.default.contents(atPath: exclude.path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let block = "\n# jarvis-tui: written after the session commit (run `jarvis-tui init` to add these to .gitignore)\n" + missing.joined(separator: "\n") + "\n"
        do {
            try AtomicFile.write(existing + block, to: exclude)
            context.progress("added \(missing.count) tool path(s) to .git/info/exclude")
        } catch {
            context.warn("could not update .git/info/exclude: \(error)")
        }
    }
}

/// The session commit's message: `Session: <headline>` and a body from the summary.
public struct CommitMessage: Sendable {
    public let subject: String
    public let body: String
    public var full: String { body.isEmpty ? subject + "\n" : subject + "\n\n" + body + "\n" }

    public static func build(record: SessionRecord, summaryPath: String?) -> CommitMessage {
        let headline = TerminalText.inert(record.headline)
        let subject = "Session: " + (headline.count > 64 ? String(headline.prefix(63)) + "…" : headline)
        var body: [String] = []
        if !record.accomplishments.isEmpty {
            body.append("Accomplishments:")
            body += record.accomplishments.prefix(20).map { "- \(TerminalText.inert($0))" }
        }
        if let next = record.nextStep { body += ["", "Next: \(TerminalText.inert(next))"] }
        if !record.filesModified.isEmpty {
            body += ["", "Files (\(record.filesModified.count)):"]
            body += record.filesModified.prefix(30).map { "- \($0.path) (\($0.change.label))" }
            if record.filesModified.count > 30 { body.append("- … and \(record.filesModified.count - 30) more") }
        }
        let done = record.steps.map { "\($0.step.number). \($0.step.title): \($0.outcome.name)" }
        if !done.isEmpty { body += ["", "Completion steps before the commit:"] + done }
        if let summaryPath { body += ["", "Summary: \(summaryPath)"] }
        body += ["", trailer(record.sessionID)]
        return CommitMessage(subject: subject, body: body.joined(separator: "\n"))
    }

    /// The trailer that ties a commit to its session, so a resumed run can tell it already committed.
    public static func trailer(_ sessionID: String) -> String {
        "Session-Id: \(sessionID.replacingOccurrences(of: "\n", with: " "))"
    }
}
