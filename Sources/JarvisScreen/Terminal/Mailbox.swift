import Completion
import Foundation

/// Where the engine's events, its questions and the process's signals wait for the terminal thread.
/// Producers never block; the screen loop takes events in batches so a flood cannot starve the keyboard.
package final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [CompletionEvent] = []
    private var head = 0
    private var ended = false
    private var signals: [Int32] = []
    private var question: (Question, CheckedContinuation<Bool, Never>)?
    private var queuedLines = 0
    private var posted = 0
    private var coalescedLines = 0

    /// Output lines beyond this many in a row are coalesced: the progress view shows only the latest ones.
    package static let keptLinesPerRun = 200
    static let compactionThreshold = 4_000

    package init() {}

    package func post(_ event: CompletionEvent) {
        lock.withLock {
            posted += 1
            events.append(event)
            if Self.isLine(event) {
                queuedLines += 1
                if queuedLines > Self.compactionThreshold { compact() }
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
    private func compact() {
        var kept: [CompletionEvent] = []
        kept.reserveCapacity(events.count - head)
        var run = 0
        var lines = 0
        for event in events[head...].reversed() {
            if Self.isLine(event) {
                run += 1
                if run > Self.keptLinesPerRun { coalescedLines += 1; continue }
                lines += 1
            } else {
                run = 0
            }
            kept.append(event)
        }
        events = kept.reversed()
        head = 0
        queuedLines = lines
    }

    package func endOfStream() {
        lock.withLock { ended = true }
    }

    /// Up to `limit` events, oldest first, and whether the stream is over with nothing left.
    package func take(limit: Int) -> (events: ArraySlice<CompletionEvent>, drained: Bool) {
        lock.withLock {
            let end = min(events.count, head + limit)
            let batch = events[head..<end]
            head = end
            queuedLines -= batch.reduce(0) { $0 + (Self.isLine($1) ? 1 : 0) }
            if head == events.count {
                events.removeAll(keepingCapacity: events.count < 10_000)
                head = 0
            }
            return (batch, ended && events.isEmpty)
        }
    }

    /// Events posted so far, and output lines coalesced away.
    package var statistics: (posted: Int, coalesced: Int) { lock.withLock { (posted, coalescedLines) } }

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

    package var hasPendingEvents: Bool { lock.withLock { head < events.count } }

    package func signal(_ number: Int32) {
        lock.withLock { signals.append(number) }
    }

    package func takeSignals() -> [Int32] {
        lock.withLock {
            defer { signals.removeAll() }
            return signals
        }
    }

    /// Called by the engine's responder; returns when the user answered.
    package func ask(_ question: Question) async -> Bool {
        await withCheckedContinuation { continuation in
            lock.withLock { self.question = (question, continuation) }
        }
    }

    package var pendingQuestion: Question? { lock.withLock { question?.0 } }

    package func answer(_ value: Bool) {
        let continuation: CheckedContinuation<Bool, Never>? = lock.withLock {
            defer { question = nil }
            return question?.1
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
package final class SignalWatch: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    package init(mailbox: Mailbox) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { @Sendable in mailbox.signal(number) }
            source.resume()
            sources.append(source)
        }
    }

    package func cancel() {
        for source in sources { source.cancel() }
        sources.removeAll()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
