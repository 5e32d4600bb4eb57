import Foundation

/// Deleting through the safe walk of `ProjectFiles`: a link is removed itself, never what it points to, and a
/// folder is emptied through descriptors (`openat` with `O_NOFOLLOW`, `unlinkat`), so no link inside it is entered.
extension ProjectFiles {
    /// Removes the entry at `url` (a file, a link, or a folder with everything in it). False when there was
    /// nothing to remove; refused when a folder on the way is a link.
    @discardableResult
    package func remove(_ url: URL) throws -> Bool {
        guard try walkFolders(to: url, create: false) else { return false }
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return false }
        if (info.st_mode & S_IFMT) != S_IFDIR {
            guard unlink(url.path) == 0 || errno == ENOENT else {
                throw FileWriteError(path: url.path, reason: "cannot delete it: \(String(cString: strerror(errno)))")
            }
            return true
        }
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw FileWriteError(path: url.path, reason: String(cString: strerror(errno))) }
        try Self.empty(fd, path: url.path)
        guard rmdir(url.path) == 0 || errno == ENOENT else {
            throw FileWriteError(path: url.path, reason: "cannot delete it: \(String(cString: strerror(errno)))")
        }
        return true
    }

    /// Removes the folder at `url` if it is empty; false when it holds anything or is gone. Refused when it or a
    /// folder on the way is a link: a link is never followed, nor removed in a folder's place.
    package func removeEmptyFolder(_ url: URL) throws -> Bool {
        guard try walkFolders(to: url, create: false), try kind(url.path) == .folder else { return false }
        if rmdir(url.path) == 0 { return true }
        guard errno == ENOTEMPTY || errno == EEXIST || errno == ENOENT else {
            throw FileWriteError(path: url.path, reason: "cannot delete it: \(String(cString: strerror(errno)))")
        }
        return false
    }

    /// Deletes everything in the open folder `fd` (closed on return), depth first, never following a link.
    private static func empty(_ fd: Int32, path: String) throws {
        guard let dir = fdopendir(fd) else {
            close(fd)
            throw FileWriteError(path: path, reason: String(cString: strerror(errno)))
        }
        defer { closedir(dir) }
        var names: [[CChar]] = []  // raw bytes: a name that is not UTF-8 is still deleted
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                Array($0.prefix { $0 != 0 }.map { CChar(bitPattern: $0) })
            }
            if name != [46], name != [46, 46] { names.append(name + [0]) }
        }
        for name in names {
            let child = path + "/" + String(decoding: name.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            var info = stat()
            guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                let sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard sub >= 0 else { throw FileWriteError(path: child, reason: String(cString: strerror(errno))) }
                try empty(sub, path: child)
            }
            let flags = (info.st_mode & S_IFMT) == S_IFDIR ? AT_REMOVEDIR : 0
            guard unlinkat(fd, name, flags) == 0 || errno == ENOENT else {
                throw FileWriteError(path: child, reason: String(cString: strerror(errno)))
            }
        }
    }
}
