/// A commit step 5 made in one repository: what rollback needs to undo it safely.
package struct RepositoryCommit: Sendable, Equatable, Codable {
    package var repository: String
    package var label: String
    package var commit: String
    /// The commit before it (nil for a repository's first commit).
    package var parent: String?
    package var branch: String?
    package var pushed: Bool
    /// A snapshot of the index as it was before step 5 staged anything (see `IndexBackup.keep`).
    package var indexBefore: String?

    package init(
        repository: String,
        label: String,
        commit: String,
        parent: String?,
        branch: String?,
        pushed: Bool,
        indexBefore: String? = nil
    ) {
        self.repository = repository
        self.label = label
        self.commit = commit
        self.parent = parent
        self.branch = branch
        self.pushed = pushed
        self.indexBefore = indexBefore
    }
}
