import Foundation

/// What a front end can ask of a running engine; `RunControl.perform` carries it out.
package enum RunCommand: Sendable, Equatable {
    /// Hold the run at its next step boundary (the running step or cycle goes on).
    case pause
    case resume
    /// Stop after the running step; the rest is skipped and recorded as stopped by the user.
    case stopAfterStep
    /// Stop now: the run's child process groups (a cycle, the memory server) are ended too.
    case stopNow
    /// End the running Tier 2 cycle; the steps still run.
    case skipCycle
}

extension RunControl {
    package func perform(_ command: RunCommand) {
        switch command {
        case .pause: pause()
        case .resume: resume()
        case .stopAfterStep: requestStop()
        case .stopNow: stopNow()
        case .skipCycle: requestCycleSkip()
        }
    }

    /// Stops the run at once: nothing more starts, and the children it runs are ended (SIGTERM, then SIGKILL
    /// after a second). Ending them takes a moment in which the engine must not move on, so the stop comes first.
    package func stopNow() {
        requestStop()
        ChildProcessGroups.terminateAll()
    }
}
