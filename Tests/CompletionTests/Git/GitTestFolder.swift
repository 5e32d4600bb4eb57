import Foundation

/// A temporary folder removed when the value is released.
final class GitTestFolder {
    let url: URL
    init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "jarvis-git-\(UUID().uuidString)",
            isDirectory: true
        )
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        self.url = url.resolvingSymlinksInPath()
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}
