import CNcurses
import Completion
import Foundation
import JarvisScreen

/// The full-screen UI's figures: time to the first drawn frame, a full 200×60 frame, keypress-to-redraw latency
/// while 100 000 engine events stream in, and peak memory. Curses draws for real, into /dev/null
/// (TERM=xterm-256color), so terminal output costs are included but no terminal is needed.
enum UIBenchmark {
    static func run() throws -> [BenchmarkRow] {
        ThreadWork.blockingAwait { await measure() }
    }

    @TerminalActor
    static func measure() async -> [BenchmarkRow] {
        setlocale(LC_ALL, "C.UTF-8")
        guard let output = fopen("/dev/null", "w"), let input = fopen("/dev/null", "r") else { return [] }
        let theme = (try? ThemeCatalog(folders: []).load("dark")) ?? Theme(name: "none", declared: [:])
        guard let (backend, first) = firstFrame(output: output, input: input, theme: theme) else { return [] }
        let frames = frameTimes(backend)
        let memoryBeforeFlood = peakMemoryMB()
        // 3. Keypress-to-redraw latency, idle and under a flood of 100 000 events.
        let idle = await keyLatency(backend: backend, events: 0, keys: 30)
        let flood = await keyLatency(backend: backend, events: 100_000, keys: 60)
        backend.shutdown()
        return frameRows(first, frames) + floodRows(idle: idle, flood: flood, memoryBeforeFlood: memoryBeforeFlood)
    }

    struct FirstFrame {
        let startOnly: Duration
        let firstFrame: Duration
    }

    /// 1. First frame: start curses, lay out the offer, flush it. Baseline: curses start alone.
    @TerminalActor
    static func firstFrame(
        output: UnsafeMutablePointer<FILE>,
        input: UnsafeMutablePointer<FILE>,
        theme: Theme
    ) -> (CursesBackend, FirstFrame)? {
        let clock = ContinuousClock()
        let started = clock.now
        guard
            let backend = try? CursesBackend.start(
                term: "xterm-256color",
                output: output,
                input: input,
                chooseTheme: { _ in theme }
            )
        else { return nil }
        let startOnly = clock.now - started
        resizeterm(60, 200)
        var first = CellBuffer(width: 200, height: 60)
        OfferView.draw(offerState(), into: &first, glyphs: .unicode)
        backend.present(first)
        return (backend, FirstFrame(startOnly: startOnly, firstFrame: clock.now - started))
    }

    struct FrameTimes {
        let full: Double
        let layoutOnly: Double
        let repaint: Double
    }

    @TerminalActor
    static func frameTimes(_ backend: CursesBackend) -> FrameTimes {
        // 2. A frame at 200×60 (the progress view with its clock and spinner changing, as while a step runs).
        //    Baseline: laying out the same frame into the cell buffer without curses.
        var progress = progressState()
        var frame = 0
        let full = medianSeconds(runs: 200) {
            frame += 1
            progress.spinnerFrame = frame
            progress.elapsed = .seconds(frame)
            var buffer = CellBuffer(width: 200, height: 60)
            ProgressView.draw(progress, into: &buffer, glyphs: .unicode)
            backend.present(buffer)
        }
        let layoutOnly = medianSeconds(runs: 200) {
            var buffer = CellBuffer(width: 200, height: 60)
            ProgressView.draw(progress, into: &buffer, glyphs: .unicode)
        }
        // 2b. A repaint where every cell changes: the progress view and a screen of other text in another role, in
        //     turn, so no row can be skipped.
        var other = CellBuffer(width: 200, height: 60)
        for y in 0..<60 { other.put(String(repeating: "·other frame \(y) ", count: 20), x: 0, y: y, role: .subtle) }
        var turn = 0
        let repaint = medianSeconds(runs: 200) {
            turn += 1
            if turn % 2 == 0 {
                backend.present(other)
            } else {
                var buffer = CellBuffer(width: 200, height: 60)
                ProgressView.draw(progress, into: &buffer, glyphs: .unicode)
                backend.present(buffer)
            }
        }
        return FrameTimes(full: full, layoutOnly: layoutOnly, repaint: repaint)
    }

    static func frameRows(_ first: FirstFrame, _ frames: FrameTimes) -> [BenchmarkRow] {
        [
            BenchmarkRow(
                name: "ui: first frame (curses start + offer, 200×60)",
                value: first.firstFrame.ms,
                unit: "ms",
                baselineName: "curses start alone",
                baseline: first.startOnly.ms,
                target: "< 50 ms",
                meets: first.firstFrame.ms < 50
            ),
            BenchmarkRow(
                name: "ui: frame 200×60, clock and spinner changed (layout + changed rows + curses flush)",
                value: frames.full * 1000,
                unit: "ms",
                baselineName: "layout only",
                baseline: frames.layoutOnly * 1000,
                target: "< 2 ms",
                meets: frames.full * 1000 < 2
            ),
            BenchmarkRow(
                name: "ui: full repaint 200×60, every cell changed (half the frames also laid out)",
                value: frames.repaint * 1000,
                unit: "ms",
                baselineName: "layout only",
                baseline: frames.layoutOnly * 1000,
                target: "< 2 ms",
                meets: frames.repaint * 1000 < 2
            ),
        ]
    }

    static func floodRows(
        idle: (median: Double, p95: Double, applied: Int),
        flood: (median: Double, p95: Double, applied: Int),
        memoryBeforeFlood: Double
    ) -> [BenchmarkRow] {
        [
            BenchmarkRow(
                name: "ui: keypress → redraw, 100 000-event flood (p95)",
                value: flood.p95,
                unit: "ms",
                baselineName: "idle p95",
                baseline: idle.p95,
                target: "< 16 ms",
                meets: flood.p95 < 16
            ),
            BenchmarkRow(
                name: "ui: keypress → redraw, flood (median)",
                value: flood.median,
                unit: "ms",
                baselineName: "idle median",
                baseline: idle.median,
                target: "< 16 ms",
                meets: flood.median < 16
            ),
            BenchmarkRow(
                name: "ui: events streamed in during the flood",
                value: Double(flood.applied),
                unit: "events",
                baselineName: nil,
                baseline: nil,
                target: "100000",
                meets: flood.applied == 100_000
            ),
            BenchmarkRow(
                name: "ui: peak memory (whole benchmark process)",
                value: peakMemoryMB(),
                unit: "MB",
                baselineName: "before the flood",
                baseline: memoryBeforeFlood,
                target: "< 40 MB",
                meets: peakMemoryMB() < 40
            ),
        ]
    }

    /// Presses a key every 4 ms from another thread while `events` progress lines pour into the mailbox;
    /// measures from the press to the flush of the frame that shows it.
    @TerminalActor
    static func keyLatency(
        backend: CursesBackend,
        events: Int,
        keys: Int
    ) async -> (median: Double, p95: Double, applied: Int) {
        let probe = KeyProbe(inner: backend)
        let mailbox = Mailbox()
        let loop = ScreenLoop(backend: probe)
        var state = progressState()
        var applied = 0
        let producer = Thread {
            for index in 0..<events { mailbox.post(.stepProgress(.git, "line \(index) of the flood: pushing objects")) }
            mailbox.endOfStream()
        }
        if events > 0 { producer.start() } else { mailbox.endOfStream() }
        let presser = Thread {
            for _ in 0..<keys {
                Thread.sleep(forTimeInterval: 0.004)
                probe.press()
            }
        }
        presser.start()
        var toggles = 0
        await loop.run(
            onKey: { _ in
                toggles += 1
                if state.askingToStop { state.stopQuestionAnswered() } else { state.askToStop() }
                return false
            },
            onTick: {
                let (count, drained) = mailbox.drain(budget: .milliseconds(3)) { state.apply($0) }
                applied += count
                return (count > 0, mailbox.hasPendingEvents, drained && probe.measured >= keys)
            },
            draw: { ProgressView.draw(state, into: &$0, glyphs: .unicode) }
        )
        let latencies = probe.latencies.sorted()
        let posted = mailbox.statistics.posted
        guard !latencies.isEmpty else { return (0, 0, posted) }
        return (latencies[latencies.count / 2], latencies[min(latencies.count - 1, latencies.count * 95 / 100)], posted)
    }

    @TerminalActor
    final class KeyProbe: ScreenBackend {
        let inner: CursesBackend
        private let pressedAt = Locked<[ContinuousClock.Instant]>([])
        private var waiting: [ContinuousClock.Instant] = []
        var latencies: [Double] = []
        var measured: Int { latencies.count }

        init(inner: CursesBackend) { self.inner = inner }

        private let keyArrived = DispatchSemaphore(value: 0)

        nonisolated func press() {
            pressedAt.withLock { $0.append(ContinuousClock.now) }
            keyArrived.signal()
        }

        func waitForInput(timeout: Duration) {
            _ = keyArrived.wait(timeout: .now() + .milliseconds(Int(timeout.ms)))
        }

        var size: (width: Int, height: Int) { (200, 60) }
        var glyphs: Glyphs { .unicode }

        func readKey() -> Key? {
            let pressed: ContinuousClock.Instant? = pressedAt.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            guard let pressed else { return nil }
            waiting.append(pressed)
            return "x"
        }

        func present(_ buffer: CellBuffer) {
            inner.present(buffer)
            let now = ContinuousClock.now
            for pressed in waiting { latencies.append((now - pressed).ms) }
            waiting.removeAll()
        }

        func suspend() {}
        func resume() {}
        func shutdown() {}
    }

    static func offerState() -> OfferState {
        var configuration = Configuration()
        configuration.cycles[.maintenance] = CycleCommand(argv: ["git", "count-objects", "-v"])
        let cycles = CycleAvailability.all(
            configuration: configuration,
            environment: ProcessInfo.processInfo.environment
        )
        return OfferState(projectName: "acme-app", branch: "main", cycles: cycles, uncommittedChanges: 5, heldBack: 1)
    }

    static func progressState() -> ProgressState {
        var state = ProgressState(projectName: "acme-app", branch: "main", cycles: [.maintenance])
        state.apply(.cycleFinished(.maintenance, .done, .milliseconds(300)))
        for step in StepID.allCases.prefix(4) { state.apply(.stepFinished(step, .done, .milliseconds(12))) }
        state.apply(.stepStarted(.git))
        for index in 0..<40 { state.apply(.stepProgress(.git, "progress line \(index) with 漢字 and text")) }
        for index in 0..<5 { state.apply(.warning(.git, "warning \(index): held back a file")) }
        return state
    }
}

extension Duration {
    var ms: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}
