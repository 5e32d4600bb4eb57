import Foundation

/// Turns a cycle's raw output into display lines without letting a flood stall anything: lines longer than
/// `maxLineLength` are cut, at most `linesPerWindow` lines are passed on per `window` (the rest are counted and
/// reported as one "… N lines not shown" line), and the last lines are kept for the failure message.
/// Fed and finished on the output reader's thread, its tail read by the cycle's thread afterwards: the counting
/// lives in a `Locked` and the lines are passed on after the lock is released.
final class CycleOutputLimiter: Sendable {
    static let maxLineLength = 2_000
    static let linesPerWindow = 100
    static let window: Duration = .milliseconds(250)
    static let tailSize = 5

    private let send: @Sendable (String) -> Void
    private let state = Locked(LineWindow())

    init(send: @escaping @Sendable (String) -> Void) {
        self.send = send
    }

    /// The last lines of the output (for the failure message).
    var tail: [String] { state.withLock { $0.tail } }
    var totalLines: Int { state.withLock { $0.totalLines } }
    var totalNotShown: Int { state.withLock { $0.totalNotShown } }

    func feed(_ bytes: UnsafeRawBufferPointer) {
        for line in state.withLock({ $0.feed(bytes) }) { send(line) }
    }

    /// Passes on what is left at the end of the output, and the count of lines that were not shown.
    func finish() {
        for line in state.withLock({ $0.finish() }) { send(line) }
    }
}

/// The limiter's counting: returns the lines to pass on.
private struct LineWindow {
    private var pending: [UInt8] = []
    private var discardingRestOfLine = false
    private var windowStart = ContinuousClock.now
    private var shownInWindow = 0
    private var notShown = 0
    private var lastNotShown: String?
    private(set) var totalLines = 0
    private(set) var totalNotShown = 0
    private(set) var tail: [String] = []

    mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [String] {
        var out: [String] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if discardingRestOfLine {
                    discardingRestOfLine = false
                } else {
                    completeLine(into: &out)
                }
                continue
            }
            if discardingRestOfLine { continue }
            pending.append(byte)
            if pending.count >= CycleOutputLimiter.maxLineLength * 4 {
                completeLine(into: &out)
                discardingRestOfLine = true
            }
        }
        return out
    }

    mutating func finish() -> [String] {
        var out: [String] = []
        if !pending.isEmpty { completeLine(into: &out) }
        reportNotShown(final: true, into: &out)
        return out
    }

    private mutating func completeLine(into out: inout [String]) {
        var text = TerminalText.inert(String(decoding: pending, as: UTF8.self))
        pending.removeAll(keepingCapacity: true)
        if text.count > CycleOutputLimiter.maxLineLength || discardingRestOfLine {
            text = String(text.prefix(CycleOutputLimiter.maxLineLength)) + " … (line cut)"
        }
        totalLines += 1
        tail.append(text)
        if tail.count > CycleOutputLimiter.tailSize { tail.removeFirst() }

        let now = ContinuousClock.now
        if now - windowStart >= CycleOutputLimiter.window {
            reportNotShown(final: false, into: &out)
            windowStart = now
            shownInWindow = 0
        }
        if shownInWindow < CycleOutputLimiter.linesPerWindow {
            shownInWindow += 1
            out.append(text)
        } else {
            notShown += 1
            totalNotShown += 1
            lastNotShown = text
        }
    }

    private mutating func reportNotShown(final: Bool, into out: inout [String]) {
        guard notShown > 0 else { return }
        out.append("… \(notShown) line(s) not shown (output too fast)")
        if final, let lastNotShown { out.append(lastNotShown) }
        notShown = 0
        lastNotShown = nil
    }
}
