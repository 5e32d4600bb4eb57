import Foundation

/// The secret guard's verdicts on the files it read during one run, each with the file's identity as `lstat` gave
/// it just before the read. Step 5 decides again what to stage, seconds after the early staging's guard read the
/// same files: with this it reads only the files that changed since, instead of every changed file twice.
///
/// A verdict is kept only for a file whose status last changed at least `settledSeconds` (two) before the lstat: any
/// write after that lstat then moves the change time to a different value, so a file written while (or after) it
/// was read never matches its old verdict. A file changed within that window is simply read again.
package final class SecretScanMemo: Sendable {
    /// What `lstat` says of a file; equal only for the same, unchanged file.
    package struct Identity: Equatable, Sendable {
        let device: UInt64, inode: UInt64, size: Int64
        let modified: timespec.Pair, changed: timespec.Pair

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            modified = timespec.Pair(info.st_mtim)
            changed = timespec.Pair(info.st_ctim)
        }
    }

    private let settledSeconds: Int
    private let verdicts = Locked([[UInt8]: (Identity, SecretScanner.FileCheck)]())

    /// `settledSeconds` other than two only for tests, which cannot age a file's change time.
    package init(settledSeconds: Int = 2) { self.settledSeconds = settledSeconds }

    /// The verdict read earlier for the file at `path`, if it is still the same file.
    func verdict(for path: [UInt8], identity: Identity) -> SecretScanner.FileCheck? {
        verdicts.withLock { known in
            guard let (seen, check) = known[path], seen == identity else { return nil }
            return check
        }
    }

    /// Keeps `check` for the file, when its last change had settled before the read began at `readStart`.
    /// A file that could not be read is not remembered: the next decision tries it again.
    func remember(_ check: SecretScanner.FileCheck, for path: [UInt8], identity: Identity, readStart: time_t) {
        if case .unreadable = check.result { return }
        guard identity.changed.seconds + settledSeconds <= Int(readStart),
            identity.modified.seconds + settledSeconds <= Int(readStart)
        else { return }
        verdicts.withLock { $0[path] = (identity, check) }
    }
}

extension timespec {
    /// A timestamp's two fields, comparable.
    package struct Pair: Equatable, Sendable {
        let seconds: Int, nanoseconds: Int
        init(_ time: timespec) {
            seconds = Int(time.tv_sec)
            nanoseconds = Int(time.tv_nsec)
        }
    }
}
