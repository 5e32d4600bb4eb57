import Foundation

/// What the pre-completion offer shows before anything runs: which cycles are available (and why not), and the
/// uncommitted changes with how many of them the guard will hold back, and the choice to archive a long
/// session-state's older history. Read-only.
package struct OfferPreview: Sendable {
    package let cycles: [CycleAvailability]
    package let uncommittedChanges: Int
    package let heldBack: [HeldBackFile]
    package let branch: String?
    /// Set when session-state.md is over the line limit with older history to move: the offer lists the choice.
    package var stateArchive: StateArchiveOffer?

    package static func make(
        project: Project,
        configuration: Configuration,
        environment: [String: String]
    ) -> OfferPreview {
        let availability = CycleAvailability.all(
            configuration: configuration,
            environment: environment,
            project: project
        )
        let stateArchive = StateArchiveOffer.check(project)
        let git = GitRepository(root: project.root, environment: environment)
        guard GitRepository.gitAvailable(environment: environment), git.isRepository, let status = try? git.status()
        else {
            return OfferPreview(
                cycles: availability,
                uncommittedChanges: 0,
                heldBack: [],
                branch: nil,
                stateArchive: stateArchive
            )
        }
        let decision = StagingGuard(settings: configuration.git, root: git.topLevel ?? project.root).decide(status)
        return OfferPreview(
            cycles: availability,
            uncommittedChanges: decision.stage.count + decision.heldBack.count,
            heldBack: decision.heldBack.map {
                HeldBackFile(path: SecretRedaction.redact($0.path), reason: $0.reason)
            },
            branch: SecretRedaction.redact(git.branch),
            stateArchive: stateArchive
        )
    }
}
