import Completion
import Foundation

/// Ctrl-C and SIGTERM for the plain and JSON front ends. During a run they follow `StopPolicy`, as the
/// full-screen UI does: at a terminal the first Ctrl-C asks "Stop after the current step?" and holds the run until
/// the answer (y stops after the running step, anything else keeps going); without one it stops after the running
/// step. A second Ctrl-C, or SIGTERM, exits at once with 130 after ending the running cycle's or memory server's
/// process group. Before the run (the offer, `control` nil) nothing has been written, so any of them exits 130 at
/// once. Files are always written atomically, so stopping never half-writes one.
final class InterruptHandler: @unchecked Sendable {
    // Unchecked: `relay` is only touched by `install` and `uninstall`, on the command's own thread; the signal
    // handlers, which run on the signal relay's thread, and the thread reading the answer touch only `policy`,
    // which is locked.
    private let control: RunControl?
    private let canAsk: Bool
    private var relay: SignalRelay?
    private let policy = Locked(StopPolicy())

    /// `canAsk`: stdin is a terminal, so the stop question can be answered.
    init(control: RunControl?, canAsk: Bool = false) {
        self.control = control
        self.canAsk = canAsk
    }

    static let question = "Stop after the current step? The steps already done are kept. [y/N] "

    /// Whether the stop question is open: the front end holds its output meanwhile, so the question stays the
    /// last line on the terminal.
    var isAsking: Bool { policy.withLock { $0.isAsking } }

    func install() {
        relay = SignalRelay.install { [weak self] number in self?.fired(number) }
    }

    func uninstall() {
        relay?.cancel()
        relay = nil
    }

    private func fired(_ sig: Int32) {
        guard let control else {
            StandardOutput.error("\njarvis-tui: interrupted before anything was written")
            exit(ExitStatus.interrupted.rawValue)
        }
        let commands = policy.withLock { sig == SIGTERM ? $0.terminate() : $0.interrupt(canAsk: canAsk) }
        for command in commands { control.perform(command) }
        if commands.contains(.stopNow) {
            StandardOutput.error("\njarvis-tui: interrupted")
            exit(ExitStatus.interrupted.rawValue)
        }
        if commands.contains(.stopAfterStep) {
            StandardOutput.error("jarvis-tui: stopping after the current step (Ctrl-C again to stop now)")
        }
        if commands.contains(.pause) { ask(control) }
    }

    /// Shows the stop question and reads the answer on a thread of its own, so the signal queue stays free for a
    /// second Ctrl-C (which exits while the read still waits). The end of input is the safe answer: keep going.
    private func ask(_ control: RunControl) {
        StandardOutput.write("\n" + Self.question)
        _ = ThreadWork(name: "stop-question") { [policy] in
            let line = readLine(strippingNewline: true) ?? ""
            let stop = line.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("y")
            let commands = policy.withLock { $0.answer(stop: stop) }
            for command in commands { control.perform(command) }
            if !commands.isEmpty {
                StandardOutput.write(stop ? "Stopping after the current step.\n" : "Going on.\n")
            }
        }
    }

    /// The run is over: a question still open has nothing left to stop.
    func runEnded() {
        let wasAsking = policy.withLock { policy in
            defer { policy.runEnded() }
            return policy.isAsking
        }
        if wasAsking { StandardOutput.write("\n") }
    }
}
