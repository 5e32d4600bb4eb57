import Foundation

/// What the steps phase does with each step, decided once from the interrupted run's journal. When that run had
/// already made the session commit, the steps whose files are in it (and the summary) are not redone: redoing
/// them would change committed files and need a second commit. Step 5 then only pushes that commit, unless it
/// had finished. A step whose work overlapped the commit (step 4's archive, git-ignored) runs again unless it had
/// finished, so that its files are complete.
struct StepSchedule {
    enum Disposition: Equatable {
        case run
        /// Finished by the interrupted run: its report stands.
        case finishedEarlier(StepReport)
        /// The interrupted run made this session commit but was killed before step 5 finished: push it.
        case pushOnly(String)
    }

    let interrupted: RunJournal?
    /// The session commit the interrupted run made (nil: none, every step runs).
    let sessionCommit: String?

    func disposition(_ step: StepID) -> Disposition {
        guard let sessionCommit else { return .run }
        let finished = interrupted?.finishedReport(step)
        switch step.phase {
        case .afterCommit:
            return .run
        case .commit:
            return finished.map(Disposition.finishedEarlier) ?? .pushOnly(sessionCommit)
        case .beforeCommit:
            if finished == nil, step.step is any OverlappingStep { return .run }
            return .finishedEarlier(finished ?? StepReport(step: step, outcome: .done, duration: .zero))
        }
    }

    /// True when the step does all of its work in this run.
    func runsInFull(_ step: StepID) -> Bool { disposition(step) == .run }
}
