import Foundation

/// Where frames go and keys come from: curses on a real terminal, or a headless one in tests and the benchmark.
@TerminalActor
package protocol ScreenBackend: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// The next key if one is waiting; never blocks.
    func readKey() -> Key?
    /// Blocks until input may be waiting or `timeout` passed: an idle loop wakes at once for a key.
    func waitForInput(timeout: Duration)
    func present(_ buffer: CellBuffer)
    /// Hands the terminal to another program ($EDITOR) and takes it back.
    func suspend()
    func resume()
    func shutdown()
    var glyphs: Glyphs { get }
}

/// A backend without a terminal: frames are kept, keys come from a script. Each scripted key waits until the
/// last frame shows its cue text, the way a person reads the screen before pressing a key.
@TerminalActor
package final class HeadlessBackend: ScreenBackend {
    package var size: (width: Int, height: Int)
    package var script: [(cue: String, key: Key)] = []
    package private(set) var frames = 0
    package private(set) var lastFrame: CellBuffer?
    package var onPresent: ((CellBuffer) -> Void)?
    package let glyphs: Glyphs

    package init(width: Int, height: Int, glyphs: Glyphs = .unicode) {
        size = (width, height)
        self.glyphs = glyphs
    }

    /// How long a scripted key waits for its cue. Past that the script is abandoned (its keys stay unused, which the
    /// test sees) and the session is ended with Esc, Ctrl-C and q, so a test fails instead of hanging.
    package var stallLimit: Duration = .seconds(60)
    package private(set) var stalledOn: String?
    private var waitingSince: ContinuousClock.Instant?
    private var endingKeys: [Key] = [.escape, .interrupt, .interrupt, .character("q"), .enter]

    package func readKey() -> Key? {
        if stalledOn != nil { return endingKeys.isEmpty ? nil : endingKeys.removeFirst() }
        guard let next = script.first else { return nil }
        guard next.cue.isEmpty || (lastFrame?.text.contains(next.cue) ?? false) else {
            let now = ContinuousClock.now
            if let since = waitingSince, now - since > stallLimit {
                stalledOn = next.cue
            } else if waitingSince == nil {
                waitingSince = now
            }
            return nil
        }
        waitingSince = nil
        script.removeFirst()
        return next.key
    }

    package func waitForInput(timeout: Duration) {
        Thread.sleep(
            forTimeInterval: Double(timeout.components.attoseconds) / 1e18 + Double(timeout.components.seconds)
        )
    }

    package func present(_ buffer: CellBuffer) {
        frames += 1
        lastFrame = buffer
        onPresent?(buffer)
    }

    package func suspend() {}
    package func resume() {}
    package func shutdown() {}
}
