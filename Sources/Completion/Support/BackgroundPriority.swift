import CLibcExtras
import Foundation

/// Lowers the calling thread's CPU priority for work nobody waits on until the run's end (the transcript's copy
/// and digest). On two cores that work shares the CPU with git's commit and push, which the user does wait on:
/// at a lower priority it takes what git leaves, and git's chain is not slowed by it. Not on a machine already
/// loaded to twice its cores (the load average says so): there other work takes the CPU the archive yields, and
/// the run waits on the archive after the push instead (measured on two cores: beside two busy processes the run
/// was as fast at the lower priority, beside four it was 15 % slower). On Linux a thread has a nice value of its
/// own; elsewhere this does nothing.
package enum BackgroundPriority {
    /// How far below normal: at nice 5 a thread gets about a third of what a normal thread competing with it
    /// gets, and all of a core nobody else wants. Nice 10 was no faster here, and under a busy machine's load
    /// (a build running beside the run) it would leave the archive a tenth of its share while the run waits on it.
    package static let niceness: Int32 = 5

    /// Whether yielding pays: the machine's one-minute load average (nil: unknown) is below twice its core
    /// count. Not below the core count: a run's own work and the copies made before it keep a two-core machine's
    /// load near 2, and the archive would then never yield where it pays most.
    package static func pays(loadAverage: Double?, cores: Int) -> Bool {
        guard let loadAverage else { return false }
        return loadAverage < 2 * Double(cores)
    }

    /// `lowerCurrentThread` unless the machine is already heavily loaded.
    package static func lowerCurrentThreadUnlessBusy() {
        var load = [Double](repeating: 0, count: 1)
        let known = getloadavg(&load, 1) == 1
        guard pays(loadAverage: known ? load[0] : nil, cores: ProcessInfo.processInfo.activeProcessorCount)
        else { return }
        lowerCurrentThread()
    }

    package static func lowerCurrentThread() {
        #if os(Linux)
        let lowered = max(currentNiceness(), niceness)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(currentThreadID()), lowered)
        #endif
    }

    #if os(Linux)
    /// The kernel's id of the calling thread, which `setpriority` takes for one thread.
    package static func currentThreadID() -> Int32 { jarvis_thread_id() }
    #endif

    /// The calling thread's nice value.
    package static func currentNiceness() -> Int32 {
        #if os(Linux)
        return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(currentThreadID()))
        #else
        return 0
        #endif
    }
}
