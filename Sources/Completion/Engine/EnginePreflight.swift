import Foundation

extension CompletionEngine {
    /// What the preflight phase leaves the run: the run lock, or why there is none.
    struct Preflight {
        var lock: RunLock?
        var lockWarning: String?
    }

    /// The refusals that come before any write (the emergency stop, `enabled: false`), then the run lock: one
    /// run at a time, from before the first write to the end of the run.
    func preflight() async throws(EarlyEnd) -> Preflight {
        let project = plan.project
        if plan.emergencyStop {
            throw EarlyEnd(
                status: .cancelled,
                message: "JARVIS_EMERGENCY_STOP is set: stopped before any write. Unset it to end the session."
            )
        }
        if !plan.configuration.enabled {
            let file = project.relativePath(of: project.configFile)
            throw EarlyEnd(
                status: .cancelled,
                message: "session completion is disabled in \(file) (enabled: false); nothing was written."
            )
        }
        if plan.options.dryRun { return Preflight() }
        let attempt = await RunLock.acquire(
            project,
            wait: plan.options.waitForLock,
            now: plan.now(),
            shouldStop: { plan.control.shouldStop || Task.isCancelled },
            waiting: { emit(.warning(nil, $0)) }
        )
        switch attempt {
        case .acquired(let lock): return Preflight(lock: lock)
        case .unavailable(let sentence): return Preflight(lockWarning: sentence)
        case .held(let sentence): throw EarlyEnd(status: .cancelled, message: sentence)
        case .stopped:
            throw EarlyEnd(
                status: .interrupted,
                message: "stopped while waiting for the other run; nothing was written"
            )
        }
    }
}
