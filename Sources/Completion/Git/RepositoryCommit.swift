/// A commit step 5 made in one repository: what rollback needs to undo it safely.
public struct RepositoryCommit: Sendable, Equatable, Codable {
    public var repository: String
    public var label: String
    public var commit: String
    /// The commit before it (nil for a repository's first commit).
    public var parent: String?
    public var branch: String?
    public var pushed: Bool
    /// A snapshot of the index as it was before step 5 staged anything (see `IndexBackup.keep`).
    public var indexBefore: String?

    public init(repository: String, label: String, commit: String, parent: String?, branch: String?, pushed: Bool, indexBefore: String? = nil) {
        self.repository = repository
        self.label = label
        self.commit = commit
        self.parent = parent
        self.branch = branch
        self.pushed = pushed
        self.indexBefore = indexBefore
    }
}
