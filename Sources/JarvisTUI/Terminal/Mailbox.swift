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

    package init() {}

    package func post(_ event: CompletionEvent) {
        lock.withLock { events.append(event) }
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
            if head == events.count {
                events.removeAll(keepingCapacity: true)
                head = 0
            }
            return (batch, ended && events.isEmpty)
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
