import Foundation

/// What `stat` or `lstat` says of a file, enough to tell whether it is still the same, unchanged file: equal only
/// when nothing wrote to it, renamed another file over it or changed its metadata in between (any of those moves
/// the change time, which no program can set back).
struct FileIdentity: Equatable, Sendable {
    let device: UInt64, inode: UInt64, size: Int64
    let modified: timespec.Pair, changed: timespec.Pair

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = timespec.Pair(info.st_mtim)
        changed = timespec.Pair(info.st_ctim)
    }

    /// The same file with the same contents and modification time, whatever its change time says. For a file whose
    /// hard links come and go (the index while the early staging holds a linked copy of it): each link made or
    /// removed moves the change time, though nothing was written.
    func sameContents(as other: FileIdentity) -> Bool {
        device == other.device && inode == other.inode && size == other.size && modified == other.modified
    }

    /// The identity of what `path` names, a link followed; nil when there is nothing to stat.
    init?(following path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }
}

extension timespec {
    /// A timestamp's two fields, comparable.
    struct Pair: Equatable, Sendable {
        let seconds: Int, nanoseconds: Int

        init(_ time: timespec) {
            seconds = Int(time.tv_sec)
            nanoseconds = Int(time.tv_nsec)
        }

        init(seconds: Int, nanoseconds: Int) {
            self.seconds = seconds
            self.nanoseconds = nanoseconds
        }

        /// The current wall-clock time, the clock file timestamps are taken from.
        static func now() -> Pair {
            var time = timespec()
            clock_gettime(CLOCK_REALTIME, &time)
            return Pair(time)
        }

        var totalNanoseconds: Int { seconds * 1_000_000_000 + nanoseconds }
    }
}
