import Completion
import Foundation

/// Ctrl-C and SIGTERM. During a run the first Ctrl-C asks the engine to stop after the running step (it then
/// exits 130); SIGTERM or a second Ctrl-C exits at once with 130, after ending the running cycle's or memory
/// server's process group. Before the run (the offer, `control` nil) nothing has been written, so any of them
/// exits 130 at once. Files are always written atomically, so stopping never half-writes one.
final class InterruptHandler: @unchecked Sendable {
    // Unchecked: `sources` is only touched by `install` and `uninstall`, on the command's own thread; the signal
    // handlers, which run on a dispatch queue, touch only `count`, which is locked.
    private let control: RunControl?
    private var sources: [DispatchSourceSignal] = []
    private let count = Locked(0)

    init(control: RunControl?) {
        self.control = control
    }

    func install() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { @Sendable [weak self] in self?.fired(sig) }
            source.resume()
            sources.append(source)
        }
    }

    func uninstall() {
        for source in sources { source.cancel() }
        sources.removeAll()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    private func fired(_ sig: Int32) {
        let n = count.withLock { count in
            count += 1
            return count
        }
        guard let control else {
            StandardOutput.error("\njarvis-tui: interrupted before anything was written")
            exit(ExitStatus.interrupted.rawValue)
        }
        if n == 1 && sig == SIGINT {
            StandardOutput.error("jarvis-tui: stopping after the current step (Ctrl-C again to stop now)")
            control.requestStop()
        } else {
            StandardOutput.error("jarvis-tui: interrupted")
            control.stopNow()
            exit(ExitStatus.interrupted.rawValue)
        }
    }
}
