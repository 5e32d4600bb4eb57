import Foundation

/// Reads `--notes FILE` (or `-`, standard input) within the size limit: only a regular file or a pipe, so a FIFO
/// or a device named by mistake cannot hang the run.
package enum AgentNotesSource {
    package static func load(_ argument: String) throws(AgentNotesError) -> AgentNotes {
        let name = argument == "-" ? "standard input" : argument
        let fd = argument == "-" ? dup(0) : open(argument, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw AgentNotesError(
                source: name,
                line: 1,
                message: "cannot be opened (\(String(cString: strerror(errno)))); "
                    + "give the path of a notes file, or - to read them from standard input"
            )
        }
        defer { close(fd) }
        var info = stat()
        fstat(fd, &info)
        let kind = info.st_mode & S_IFMT
        if argument != "-" {
            guard kind == S_IFREG else {
                throw AgentNotesError(source: name, line: 1, message: "is not a regular file")
            }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while data.count <= AgentNotesParser.maximumSize {
            let count = read(fd, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            data.append(buffer, count: count)
        }
        return try AgentNotesParser.parse(data, source: name)
    }
}
