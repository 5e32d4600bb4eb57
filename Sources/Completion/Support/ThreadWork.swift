import Foundation

/// Work started at once on a thread of its own, whose result is waited for (`wait()`, blocking the caller) or
/// awaited (`await value`, holding no thread). Blocking work (a child process, a large file) goes here, never to
/// Swift's cooperative pool: the pool has a thread per core, and one blocked for seconds stalls every other task.
package final class ThreadWork<Value: Sendable>: Sendable {
    private struct State {
        var result: Value?
        var waiters: [CheckedContinuation<Value, Never>] = []
    }

    private let state = Locked(State())
    private let finished = DispatchSemaphore(value: 0)

    /// `stackSize` in bytes; nil leaves Foundation's default.
    package init(name: String? = nil, stackSize: Int? = nil, _ body: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in complete(body()) }
        if let name { thread.name = name }
        if let stackSize { thread.stackSize = stackSize }
        thread.start()
    }

    /// Runs `body` on a thread of its own and awaits its result.
    package static func run(name: String? = nil, _ body: @escaping @Sendable () -> Value) async -> Value {
        await ThreadWork(name: name, body).value
    }

    /// Runs async work from synchronous code (a command or benchmark on the main thread, never a pool thread)
    /// and blocks until it is done.
    package static func blockingAwait(_ body: @escaping @Sendable () async -> Value) -> Value {
        let result = Locked<Value?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            result.set(await body())
            done.signal()
        }
        done.wait()
        return result.current!
    }

    /// The result, once the thread is done; blocks the calling thread until then.
    package func wait() -> Value {
        finished.wait()
        finished.signal()  // later waiters return at once
        return state.withLock { $0.result! }
    }

    /// The result, or nil when the thread has not finished within `timeout`.
    package func wait(timeout: Duration) -> Value? {
        let nanoseconds =
            max(0, timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        guard finished.wait(timeout: .now() + .nanoseconds(Int(nanoseconds))) == .success else { return nil }
        finished.signal()
        return state.withLock { $0.result }
    }

    package var isFinished: Bool { state.withLock { $0.result != nil } }

    /// The result, awaited without holding a thread.
    package var value: Value {
        get async {
            await withCheckedContinuation { continuation in
                let ready: Value? = state.withLock { state in
                    if let result = state.result { return result }
                    state.waiters.append(continuation)
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }

    private func complete(_ result: Value) {
        let waiters = state.withLock { state in
            state.result = result
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        finished.signal()
        for waiter in waiters { waiter.resume(returning: result) }
    }
}
