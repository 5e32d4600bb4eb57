import Foundation

/// A value computed on a thread of its own while the caller does other work, then waited for: used where a
/// synchronous step has two independent slow parts (reading a large transcript while git runs).
final class ThreadResult<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Value?

    init(_ body: @escaping @Sendable () -> Value) {
        Thread.detachNewThread { [self] in
            result = body()
            done.signal()
        }
    }

    /// Waits for the thread (later calls return at once: the semaphore is handed back).
    func value() -> Value {
        done.wait()
        done.signal()
        return result!
    }
}
