import Foundation

/// Opens input that must be a regular file: a FIFO, a device (`/dev/zero`), a socket or a folder in its place is
/// refused with a sentence, not read. The open never blocks (`O_NONBLOCK`: opening a FIFO with no writer would
/// wait for one forever), and the check is made on the opened descriptor, so the path cannot be swapped between
/// the check and the read.
package enum RegularFileInput {
    package struct Refusal: Error, CustomStringConvertible {
        package let path: String
        package let reason: String
        package var description: String { "\(path): \(reason)" }
    }

    /// A read-only descriptor of a regular file (the caller closes it). `noFollow` refuses a symbolic link as the
    /// last component: for the project's own files.
    package static func open(_ path: String, noFollow: Bool = false) throws(Refusal) -> Int32 {
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (noFollow ? O_NOFOLLOW : 0))
        guard fd >= 0 else {
            let reason =
                errno == ELOOP && noFollow
                ? "it is a symbolic link, which is not followed"
                : String(cString: strerror(errno))
            throw Refusal(path: path, reason: reason)
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            let kind = fstat(fd, &info) == 0 ? describe(info.st_mode) : "not readable"
            close(fd)
            throw Refusal(path: path, reason: "it is not a regular file (\(kind))")
        }
        // Reads then block as usual (a regular file never makes them wait anyway).
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// Why `path` cannot be read as a regular file, or nil when it can (or does not exist: that is the caller's).
    package static func refusal(_ path: String) -> Refusal? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        do {
            close(try open(path))
            return nil
        } catch {
            return error
        }
    }

    static func describe(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFDIR: "a folder"
        case S_IFLNK: "a symbolic link"
        default: "not a file"
        }
    }
}
