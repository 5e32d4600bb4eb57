import Foundation

/// The frame loop on the terminal thread: keys first, then a bounded batch of outside work, then at most one
/// frame per 16 ms (a key press is drawn at once). Idle, it waits on the keyboard for a few milliseconds, so a
/// key wakes it at once and engine events are picked up within that time.
@TerminalActor
package final class ScreenLoop {
    package let backend: any ScreenBackend
    package static let frameInterval: Duration = .milliseconds(16)
    package static let idleSleep: Duration = .milliseconds(5)
    private let clock = ContinuousClock()
    package private(set) var framesDrawn = 0

    package init(backend: any ScreenBackend) {
        self.backend = backend
    }

    /// Runs until `onKey` or `onTick` says the screen is done.
    /// - onKey: handles one key; returns true when the screen is finished.
    /// - onTick: does outside work (events, clock); returns (changed, moreWaiting, finished).
    /// - draw: paints the state into a fresh buffer of the terminal's size.
    package func run(
        onKey: (Key) -> Bool,
        onTick: () -> (changed: Bool, more: Bool, finished: Bool),
        draw: (inout CellBuffer) -> Void
    ) async {
        var dirty = true
        var lastDraw = clock.now - Self.frameInterval
        while true {
            var keyed = false
            var finished = false
            while let key = backend.readKey() {
                keyed = true
                if key == .resize { continue }
                // Behind the "too small" notice the screen cannot be seen, so no key may act on it but Ctrl-C.
                let size = backend.size
                if Chrome.isTooSmall(width: size.width, height: size.height), key != .interrupt { continue }
                if onKey(key) { finished = true; break }
            }
            let tick = onTick()
            finished = finished || tick.finished
            dirty = dirty || keyed || tick.changed
            if dirty && (keyed || finished || clock.now - lastDraw >= Self.frameInterval) {
                let size = backend.size
                var buffer = CellBuffer(width: size.width, height: size.height)
                draw(&buffer)
                backend.present(buffer)
                framesDrawn += 1
                lastDraw = clock.now
                dirty = false
            }
            if finished { return }
            if !tick.more { backend.waitForInput(timeout: Self.idleSleep) }
            await Task.yield()
        }
    }
}
