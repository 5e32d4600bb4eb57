import Foundation

/// Step 5's early staging, started from gathering's `git status` the moment git answers, instead of after the
/// whole gather (whose transcript pass can take a second longer on a large transcript). At that point the run
/// does not yet know whether step 5 will stage (an interrupted run may have committed already; a finished session
/// may have nothing new), so the staging is held here: the steps' setup claims it, and whatever is not claimed is
/// discarded when the run ends. That is safe because the staging works on a copy of the index and step 5 adopts
/// the copy only when it matches what it stages itself.
final class GatheredStaging: Sendable {
    private struct State {
        var started = false
        var claimed = false
        var staging: EarlyStaging?
    }

    private let state = Locked(State())
    private let root: URL
    private let settings: GitSettings
    private let environment: [String: String]

    init(root: URL, settings: GitSettings, environment: [String: String]) {
        self.root = root
        self.settings = settings
        self.environment = environment
    }

    /// Starts staging `entries`, the first time only: a second gather of the same run does not start another.
    func start(from entries: [StatusEntry]) {
        let first = state.withLock { state in
            defer { state.started = true }
            return !state.started
        }
        guard first else { return }
        let staging = EarlyStaging.start(root: root, settings: settings, entries: entries, environment: environment)
        let unwanted = state.withLock { state -> EarlyStaging? in
            if state.claimed { return staging }
            state.staging = staging
            return nil
        }
        unwanted?.discard()
    }

    /// The staging for step 5 to adopt (nil when none was started); it is the caller's from here on.
    func claim() -> EarlyStaging? {
        state.withLock { state in
            state.claimed = true
            defer { state.staging = nil }
            return state.staging
        }
    }

    /// Drops a staging nobody claimed: the run ended before its steps, or step 5 will not stage.
    func discardUnclaimed() {
        claim()?.discard()
    }
}
