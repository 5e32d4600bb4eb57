import Foundation

/// The secret guard's verdicts on the files it read during one run, each with the file's identity as `lstat` gave
/// it just before the read. Step 5 decides again what to stage, seconds after the early staging's guard read the
/// same files: with this it reads only the files that changed since, instead of every changed file twice.
///
/// A verdict is kept only for a file whose status last changed a settling window before the read began. The
/// kernel stamps a write with a clock that ticks every few milliseconds; once the window is longer than a tick, any
/// write after the read began gives the file a later change time, so a file written while (or after) it was read
/// never matches its old verdict. A change time with nanoseconds shows a file system that keeps them: the window is
/// then `fineSettle` (a tenth of a second, ten ticks at the slowest kernel clock). Whole seconds show one that
/// keeps coarse times (FAT's are two seconds apart): the window is then `coarseSettle`. A file changed within its
/// window is simply read again.
package final class SecretScanMemo: Sendable {
    private let fineSettle: Int, coarseSettle: Int
    private let verdicts = Locked([[UInt8]: (FileIdentity, SecretScanner.FileCheck)]())

    /// Windows other than the defaults only for tests, which cannot age a file's change time.
    package init(fineSettle: Duration = .milliseconds(100), coarseSettle: Duration = .seconds(2)) {
        self.fineSettle = Self.nanoseconds(fineSettle)
        self.coarseSettle = Self.nanoseconds(coarseSettle)
    }

    /// The verdict read earlier for the file at `path`, if it is still the same file.
    func verdict(for path: [UInt8], identity: FileIdentity) -> SecretScanner.FileCheck? {
        verdicts.withLock { known in
            guard let (seen, check) = known[path], seen == identity else { return nil }
            return check
        }
    }

    /// Keeps `check` for the file, when its last change had settled before the read began at `readStart`.
    /// A file that could not be read is not remembered: the next decision tries it again.
    func remember(
        _ check: SecretScanner.FileCheck,
        for path: [UInt8],
        identity: FileIdentity,
        readStart: timespec.Pair
    ) {
        if case .unreadable = check.result { return }
        guard settled(identity, before: readStart) else { return }
        verdicts.withLock { $0[path] = (identity, check) }
    }

    /// True when the file's change and modification times lie a whole settling window before `readStart`.
    func settled(_ identity: FileIdentity, before readStart: timespec.Pair) -> Bool {
        let window = identity.changed.nanoseconds == 0 ? coarseSettle : fineSettle
        let latest = readStart.totalNanoseconds - window
        return identity.changed.totalNanoseconds <= latest && identity.modified.totalNanoseconds <= latest
    }

    private static func nanoseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
    }
}
