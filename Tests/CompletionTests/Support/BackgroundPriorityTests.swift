import Foundation
import Testing

@testable import Completion

/// The archive's threads yield the CPU to git's: their own nice value is raised, and nobody else's.
@Suite("Background priority of the archive threads")
struct BackgroundPriorityTests {
    /// Runs `body` on a thread of its own and returns what it returned.
    static func onNewThread(_ body: @escaping @Sendable () -> [Int32]) -> [Int32] {
        let result = Locked<[Int32]>([])
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            result.set(body())
            done.signal()
        }
        done.wait()
        return result.current
    }

    @Test("a lowered thread runs at nice 5 while the thread that started it keeps its priority")
    func lowersOnlyTheCallingThread() {
        #if os(Linux)
        let before = BackgroundPriority.currentNiceness()
        let seen = Self.onNewThread {
            let start = BackgroundPriority.currentNiceness()
            BackgroundPriority.lowerCurrentThread()
            return [start, BackgroundPriority.currentNiceness()]
        }
        #expect(seen == [before, max(before, BackgroundPriority.niceness)])
        #expect(BackgroundPriority.currentNiceness() == before)
        #endif
    }

    @Test("a thread already nicer than that is left as it is")
    func neverRaisesPriority() {
        #if os(Linux)
        let seen = Self.onNewThread {
            let me = id_t(BackgroundPriority.currentThreadID())
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), me, 15)
            BackgroundPriority.lowerCurrentThread()
            return [BackgroundPriority.currentNiceness()]
        }
        #expect(seen == [15])
        #endif
    }

    @Test("the archive yields only on a machine not already loaded to twice its cores")
    func yieldsOnlyWhenItPays() {
        #expect(BackgroundPriority.pays(loadAverage: 0.4, cores: 2))
        #expect(BackgroundPriority.pays(loadAverage: 2.1, cores: 2))
        #expect(BackgroundPriority.pays(loadAverage: 3.9, cores: 2))
        #expect(!BackgroundPriority.pays(loadAverage: 4.0, cores: 2))
        #expect(!BackgroundPriority.pays(loadAverage: 9.3, cores: 2))
        #expect(!BackgroundPriority.pays(loadAverage: nil, cores: 8))
    }
}
