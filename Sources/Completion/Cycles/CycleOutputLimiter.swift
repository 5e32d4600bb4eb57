import Foundation

/// Turns a cycle's raw output into display lines without letting a flood stall anything: lines longer than
/// `maxLineLength` are cut, at most `linesPerWindow` lines are passed on per `window` (the rest are counted and
/// reported as one "… N lines not shown" line), and the last lines are kept for the failure message.
final class CycleOutputLimiter: @unchecked Sendable {
    static let maxLineLength = 2_000
    static let linesPerWindow = 100
    static let window: Duration = .milliseconds(250)
    static let tailSize = 5

    private let send: (String) -> Void
    private var pending: [UInt8] = []
    private var discardingRestOfLine = false
    private var windowStart = ContinuousClock.now
    private var shownInWindow = 0
    private var notShown = 0
    private var lastNotShown: String?
    private(set) var totalLines = 0
    private(set) var totalNotShown = 0
    private(set) var tail: [String] = []

    init(send: @escaping (String) -> Void) {
        self.send = send
    }

    func feed(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if discardingRestOfLine {
                    discardingRestOfLine = false
                } else {
                    completeLine()
                }
                continue
            }
            if discardingRestOfLine { continue }
            pending.append(byte)
            if pending.count >= Self.maxLineLength * 4 {
                completeLine()
                discardingRestOfLine = true
            }
        }
    }

    /// Passes on what is left at the end of the output, and the count of lines that were not shown.
    func finish() {
        if !pending.isEmpty { completeLine() }
        reportNotShown(final: true)
    }

    private func completeLine() {
        var text = TerminalText.inert(String(decoding: pending, as: UTF8.self))
        pending.removeAll(keepingCapacity: true)
        if text.count > Self.maxLineLength || discardingRestOfLine {
            text = String(text.prefix(Self.maxLineLength)) + " … (line cut)"
        }
        totalLines += 1
        tail.append(text)
        if tail.count > Self.tailSize { tail.removeFirst() }

        let now = ContinuousClock.now
        if now - windowStart >= Self.window {
            reportNotShown(final: false)
            windowStart = now
            shownInWindow = 0
        }
        if shownInWindow < Self.linesPerWindow {
            shownInWindow += 1
            send(text)
        } else {
            notShown += 1
            totalNotShown += 1
            lastNotShown = text
        }
    }

    private func reportNotShown(final: Bool) {
        guard notShown > 0 else { return }
        send("… \(notShown) line(s) not shown (output too fast)")
        if final, let lastNotShown { send(lastNotShown) }
        notShown = 0
        lastNotShown = nil
    }
}
