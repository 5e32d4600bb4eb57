import Foundation

/// Editing a streamed file: `setField` and `setBlock` are recorded; `write` finds their lines in one pass and then
/// copies the file into place with those lines replaced.
extension MarkdownFile: MarkdownEditing {
    package func setField(_ name: String, to value: String) {
        let clean = value.replacingOccurrences(of: "\n", with: " ")
        if let index = fieldEdits.firstIndex(where: { $0.name == name }) {
            fieldEdits[index].value = clean
        } else {
            fieldEdits.append((name, clean))
        }
    }

    package func setBlock(_ name: String, to content: [String]) {
        if let index = blockEdits.firstIndex(where: { $0.name == name }) {
            blockEdits[index].content = content
        } else {
            blockEdits.append((name, content))
        }
    }

    package func forEachSectionItem(in sections: [[String]], _ body: (Int, String) -> Void) {
        guard deferredFailure == nil else { return }
        // The readers keep their closures, so `body` is lent to them for this one pass only.
        withoutActuallyEscaping(body) { body in
            let readers = sections.enumerated().map { index, titles in SectionReader(titles) { body(index, $0) } }
            do { _ = try read(sections: readers) } catch { deferredFailure = error }
        }
    }

    /// Makes the recorded edits: the new file is written beside the old one and renamed over it (through
    /// `writer`, so a dry run writes nothing and a rollback can put the old bytes back). Refused, with nothing
    /// written, when the file was changed by someone else since `open`.
    package func write(via writer: ProjectWriter) throws {
        if let deferredFailure { throw deferredFailure }
        let splices = try plan()
        try writer.writeStreaming(to: url) { emit in
            try copy(with: splices, emit)
            try checkUnchanged()
        }
    }

    /// The new bytes as a whole (for tests and small files).
    package func editedData() throws -> Data {
        if let deferredFailure { throw deferredFailure }
        var out = Data()
        try copy(with: try plan()) { out.append(contentsOf: $0) }
        return out
    }

    /// Bytes `[start, end)` of the file replaced by `bytes` (an insertion when `start == end`).
    struct Splice {
        var start: Int
        var end: Int
        var bytes: [UInt8]
    }

    /// Emits the file with `splices` (sorted, not overlapping) made: the bytes between them are copied as read.
    private func copy(with splices: [Splice], _ emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        var position = 0, chunkStart = 0, next = 0
        try Self.forEachChunk(fd: fd, size: size, path: url.path) { chunk in
            let chunkEnd = chunkStart + chunk.count
            while next < splices.count, splices[next].start < chunkEnd {
                let splice = splices[next]
                if splice.start > position {
                    try emit(
                        UnsafeRawBufferPointer(rebasing: chunk[(position - chunkStart)..<(splice.start - chunkStart)])
                    )
                }
                try splice.bytes.withUnsafeBytes { try emit($0) }
                position = splice.end
                next += 1
            }
            if position < chunkEnd {
                try emit(UnsafeRawBufferPointer(rebasing: chunk[(position - chunkStart)...]))
                position = chunkEnd
            }
            chunkStart = chunkEnd
        }
        for splice in splices[next...] { try splice.bytes.withUnsafeBytes { try emit($0) } }
    }
}
