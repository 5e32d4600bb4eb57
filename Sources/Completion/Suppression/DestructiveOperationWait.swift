import Foundation

/// Nothing is written while a destructive operation runs. A destructive operation announces itself by a file:
/// the ones `destructive_lock_files` names (project-relative or absolute), and Jarvis' JICM exit-mode signal
/// while the process named in it is alive (see `ExitModeSignal`; a stale one is reported and ignored). While one
/// exists the run waits before any write, saying so with a countdown; it goes on when the files are gone. After
/// `destructive_wait_seconds` it asks (safe default: no, which ends the run with nothing written).
struct DestructiveOperationWait: Sendable {
    enum Result: Equatable {
        case clear
        /// Nothing blocks, but something the user should know was found (a stale exit-mode signal).
        case clearWithNotice(String)
        /// Went on although the operation was still running (the user said so); the message is a warning.
        case proceededAnyway(String)
        case cancelled(String)
    }

    static let pollInterval: Duration = .milliseconds(200)
    static let countdownEvery: Duration = .seconds(10)

    let project: Project
    let configuration: Configuration
    let control: RunControl
    let emit: @Sendable (CompletionEvent) -> Void
    let ask: @Sendable (Question) async -> Bool
    /// A dry run writes nothing, so it does not wait: it says what a real run would do.
    var dryRun = false
    /// An exit-mode signal already older than the wait when the run started is a leftover.
    var runStartedAt = Date()

    /// The lock files that exist right now, project-relative where they are inside the project.
    func presentLocks() -> [String] {
        var present: [String] = []
        if case .held(let pid) = signal.inspect(now: runStartedAt, maxAge: maxSignalAge) {
            present.append("\(ExitModeSignal.path) (held by process \(pid))")
        }
        let names = configuration.destructiveLockFiles
        for name in names where !name.isEmpty {
            let url = name.hasPrefix("/") ? URL(fileURLWithPath: name) : project.root.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path) || PathSafety.isSymlink(url) {
                let shown = project.relativePath(of: url)
                if !present.contains(shown) { present.append(shown) }
            }
        }
        return present
    }

    var signal: ExitModeSignal { ExitModeSignal(project: project) }
    var maxSignalAge: TimeInterval { TimeInterval(configuration.destructiveWaitSeconds) }

    func run() async -> Result {
        var locks = presentLocks()
        if locks.isEmpty, case .stale(let why) = signal.inspect(now: runStartedAt, maxAge: maxSignalAge) {
            return .clearWithNotice("\(ExitModeSignal.path) is stale (\(why)): going on without waiting")
        }
        guard !locks.isEmpty else { return .clear }
        if dryRun {
            emit(
                .warning(
                    nil,
                    "a destructive operation is running (\(locks.joined(separator: ", "))): a real run would wait for it before writing"
                )
            )
            return .clear
        }
        let limit = Duration.seconds(configuration.destructiveWaitSeconds)
        let clock = ContinuousClock()
        let start = clock.now
        var nextNotice = start
        while !locks.isEmpty {
            let waited = clock.now - start
            if waited >= limit { break }
            if control.shouldStop || Task.isCancelled {
                return .cancelled(
                    "stopped while waiting for a destructive operation (\(locks.joined(separator: ", "))); nothing was written"
                )
            }
            if clock.now >= nextNotice {
                let left = Int((limit - waited).seconds.rounded(.up))
                emit(
                    .warning(
                        nil,
                        "waiting for a destructive operation to finish before writing anything: \(locks.joined(separator: ", ")) present (\(left) s left)"
                    )
                )
                nextNotice = clock.now + Self.countdownEvery
            }
            try? await Task.sleep(for: Self.pollInterval)
            locks = presentLocks()
        }
        if locks.isEmpty {
            emit(
                .warning(
                    nil,
                    "the destructive operation finished after \((clock.now - start).shortDescription); going on"
                )
            )
            return .clear
        }
        let question = Question(
            kind: .destructiveOperation,
            prompt: "A destructive operation is still running after \(limit.shortDescription). End the session anyway?",
            detail:
                "Present: \(locks.joined(separator: ", ")). Writing now may conflict with it. No ends this run with nothing written.",
            safeDefault: false
        )
        emit(.questionAsked(question))
        let answer = await ask(question)
        emit(.questionAnswered(question, answer))
        if answer {
            return .proceededAnyway(
                "ended the session while a destructive operation was still running (\(locks.joined(separator: ", ")))"
            )
        }
        return .cancelled(
            "a destructive operation is still running (\(locks.joined(separator: ", "))) after \(limit.shortDescription): nothing was written. Run again when it has finished."
        )
    }
}
