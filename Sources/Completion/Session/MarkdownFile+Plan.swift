import Foundation

/// Where the recorded edits of a `MarkdownFile` land, found in one pass: the line of each field, the point where
/// missing fields go, the owned blocks replaced, and the end of the file for blocks appended.
extension MarkdownFile {
    /// What the pass notes, in original line numbers and byte offsets.
    private struct Landmarks {
        var fieldLines: [String: (start: Int, end: Int, prefix: String)] = [:]
        var hasTitle = false
        /// Where `MarkdownDocument` inserts a missing field: after the title, one blank line and the `**` lines
        /// that follow it.
        var insertion: (index: Int, start: Int)?
        /// The line at the insertion point, and the first line (where fields go without a title), is the user's
        /// text: a blank line goes between it and the fields, as `MarkdownDocument` does.
        var insertionNeedsBlank = false
        var firstLineNeedsBlank = false
        var insertionPhase = InsertionPhase.title
        var starts: [Int: Int] = [:]
        var ends: [Int: Int] = [:]
        var last: (start: Int, end: Int)?
    }

    private enum InsertionPhase { case title, blank, fields, found }

    func plan() throws -> [Splice] {
        let targets = blockEdits.map { edit in blocks.last { $0.name == edit.name }?.range }
        let marks = try landmarks(wanted: Set(targets.compactMap { $0 }.flatMap { [$0.lowerBound, $0.upperBound] }))
        let newline: [UInt8] = crlf ? [0x0D, 0x0A] : [0x0A]
        func joined(_ lines: [String]) -> [UInt8] {
            var out: [UInt8] = []
            for (index, line) in lines.enumerated() {
                if index > 0 { out += newline }
                out += Array(line.utf8)
            }
            return out
        }
        var splices: [Splice] = []
        for (name, value) in fieldEdits {
            guard let line = marks.fieldLines[name] else { continue }
            splices.append(Splice(start: line.start, end: line.end, bytes: Array("\(line.prefix) \(value)".utf8)))
        }
        let missing = fieldEdits.filter { marks.fieldLines[$0.name] == nil }.map { "**\($0.name)**: \($0.value)" }
        // Without a title every field goes to the top, each before the one set earlier.
        let inserted = marks.hasTitle ? missing : missing.reversed()
        let insertAt = marks.hasTitle ? (marks.insertion?.index ?? lineCount) : 0
        var insertionDropped = false
        var appended: [[String]] = []
        for (edit, target) in zip(blockEdits, targets) {
            let wrapped =
                [MarkdownDocument.openMarker(edit.name)] + edit.content + [MarkdownDocument.closeMarker(edit.name)]
            guard let range = target, let start = marks.starts[range.lowerBound], let end = marks.ends[range.upperBound]
            else {
                appended.append(wrapped)
                continue
            }
            splices.append(Splice(start: start, end: end, bytes: joined(wrapped)))
            // Fields inserted inside the replaced block go with it, as they do in a document.
            if range.lowerBound < insertAt, insertAt <= range.upperBound { insertionDropped = true }
        }
        if !inserted.isEmpty, !insertionDropped, insertAt < lineCount {
            let start = marks.hasTitle ? (marks.insertion?.start ?? size) : 0
            let blank = marks.hasTitle ? marks.insertionNeedsBlank : marks.firstLineNeedsBlank
            splices.append(Splice(start: start, end: start, bytes: joined(inserted) + newline + (blank ? newline : [])))
        }
        var tail = insertAt == lineCount ? inserted : []
        var lastLine = try tail.last ?? lastLineAfterFieldEdits(marks, targets: targets)
        for wrapped in appended {
            if let last = lastLine, !last.trimmingBlanks().isEmpty { tail.append("") }
            tail += wrapped
            lastLine = wrapped.last
        }
        if !tail.isEmpty {
            let lead = lineCount > 0 && !endsWithNewline ? newline : []
            splices.append(
                Splice(start: size, end: size, bytes: lead + joined(tail) + (endsWithNewline ? newline : []))
            )
        }
        return splices.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }

    /// The last line as the edits leave it before any block is appended (nil for an empty file).
    private func lastLineAfterFieldEdits(_ marks: Landmarks, targets: [ClosedRange<Int>?]) throws -> String? {
        guard let last = marks.last else { return nil }
        if let name = marks.fieldLines.first(where: { $0.value.start == last.start })?.key,
            let value = fieldEdits.first(where: { $0.name == name })?.value,
            let prefix = marks.fieldLines[name]?.prefix
        {
            return "\(prefix) \(value)"
        }
        // The close marker of a replaced block.
        if targets.contains(where: { $0?.upperBound == lineCount - 1 }) { return "-->" }
        var bytes = [UInt8](repeating: 0, count: last.end - last.start)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(last.start)) }
        guard n == bytes.count else { throw Self.changedWhileRead(url.path) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One pass noting each edited field's line, the insertion point, the bounds of the `wanted` lines and of
    /// the last line.
    private func landmarks(wanted: Set<Int>) throws -> Landmarks {
        var marks = Landmarks()
        var owned = OwnedLines(blocks)
        let names = fieldEdits.map(\.name)
        try forEachLine { index, start, bytes in
            let end = start + bytes.count
            marks.last = (start, end)
            if wanted.contains(index) {
                marks.starts[index] = start
                marks.ends[index] = end
            }
            if !owned.contains(index) {
                for name in names where Self.mayBeField(bytes, name: name) && marks.fieldLines[name] == nil {
                    let line = MarkdownFile.text(bytes)
                    if let match = MarkdownDocument.fieldMatch(line, name: name) {
                        marks.fieldLines[name] = (start, end, match.prefix)
                    }
                }
            }
            Self.advanceInsertion(&marks, index: index, start: start, bytes: bytes)
            return true
        }
        return marks
    }

    private static func advanceInsertion(
        _ marks: inout Landmarks,
        index: Int,
        start: Int,
        bytes: UnsafeRawBufferPointer
    ) {
        func text() -> String { MarkdownFile.text(bytes) }
        if index == 0 { marks.firstLineNeedsBlank = MarkdownDocument.needsBlankAbove(text()) }
        switch marks.insertionPhase {
        case .title:
            if bytes.starts(with: [0x23, 0x20]), text().hasPrefix("# ") {
                marks.hasTitle = true
                marks.insertionPhase = .blank
            }
        case .blank:
            if text().trimmingBlanks().isEmpty {
                marks.insertionPhase = .fields
            } else if !(bytes.starts(with: [0x2A, 0x2A]) && text().hasPrefix("**")) {
                marks.insertion = (index, start)
                marks.insertionNeedsBlank = true
                marks.insertionPhase = .found
            } else {
                marks.insertionPhase = .fields
            }
        case .fields:
            if !(bytes.starts(with: [0x2A, 0x2A]) && text().hasPrefix("**")) {
                marks.insertion = (index, start)
                marks.insertionNeedsBlank = MarkdownDocument.needsBlankAbove(text())
                marks.insertionPhase = .found
            }
        case .found:
            break
        }
    }
}
