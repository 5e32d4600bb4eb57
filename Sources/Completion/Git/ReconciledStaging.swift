import Foundation

/// Stages a list of paths and then asks git what it actually staged, because git does not always do what it was
/// told: it skips some names without failing (`evil/.git./config`: "Ignoring path"), and one path it cannot
/// stage (a FIFO, a file that vanished into a folder) fails the whole `update-index`. A refused path is left out
/// and the rest staged; every path that did not reach the index is named with git's reason.
struct ReconciledStaging {
    let repo: GitRepository
    /// Whether a large staging may write its blobs into one pack (`BulkCheckin`): not when an earlier
    /// `update-index` hashed them, and only the few files changed since are left to hash.
    let mayPack: Bool
    /// How often a refused path may be dropped and the staging tried again before giving up.
    static let maximumRetries = 16

    struct Report {
        /// The changes the index now holds against HEAD (`git diff --cached`), in git's order.
        var staged: [FileChange] = []
        /// Paths asked for that are not in the index, with git's reason.
        var missing: [(path: [UInt8], reason: String)] = []
        /// The last `update-index` when it failed for a reason that is not one path.
        var failure: ProcessResult?
    }

    func stage(_ entries: [StatusEntry]) throws -> Report {
        var report = Report()
        var remaining = entries
        var stderr = ""
        var attempts = 0
        while true {
            // A refused path stops git before it finishes its pack, so a retry writes loose objects instead of
            // leaving another unfinished pack behind.
            let bulk =
                mayPack && attempts == 0
                ? BulkCheckin.options(pathCount: remaining.count, environment: repo.environment) : []
            let add = try repo.run(
                bulk + ["update-index", "--add", "--remove", "-z", "--stdin"],
                input: RepositoryRun.pathspec(remaining)
            )
            stderr += add.errorOutput
            if add.succeeded { break }
            attempts += 1
            let refused = attempts <= Self.maximumRetries ? Self.refusedPath(add.errorOutput, among: remaining) : nil
            guard let refused else {
                report.failure = add
                return report
            }
            report.missing.append((refused.path, refused.reason))
            remaining.removeAll { $0.rawPath == refused.path || $0.rawOriginalPath == refused.path }
            if remaining.isEmpty { return report }
        }
        report.staged = try stagedChanges()
        let inIndex = Set(report.staged.map(\.rawPath))
        // A tracked file that is not in the diff had no change left once git's filters ran: nothing to report.
        for entry in remaining where entry.isUntracked && !inIndex.contains(entry.rawPath) {
            report.missing.append((entry.rawPath, Self.skipReason(entry.path, stderr: stderr)))
        }
        return report
    }

    /// `git diff --cached --name-status -z --no-renames`: what the next commit of the whole index would hold.
    func stagedChanges() throws -> [FileChange] {
        let diff = try repo.run(["diff", "--cached", "--name-status", "-z", "--no-renames"])
        guard diff.succeeded else { throw GitError(command: "git diff --cached", output: diff.errorOutput) }
        return Self.parseNameStatus(diff.stdout)
    }

    static func parseNameStatus(_ data: Data) -> [FileChange] {
        let fields = data.split(separator: 0, omittingEmptySubsequences: false)
        var changes: [FileChange] = []
        var index = 0
        while index + 1 < fields.count {
            let code = fields[index].first.map { Character(UnicodeScalar($0)) } ?? "M"
            changes.append(FileChange(rawPath: Array(fields[index + 1]), change: ChangeType(code: code)))
            index += 2
        }
        return changes
    }

    /// The path git names in its last `fatal:` line ("Unable to process path P", or "P: clean filter 'f'
    /// failed"), when it is one of ours, with git's reason.
    static func refusedPath(_ stderr: String, among entries: [StatusEntry]) -> (path: [UInt8], reason: String)? {
        guard let range = stderr.range(of: "fatal: ", options: .backwards) else { return nil }
        var fatal = String(stderr[range.upperBound...])
        if fatal.hasSuffix("\n") { fatal.removeLast() }
        let candidates = entries.flatMap { [$0.rawPath] + ($0.rawOriginalPath.map { [$0] } ?? []) }
        let processPrefix = "Unable to process path "
        if fatal.hasPrefix(processPrefix) {
            let named = String(fatal.dropFirst(processPrefix.count))
            let path = candidates.first { String(decoding: $0, as: UTF8.self) == named }
            guard let path else { return nil }
            let reason =
                stderr.range(of: "error: \(named): ").map { found in
                    String(stderr[found.upperBound...].prefix { $0 != "\n" })
                } ?? "git could not process it"
            return (path, "git could not stage it (\(reason))")
        }
        for path in candidates {
            let name = String(decoding: path, as: UTF8.self)
            guard fatal.hasPrefix(name + ": ") else { continue }
            return (path, "git could not stage it (\(fatal.dropFirst(name.count + 2)))")
        }
        return nil
    }

    static func skipReason(_ path: String, stderr: String) -> String {
        let ignored = stderr.contains("Ignoring path \(path)\n") || stderr.hasSuffix("Ignoring path \(path)")
        if ignored && path.hasSuffix("/") {
            return "git does not add this folder as files (it holds a repository of its own); "
                + "commit it there or add it as a submodule"
        }
        if ignored {
            return "git refuses this path name (\"Ignoring path\"); rename it to commit it"
        }
        return "git did not stage it"
    }
}
