import Foundation

/// The one way the tool touches files under a project: every path is walked from the project root one component
/// at a time with `lstat`, never following a symlink. A link anywhere on the way (relative, absolute, dangling, to
/// a file or a folder) or a `..` is refused with a `RefusedPath` naming it, because a cloned repository can commit
/// such links to make a run read, write or delete outside the project. The root itself may sit behind links: only
/// what lies under it is the project's to vouch for.
package struct ProjectFiles: Sendable {
    package let root: URL

    package init(root: URL) { self.root = root.standardizedFileURL }
    package init(_ project: Project) { self.init(root: project.root) }

    /// The components of `url` below the root; refused when it is not under the root or climbs with `..`.
    func components(of url: URL) throws(RefusedPath) -> [String] {
        let parts = url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let base = root.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.count > base.count, Array(parts.prefix(base.count)) == base else {
            throw refuse(url.path, "it is not inside the project \(root.path)")
        }
        let below = Array(parts.dropFirst(base.count))
        if below.contains("..") { throw refuse(url.path, "the path climbs out with `..`") }
        return below.filter { $0 != "." }
    }

    /// What a walk found at the end of a path.
    package enum Found: Equatable, Sendable {
        case missing, file, folder, other
    }

    /// Walks the folders leading to `url` (not `url` itself). With `create`, missing folders are made one by
    /// one (0755); otherwise `false` when one is missing. Any link or non-folder on the way is refused.
    @discardableResult
    func walkFolders(to url: URL, create: Bool) throws -> Bool {
        let parts = try components(of: url)
        var path = root.path
        // The root is the user's choice (links above and in it are theirs): `init` may be pointed at a new folder.
        if create, access(path, F_OK) != 0 {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
        for part in parts.dropLast() {
            path += "/" + part
            switch try kind(path) {
            case .folder: continue
            case .missing:
                guard create else { return false }
                if mkdir(path, 0o755) != 0, errno != EEXIST {
                    throw FileWriteError(path: path, reason: String(cString: strerror(errno)))
                }
                guard try kind(path) == .folder else { throw notAFolder(path) }
            case .file, .other: throw notAFolder(path)
            }
        }
        return true
    }

    /// What is at `path` without following it; a symlink is refused.
    func kind(_ path: String) throws(RefusedPath) -> Found {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: throw refuse(path, linkReason(path))
        case S_IFDIR: return .folder
        case S_IFREG: return .file
        default: return .other
        }
    }

    /// What is at `url` after a safe walk: refused when a link is on the way or is `url` itself.
    package func find(_ url: URL) throws -> Found {
        guard try walkFolders(to: url, create: false) else { return .missing }
        return try kind(url.path)
    }

    /// Makes `url` a folder (and the folders above it) without following any link.
    package func makeFolder(_ url: URL) throws {
        try walkFolders(to: url, create: true)
        switch try kind(url.path) {
        case .folder: return
        case .missing:
            if mkdir(url.path, 0o755) != 0, errno != EEXIST {
                throw FileWriteError(path: url.path, reason: String(cString: strerror(errno)))
            }
            guard try kind(url.path) == .folder else { throw notAFolder(url.path) }
        case .file, .other: throw notAFolder(url.path)
        }
    }

    /// The names in a folder that the walk reached safely; nil when the folder does not exist.
    package func list(_ folder: URL) throws -> [String]? {
        guard try find(folder) == .folder else { return nil }
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
    }

    /// `lstat` of an entry reached safely (the entry itself may be a link: it is described, not followed).
    package func entryInfo(_ url: URL) throws -> stat? {
        guard try walkFolders(to: url, create: false) else { return nil }
        var info = stat()
        return lstat(url.path, &info) == 0 ? info : nil
    }

    /// The size of a regular file reached safely; nil when it is missing or not a regular file. A link on the
    /// way or at the file itself is refused: the size of a file outside the project is not this file's.
    package func size(of url: URL) throws -> Int? {
        guard try find(url) == .file, let info = try entryInfo(url) else { return nil }
        return Int(info.st_size)
    }

    func relative(_ path: String) -> String {
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// A refusal naming the path, recorded for the run's warnings.
    func refuse(_ path: String, _ reason: String) -> RefusedPath {
        let refusal = RefusedPath(path: relative(path), reason: reason)
        RefusedPaths.record(refusal, root: root.path)
        return refusal
    }

    func linkReason(_ path: String) -> String {
        let target =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { " (to \(TerminalText.inert($0)))" }
            ?? ""
        return "it is a symlink\(target)"
    }

    func notAFolder(_ path: String) -> FileWriteError {
        FileWriteError(path: path, reason: "it is not a folder")
    }
}
