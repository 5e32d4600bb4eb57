import Foundation

/// Finds the commit an interrupted run made for its session: the one the journal names if HEAD still has it,
/// else a commit after the baseline whose message carries the session's `Session-Id:` trailer (the run may have
/// been killed between committing and writing the journal).
enum SessionCommitFinder {
    static func find(_ journal: RunJournal, project: Project, environment: [String: String]) -> String? {
        guard GitRepository.gitAvailable(environment: environment) else { return nil }
        let git = GitRepository(root: project.root, environment: environment)
        guard git.isRepository else { return nil }
        if let commit = journal.sessionCommit, git.output(["merge-base", "--is-ancestor", commit, "HEAD"]) != nil {
            return commit
        }
        let range = (journal.continuesAfter ?? journal.baselineCommit).map { "\($0)..HEAD" } ?? "HEAD"
        let found = git.output([
            "log", "-1", "--format=%H", "--fixed-strings", "--grep=\(CommitMessage.trailer(journal.sessionID))", range,
        ])
        return (found?.isEmpty ?? true) ? nil : found
    }
}
