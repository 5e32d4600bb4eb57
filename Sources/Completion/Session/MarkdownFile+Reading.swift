import Foundation

/// Reading a streamed file: fields, the list under a label and the items of the user's sections, all in one pass,
/// with what `MarkdownDocument.field`, `labelItems` and `sectionItems` would give.
extension MarkdownFile {
    /// One section to read: the `## Heading` titles it may start with, and what to do with each item (a caller
    /// keeps the few it needs and counts the rest, so a list of millions is never held).
    package struct SectionReader {
        let titles: [String]
        let each: (String) -> Void

        package init(_ titles: [String], each: @escaping (String) -> Void) {
            self.titles = titles.map { $0.lowercased() }
            self.each = each
        }
    }

    /// What one pass found: the value of each field asked for that the file has, and the first `labelLimit`
    /// items under each label asked for.
    package struct Found {
        package var fields: [String: String] = [:]
        package var labels: [String: [String]] = [:]
    }

    /// One pass over the file: `fields` and `labels` outside owned blocks, and every item of each section.
    package func read(
        fields: [String] = [],
        labels: [String] = [],
        sections: [SectionReader] = [],
        labelLimit: Int = 200
    ) throws -> Found {
        var found = Found()
        var sectionStates = sections.map { SectionState(reader: $0) }
        var labelStates = labels.map { LabelState(label: $0, limit: labelLimit) }
        var owned = OwnedLines(blocks)
        // The names not found yet, each once: a field is read from the first line that carries it.
        var pendingFields = fields.reduce(into: [String]()) { names, name in
            if !names.contains(name) { names.append(name) }
        }
        try forEachLine { index, _, bytes in
            let isOwned = owned.contains(index)
            // Each field, label and section is asked on the bytes first and given the line only when it may want
            // it: most lines of a large file are list items that no field or label could match, and building and
            // matching their text cost more than the rest of the pass.
            var decoded: String?
            func line() -> String {
                if let decoded { return decoded }
                let text = Self.text(bytes)
                decoded = text
                return text
            }
            if !isOwned {
                for name in pendingFields where Self.mayBeField(bytes, name: name) {
                    guard let match = MarkdownDocument.fieldMatch(line(), name: name) else { continue }
                    found.fields[name] = match.value
                    pendingFields.removeAll { $0 == name }
                }
                for index in sectionStates.indices where sectionStates[index].wants(bytes) {
                    sectionStates[index].take(bytes, line)
                }
            }
            for index in labelStates.indices where labelStates[index].wants(bytes, owned: isOwned) {
                labelStates[index].take(line(), owned: isOwned)
            }
            return true
        }
        for state in labelStates where state.started { found.labels[state.label] = state.items }
        return found
    }

    /// A cheap test on the bytes that lets through every line `MarkdownDocument.fieldMatch` could accept: after
    /// leading spaces, an optional bullet and bold marker, the name in any case (a byte that is not ASCII lets the
    /// line through: a letter such as the Kelvin sign lowercases to an ASCII one).
    static func mayBeField(_ bytes: UnsafeRawBufferPointer, name: String) -> Bool {
        var index = 0
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        guard index < bytes.count else { return false }
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "*"),
            bytes[index + 1] == 0x20
        {
            index += 2
        }
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "*"), bytes[index + 1] == UInt8(ascii: "*") {
            index += 2
        }
        for letter in name.utf8 {
            guard index < bytes.count else { return false }
            let byte = bytes[index]
            if byte >= 0x80 { return true }
            guard byte | 0x20 == letter | 0x20 else { return false }
            index += 1
        }
        return true
    }

    /// A line's text (bytes that are not UTF-8 shown as U+FFFD), through the typed buffer that decodes fastest.
    static func text(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
    }

    /// `MarkdownDocument.sectionItems`, one line at a time (lines in owned blocks are never given).
    struct SectionState {
        let reader: SectionReader
        var collecting = false
        var level = 0
        var done = false

        func wants(_ bytes: UnsafeRawBufferPointer) -> Bool {
            !done && (collecting || bytes.first == UInt8(ascii: "#"))
        }

        /// `take` for a line given as bytes: a plain ASCII line of the section is read on its bytes, any other
        /// line through `line()`.
        mutating func take(_ bytes: UnsafeRawBufferPointer, _ line: () -> String) {
            guard !done else { return }
            guard collecting, let parsed = SectionLine.ascii(bytes) else { return take(line()) }
            switch parsed {
            case .skip: break
            case .end: done = true
            case .item(let item): if !item.isEmpty { reader.each(item) }
            }
        }

        mutating func take(_ line: String) {
            guard !done else { return }
            if let heading = MarkdownDocument.heading(line) {
                if collecting, heading.level <= level {
                    done = true
                } else if !collecting, reader.titles.contains(where: { heading.title.lowercased().hasPrefix($0) }) {
                    collecting = true
                    level = heading.level
                }
                return
            }
            guard collecting else { return }
            let trimmed = line.trimmingBlanks()
            if MarkdownDocument.isBoldLabel(trimmed) {
                done = true
                return
            }
            if trimmed.isEmpty || trimmed.hasPrefix("<!--") { return }
            let item = MarkdownDocument.stripListMarker(trimmed)
            if !item.isEmpty { reader.each(item) }
        }
    }

    /// `MarkdownDocument.labelItems`, one line at a time: the label line is found outside owned blocks, the
    /// list after it is read whatever the lines are.
    struct LabelState {
        let label: String
        let limit: Int
        var started = false
        var done = false
        var items: [String] = []

        func wants(_ bytes: UnsafeRawBufferPointer, owned: Bool) -> Bool {
            !done && (started || (!owned && MarkdownFile.mayBeField(bytes, name: label)))
        }

        mutating func take(_ line: String, owned: Bool) {
            guard !done else { return }
            guard started else {
                guard !owned, let match = MarkdownDocument.fieldMatch(line, name: label) else { return }
                started = true
                if !match.value.isEmpty { items.append(match.value) }
                return
            }
            let trimmed = line.trimmingBlanks()
            if trimmed.isEmpty {
                if !items.isEmpty { done = true }
                return
            }
            guard MarkdownDocument.isListItem(trimmed), !MarkdownDocument.isBoldLabel(trimmed) else {
                done = true
                return
            }
            let item = MarkdownDocument.stripListMarker(trimmed)
            if !item.isEmpty { items.append(item) }
            if items.count >= limit { done = true }
        }
    }
}
