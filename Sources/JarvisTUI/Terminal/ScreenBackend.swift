/// Where frames go and keys come from: curses on a real terminal, or a headless one in tests and the benchmark.
@TerminalActor
package protocol ScreenBackend: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// The next key if one is waiting; never blocks.
    func readKey() -> Key?
    func present(_ buffer: CellBuffer)
    /// Hands the terminal to another program ($EDITOR) and takes it back.
    func suspend()
    func resume()
    func shutdown()
    var glyphs: Glyphs { get }
}

/// A backend without a terminal: keys are queued by the test, frames are kept.
@TerminalActor
package final class HeadlessBackend: ScreenBackend {
    package var size: (width: Int, height: Int)
    package var keys: [Key] = []
    package private(set) var frames = 0
    package private(set) var lastFrame: CellBuffer?
    package var onPresent: ((CellBuffer) -> Void)?
    package let glyphs: Glyphs

    package init(width: Int, height: Int, glyphs: Glyphs = .unicode) {
        size = (width, height)
        self.glyphs = glyphs
    }

    package func readKey() -> Key? { keys.isEmpty ? nil : keys.removeFirst() }

    package func present(_ buffer: CellBuffer) {
        frames += 1
        lastFrame = buffer
        onPresent?(buffer)
    }

    package func suspend() {}
    package func resume() {}
    package func shutdown() {}
}
