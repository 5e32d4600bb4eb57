import Completion
import Foundation

/// Where the engine's events, its questions and the process's signals wait for the terminal thread.
/// Producers never block; the screen loop takes events in batches so a flood cannot starve the keyboard.
package final class Mailbox: Sendable {
    private struct State {
        var events: [CompletionEvent] = []
        var head = 0
        var ended = false
        var signals: [Int32] = []
        var question: (Question, CheckedContinuation<Bool, Never>)?
        var queuedLines = 0
        var posted = 0
        var coalescedLines = 0
    }

    private let state = Locked(State())

    /// Output lines beyond this many in a row are coalesced: the progress view shows only the latest ones.
    package static let keptLinesPerRun = 200
    static let compactionThreshold = 4_000

    package init() {}

    package func post(_ event: CompletionEvent) {
        state.withLock { state in
            state.posted += 1
            state.events.append(event)
            if Self.isLine(event) {
                state.queuedLines += 1
                if state.queuedLines > Self.compactionThreshold { Self.compact(&state) }
            }
        }
    }

    private static func isLine(_ event: CompletionEvent) -> Bool {
        switch event {
        case .stepProgress, .cycleOutput: true
        default: false
        }
    }

    /// Drops queued output lines that later lines of the same run would push out of view anyway. Every other
    /// event (steps, warnings, questions, the summary) is kept in order.
    private static func compact(_ state: inout State) {
        var kept: [CompletionEvent] = []
        kept.reserveCapacity(state.events.count - state.head)
        var run = 0
        var lines = 0
        for event in state.events[state.head...].reversed() {
            if isLine(event) {
                run += 1
                if run > keptLinesPerRun { state.coalescedLines += 1; continue }
                lines += 1
            } else {
                run = 0
            }
            kept.append(event)
        }
        state.events = kept.reversed()
        state.head = 0
        state.queuedLines = lines
    }

    package func endOfStream() {
        state.withLock { $0.ended = true }
    }

    /// Up to `limit` events, oldest first, and whether the stream is over with nothing left.
    package func take(limit: Int) -> (events: ArraySlice<CompletionEvent>, drained: Bool) {
        state.withLock { state in
            let end = min(state.events.count, state.head + limit)
            let batch = state.events[state.head..<end]
            state.head = end
            state.queuedLines -= batch.reduce(0) { $0 + (Self.isLine($1) ? 1 : 0) }
            if state.head == state.events.count {
                state.events.removeAll(keepingCapacity: state.events.count < 10_000)
                state.head = 0
            }
            return (batch, state.ended && state.events.isEmpty)
        }
    }

    /// Events posted so far, and output lines coalesced away.
    package var statistics: (posted: Int, coalesced: Int) { state.withLock { ($0.posted, $0.coalescedLines) } }

    /// Applies queued events in small batches until none are left or `budget` is spent, so keys are read again
    /// within a few milliseconds however many events wait. Returns how many were applied and whether the
    /// stream is over with nothing left.
    package func drain(budget: Duration, _ apply: (CompletionEvent) -> Void) -> (applied: Int, finished: Bool) {
        let clock = ContinuousClock()
        let deadline = clock.now + budget
        var applied = 0
        while true {
            let (batch, finished) = take(limit: 256)
            for event in batch { apply(event) }
            applied += batch.count
            if finished || batch.isEmpty || clock.now >= deadline { return (applied, finished) }
        }
    }

    package var hasPendingEvents: Bool { state.withLock { $0.head < $0.events.count } }

    package func signal(_ number: Int32) {
        state.withLock { $0.signals.append(number) }
    }

    package func takeSignals() -> [Int32] {
        state.withLock { state in
            defer { state.signals.removeAll() }
            return state.signals
        }
    }

    /// Called by the engine's responder; returns when the user answered.
    package func ask(_ question: Question) async -> Bool {
        await withCheckedContinuation { continuation in
            state.withLock { $0.question = (question, continuation) }
        }
    }

    package var pendingQuestion: Question? { state.withLock { $0.question?.0 } }

    package func answer(_ value: Bool) {
        let continuation: CheckedContinuation<Bool, Never>? = state.withLock { state in
            defer { state.question = nil }
            return state.question?.1
        }
        continuation?.resume(returning: value)
    }
}

/// The engine's gates become a y/n modal in the progress view.
package struct ScreenResponder: Responder {
    let mailbox: Mailbox
    package init(mailbox: Mailbox) { self.mailbox = mailbox }
    package func answer(_ question: Question) async -> Bool { await mailbox.ask(question) }
}

/// SIGINT and SIGTERM become mailbox entries (ncurses' own handler would `_exit` without our cleanup).
/// SIGWINCH is left to ncurses, which turns it into KEY_RESIZE.
package final class SignalWatch {
    private let relay: SignalRelay

    package init(mailbox: Mailbox) {
        relay = SignalRelay.install { number in mailbox.signal(number) }
    }

    package func cancel() { relay.cancel() }
}
