import Foundation

/// A Markdown state file read and edited in chunks, never held whole: session-state.md of a long project can grow
/// to tens of megabytes, and a run must cost time and memory linear in its size, not a multiple of it.
///
/// ```
/// guard let file = try MarkdownFile.open(url, files: ProjectFiles(project)) else { /* no such file */ }
/// let found = try file.read(fields: ["Next Step"])      // one pass over the file
/// file.setField("Status", to: "Session completed")     // edits are only recorded here…
/// file.setBlock("archive", to: ["## Archived History"])
/// try file.write(via: writer)                           // …and made in one streamed, atomic copy
/// ```
///
/// Lines, fields and owned blocks mean what they mean in `MarkdownDocument` (the same edits give the same bytes);
/// field edits are made before block edits, whatever the order of the calls. Every byte outside the edited lines is
/// copied through unchanged, whether it is UTF-8 or not, to a temporary file that replaces the original in one
/// rename. All reads go through the descriptor opened by `open`: a file replaced meanwhile is never mixed in, and
/// one changed in place or replaced before `write` is refused rather than overwritten.
package final class MarkdownFile {
    package let url: URL
    let fd: Int32
    let identity: (device: UInt64, inode: UInt64)
    /// The size when opened: every pass reads exactly these bytes.
    package let size: Int
    /// Every line feed follows a carriage return (the lines are then split without the CR, as in
    /// `MarkdownDocument`).
    package let crlf: Bool
    let endsWithNewline: Bool
    package private(set) var lineCount = 0
    /// Well-formed owned blocks in file order, as `MarkdownDocument` finds them.
    private(set) var blocks: [(name: String, range: ClosedRange<Int>)] = []
    var fieldEdits: [(name: String, value: String)] = []
    var blockEdits: [(name: String, content: [String])] = []
    /// A read error met where the caller cannot be told at once (`forEachSectionItem`); `write` throws it.
    var deferredFailure: Error?

    /// The file at `url` under the project, opened without following links; nil when it does not exist.
    package static func open(_ url: URL, files: ProjectFiles) throws -> MarkdownFile? {
        guard let (fd, info) = try files.openForReading(url) else { return nil }
        return try MarkdownFile(url: url, fd: fd, info: info)
    }

    private init(url: URL, fd: Int32, info: stat) throws {
        self.url = url
        self.fd = fd
        identity = (UInt64(info.st_dev), UInt64(info.st_ino))
        size = Int(info.st_size)
        do {
            (crlf, endsWithNewline) = try Self.lineEnds(fd: fd, size: size, path: url.path)
        } catch {
            Foundation.close(fd)
            throw error
        }
        try scanBlocks()
    }

    deinit { Foundation.close(fd) }

    /// Whether every line feed follows a carriage return, and whether the file ends with a line feed.
    private static func lineEnds(fd: Int32, size: Int, path: String) throws -> (crlf: Bool, endsWithNewline: Bool) {
        var lineFeeds = 0, crlfs = 0
        var previous: UInt8 = 0
        try forEachChunk(fd: fd, size: size, path: path) { chunk in
            var position = 0
            while position < chunk.count {
                let base = chunk.baseAddress! + position
                guard let found = memchr(base, 0x0A, chunk.count - position) else { break }
                let at = position + (UnsafeRawPointer(found) - base)
                lineFeeds += 1
                if (at > 0 ? chunk[at - 1] : previous) == 0x0D { crlfs += 1 }
                position = at + 1
            }
            if let last = chunk.last { previous = last }
        }
        return (lineFeeds > 0 && crlfs == lineFeeds, size == 0 || previous == 0x0A)
    }

    /// Calls `body` with the file's bytes from the start, one chunk at a time.
    static func forEachChunk(
        fd: Int32,
        size: Int,
        path: String,
        _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        try FileChunks.forEach(fd, length: size, path: path, body)
    }

    static func changedWhileRead(_ path: String) -> FileReadError { FileChunks.changedWhileRead(path) }

    /// Calls `body` with each line in order: its index, the offset of its first byte, and its bytes without the
    /// line feed (nor, in a CRLF file, the carriage return before it). A last line without a line feed counts;
    /// the empty piece after a final line feed does not. `body` returns false to stop.
    func forEachLine(_ body: (_ index: Int, _ start: Int, _ bytes: UnsafeRawBufferPointer) throws -> Bool) throws {
        // The start of a line that runs on past the end of a chunk: only one line is ever held.
        var carry: [UInt8] = []
        var carryStart = 0, offset = 0, index = 0
        var stopped = false
        let ending = crlf ? 1 : 0
        try Self.forEachChunk(fd: fd, size: size, path: url.path) { chunk in
            guard !stopped else { return }
            var position = 0
            while position < chunk.count {
                let base = chunk.baseAddress! + position
                guard let found = memchr(base, 0x0A, chunk.count - position) else {
                    if carry.isEmpty { carryStart = offset + position }
                    carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[position...]))
                    break
                }
                let length = UnsafeRawPointer(found) - base
                let more: Bool
                if carry.isEmpty {
                    more = try body(
                        index,
                        offset + position,
                        UnsafeRawBufferPointer(start: base, count: length - ending)
                    )
                } else {
                    carry.append(contentsOf: UnsafeRawBufferPointer(start: base, count: length))
                    carry.removeLast(ending)
                    more = try carry.withUnsafeBytes { try body(index, carryStart, $0) }
                    carry = []
                }
                index += 1
                position += length + 1
                if !more {
                    stopped = true
                    return
                }
            }
            offset += chunk.count
        }
        if !stopped, !carry.isEmpty { _ = try carry.withUnsafeBytes { try body(index, carryStart, $0) } }
    }

    /// Finds the owned blocks and counts the lines. Only a line whose first character after blanks is `<` can be
    /// a marker, so no other line is decoded.
    private func scanBlocks() throws {
        var open: (name: String, index: Int)?
        var count = 0
        try forEachLine { index, _, bytes in
            count = index + 1
            guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 }), first == UInt8(ascii: "<") else {
                return true
            }
            let line = MarkdownFile.text(bytes)
            guard let marker = MarkdownDocument.marker(line) else {
                if MarkdownDocument.looksLikeMarker(line) { open = nil }
                return true
            }
            if marker.isOpen {
                open = (marker.name, index)
            } else {
                if let start = open, start.name == marker.name { blocks.append((marker.name, start.index...index)) }
                open = nil
            }
            return true
        }
        lineCount = count
    }

    /// The file at `url` is still the one opened, with the size it had: nothing was written to it since.
    func checkUnchanged() throws {
        var now = stat(), there = stat()
        guard fstat(fd, &now) == 0, Int(now.st_size) == size, lstat(url.path, &there) == 0,
            UInt64(there.st_dev) == identity.device, UInt64(there.st_ino) == identity.inode
        else { throw FileWriteError(path: url.path, reason: "it changed while it was being edited; run again") }
    }
}

/// Which lines of a pass lie in owned blocks, asked in increasing line order.
struct OwnedLines {
    let ranges: [ClosedRange<Int>]
    private var next = 0

    init(_ blocks: [(name: String, range: ClosedRange<Int>)]) { ranges = blocks.map(\.range) }

    mutating func contains(_ index: Int) -> Bool {
        while next < ranges.count, ranges[next].upperBound < index { next += 1 }
        return next < ranges.count && ranges[next].contains(index)
    }
}
