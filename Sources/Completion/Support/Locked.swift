import Foundation

/// A value shared between threads, reachable only while its lock is held. Mutable state that more than one thread
/// touches lives in one of these, so the lock stands next to the value it guards and no access can forget it.
package final class Locked<Value> {
    private let lock = NSLock()
    private var value: Value

    package init(_ value: Value) { self.value = value }

    /// Runs `body` on the value with the lock held. Keep it short: no waiting and no calls into unknown code.
    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    /// A copy of the value as it is now.
    package var current: Value { withLock { $0 } }

    package func set(_ newValue: Value) { withLock { $0 = newValue } }
}

// The compiler cannot see that `value` is only reached with the lock held, which is what this type guarantees;
// only a Sendable value may be shared, since a copy of it leaves the lock.
extension Locked: @unchecked Sendable where Value: Sendable {}
