import Foundation

/// The folders a benchmark generates under `$TMPDIR`. Each is registered when it is named, so that an interrupted
/// run (`InterruptCleanup`) can remove what a `defer` would have: a killed process runs no `defer`, and the
/// whole-completion fixtures alone weigh gigabytes.
enum FixtureFolders {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var registered: [URL] = []

    /// A new, registered path `<tmp>/<prefix>-<random>` (not created: the caller creates it as it needs).
    static func make(_ prefix: String) -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        register(url)
        return url
    }

    static func register(_ url: URL) {
        lock.lock()
        registered.append(url)
        lock.unlock()
    }

    /// Removes `url` and forgets it.
    static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
        lock.lock()
        registered.removeAll { $0 == url }
        lock.unlock()
    }

    /// Removes every registered folder. A child that was still writing into one may recreate an entry while it is
    /// being removed, so each removal is tried again for a moment until the folder is really gone.
    static func removeAll() {
        lock.lock()
        let all = registered
        registered.removeAll()
        lock.unlock()
        for url in all {
            for _ in 0..<50 {
                try? FileManager.default.removeItem(at: url)
                var status = stat()
                if lstat(url.path, &status) != 0 { break }
                usleep(20_000)
            }
        }
    }
}
