import Foundation

/// The run's journal and its saving, shared by the engine (step boundaries) and the steps that must record,
/// before they act, what a resumed run has to repeat exactly (the memory step's writes). Nothing is saved in a
/// dry run.
final class JournalKeeper: @unchecked Sendable {
    // Unchecked: `journal` is reached only with `lock` held.
    private let lock = NSLock()
    private var journal: RunJournal
    private let project: Project
    private let enabled: Bool
    private let log: CompletionLog

    init(_ journal: RunJournal, project: Project, enabled: Bool, log: CompletionLog) {
        self.journal = journal
        self.project = project
        self.enabled = enabled
        self.log = log
    }

    var current: RunJournal {
        lock.lock(); defer { lock.unlock() }
        return journal
    }

    /// Changes the journal and saves it atomically; a journal that cannot be saved is logged, not fatal.
    func update(_ change: (inout RunJournal) -> Void) {
        lock.lock()
        change(&journal)
        let snapshot = journal
        lock.unlock()
        guard enabled else { return }
        do { try snapshot.save(project) } catch {
            log.note("WARN", "run journal not written: \(ErrorSentence.describe(error))")
        }
    }
}
