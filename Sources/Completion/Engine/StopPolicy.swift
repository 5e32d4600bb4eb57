/// What Ctrl-C means during a run, the same for every front end. The first one asks "Stop after the current
/// step?" and holds the run at its next step boundary while the question is open (the running step or cycle goes
/// on); "stop" lets the running step finish and skips the rest, "keep going" resumes. A second Ctrl-C, or SIGTERM,
/// stops at once. Where nobody can answer (no terminal on stdin: an agent, a pipe) the first Ctrl-C is taken as
/// "stop after the current step", since holding a run that no one can resume would hang it.
/// Either way the run ends as interrupted (exit 130), with the steps already done kept.
package struct StopPolicy: Sendable, Equatable {
    package enum Stage: Sendable, Equatable {
        case running
        /// The stop question is open and the run is held.
        case asking
        /// Stopping after the running step.
        case stopping
        /// Stopped at once: the front end leaves now.
        case stoppedAtOnce
    }

    package private(set) var stage = Stage.running

    package init() {}

    package var isAsking: Bool { stage == .asking }
    package var stopRequested: Bool { stage == .stopping || stage == .stoppedAtOnce }

    /// Ctrl-C (in the full-screen UI also q or Esc). `canAsk`: whether the front end can show the question.
    package mutating func interrupt(canAsk: Bool) -> [RunCommand] {
        switch stage {
        case .running:
            stage = canAsk ? .asking : .stopping
            return canAsk ? [.pause] : [.stopAfterStep]
        case .asking, .stopping, .stoppedAtOnce:
            return terminate()
        }
    }

    /// SIGTERM, or a second Ctrl-C: stop now, ending the run's child processes.
    package mutating func terminate() -> [RunCommand] {
        stage = .stoppedAtOnce
        return [.stopNow]
    }

    /// The answer to the stop question; nothing when it is not open.
    package mutating func answer(stop: Bool) -> [RunCommand] {
        guard stage == .asking else { return [] }
        stage = stop ? .stopping : .running
        return (stop ? [.stopAfterStep] : []) + [.resume]
    }

    /// The run ended while the question was open: there is nothing left to stop.
    package mutating func runEnded() {
        if stage == .asking { stage = .running }
    }
}
