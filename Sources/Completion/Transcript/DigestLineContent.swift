import Foundation

/// What the digest shows of one user or assistant line: whether it is a meta line, and the message's content as
/// text and tool calls (a tool call already reduced to its one-line summary). Read straight from the bytes with
/// the transcript's byte cursor; `readWithFoundation` is the JSONSerialization reading it must agree with, used
/// when the bytes are not what the cursor expects. Decoding every line with JSONSerialization was half the time
/// of a 200 MB digest.
struct DigestLineContent: Equatable {
    enum Piece: Equatable {
        case text(String)
        case toolUse(name: String, summary: String)
    }

    enum Content: Equatable {
        case string(String)
        case pieces([Piece])
        case none
    }

    var isMeta = false
    /// False when the line has no `message` object: nothing to show.
    var hasMessage = false
    var content = Content.none

    /// The cursor's reading, or nil when the line is not shaped as expected.
    static func read(_ bytes: UnsafeRawBufferPointer) -> DigestLineContent? {
        var line = DigestLineContent()
        let read = TranscriptByteCursor.walkLine(bytes) {
            (c: inout TranscriptByteCursor, key: Range<Int>) throws(TranscriptScanError) in
            if c.keyIs(key, Keys.isMeta) {
                line.isMeta = try c.isTrue()
            } else if c.keyIs(key, TranscriptKeys.message) {
                if try c.peek() == UInt8(ascii: "{") {
                    line.hasMessage = true
                    line.content = .none
                    try c.object { (m: inout TranscriptByteCursor, key: Range<Int>) throws(TranscriptScanError) in
                        guard m.keyIs(key, Keys.content) else { try m.skipValue(); return }
                        switch try m.peek() {
                        case UInt8(ascii: "\""): line.content = .string(try m.string())
                        case UInt8(ascii: "["): line.content = .pieces(try m.pieces())
                        default: line.content = .none; try m.skipValue()
                        }
                    }
                } else {
                    line.hasMessage = false
                    line.content = .none
                    try c.skipValue()
                }
            } else {
                try c.skipValue()
            }
        }
        return read ? line : nil
    }

    /// The same reading through JSONSerialization (nil when the line is not a JSON object).
    static func readWithFoundation(_ bytes: UnsafeRawBufferPointer) -> DigestLineContent? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return nil }
        var line = DigestLineContent()
        line.isMeta = object["isMeta"] as? Bool == true
        guard let message = object["message"] as? [String: Any] else { return line }
        line.hasMessage = true
        if let text = message["content"] as? String {
            line.content = .string(text)
        } else if let blocks = message["content"] as? [Any] {
            var pieces: [Piece] = []
            for case let block as [String: Any] in blocks {
                switch block["type"] as? String {
                case "text":
                    if let text = block["text"] as? String { pieces.append(.text(text)) }
                case "tool_use":
                    let name = block["name"] as? String ?? "tool"
                    pieces.append(.toolUse(name: name, summary: ToolInputSummary.of(name: name, input: block["input"])))
                default:
                    continue
                }
            }
            line.content = .pieces(pieces)
        }
        return line
    }

    enum Keys {
        static let isMeta = Array("isMeta".utf8)
        static let content = Array("content".utf8)
        static let text = Array("text".utf8)
        static let name = Array("name".utf8)
        static let input = Array("input".utf8)
        static let todos = Array("todos".utf8)
    }
}

/// The one input field that says what a tool call did (its command, file, pattern, URL…), the number of todos of
/// a TodoWrite, or compact JSON of the whole input.
enum ToolInputSummary {
    static func keys(for name: String) -> [String] {
        switch name {
        case "Bash": ["command"]
        case "Read", "Write", "Edit", "MultiEdit", "NotebookEdit": ["file_path", "notebook_path"]
        case "Grep", "Glob": ["pattern", "path"]
        case "WebFetch": ["url"]
        case "WebSearch": ["query"]
        case "Task": ["description", "subagent_type"]
        default: []
        }
    }

    static func of(name: String, input: Any?) -> String {
        guard let input = input as? [String: Any] else { return "" }
        if name == "TodoWrite" {
            let todos = input["todos"] as? [Any] ?? []
            return "\(todos.count) todo\(todos.count == 1 ? "" : "s")"
        }
        let picked = keys(for: name).compactMap { input[$0] as? String }
        if !picked.isEmpty { return picked.joined(separator: " in ") }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: input,
                options: [.sortedKeys, .withoutEscapingSlashes]
            )
        else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}

extension TranscriptByteCursor {
    /// The blocks of a content array whose `[` is at `i`: text blocks and tool calls; other blocks are skipped.
    mutating func pieces() throws(TranscriptScanError) -> [DigestLineContent.Piece] {
        var pieces: [DigestLineContent.Piece] = []
        try array { (c: inout TranscriptByteCursor) throws(TranscriptScanError) in
            guard try c.peek() == UInt8(ascii: "{") else { try c.skipValue(); return }
            if let piece = try c.piece() { pieces.append(piece) }
        }
        return pieces
    }

    /// One block object at `i`, or nil for a block the digest leaves out.
    mutating func piece() throws(TranscriptScanError) -> DigestLineContent.Piece? {
        var type: String?, text: String?, name: String?
        var input: Range<Int>?
        var inputIsObject = false
        try object { (c: inout TranscriptByteCursor, key: Range<Int>) throws(TranscriptScanError) in
            if c.keyIs(key, TranscriptKeys.type) {
                type = try c.optionalString()
            } else if c.keyIs(key, DigestLineContent.Keys.text) {
                text = try c.optionalString()
            } else if c.keyIs(key, DigestLineContent.Keys.name) {
                name = try c.optionalString()
            } else if c.keyIs(key, DigestLineContent.Keys.input) {
                let start = c.i
                inputIsObject = try c.peek() == UInt8(ascii: "{")
                try c.skipValue()
                input = start..<c.i
            } else {
                try c.skipValue()
            }
        }
        switch type {
        case "text":
            return text.map { .text($0) }
        case "tool_use":
            let tool = name ?? "tool"
            return .toolUse(name: tool, summary: try toolSummary(name: tool, input: inputIsObject ? input : nil))
        default:
            return nil
        }
    }

    /// `ToolInputSummary.of` read from the input object's bytes; the whole-input JSON fallback goes through
    /// JSONSerialization (rare: tools without a telling field).
    func toolSummary(name: String, input: Range<Int>?) throws(TranscriptScanError) -> String {
        guard let input else { return "" }
        var c = TranscriptByteCursor(base: base + input.lowerBound, end: input.count)
        let wanted = ToolInputSummary.keys(for: name).map { Array($0.utf8) }
        var found: [Int: String] = [:]
        var todos: Int?
        try c.object { (c: inout TranscriptByteCursor, key: Range<Int>) throws(TranscriptScanError) in
            if name == "TodoWrite", c.keyIs(key, DigestLineContent.Keys.todos) {
                if try c.peek() == UInt8(ascii: "[") {
                    var count = 0
                    try c.array { (e: inout TranscriptByteCursor) throws(TranscriptScanError) in
                        count += 1; try e.skipValue()
                    }
                    todos = count
                } else {
                    todos = nil
                    try c.skipValue()
                }
            } else if let index = wanted.firstIndex(where: { c.keyIs(key, $0) }), try c.peek() == UInt8(ascii: "\"") {
                found[index] = try c.string()
            } else {
                if let index = wanted.firstIndex(where: { c.keyIs(key, $0) }) { found[index] = nil }
                try c.skipValue()
            }
        }
        if name == "TodoWrite" {
            let count = todos ?? 0
            return "\(count) todo\(count == 1 ? "" : "s")"
        }
        let picked = wanted.indices.compactMap { found[$0] }
        if !picked.isEmpty { return picked.joined(separator: " in ") }
        let object = try? JSONSerialization.jsonObject(with: Data(bytes: base + input.lowerBound, count: input.count))
        return ToolInputSummary.of(name: name, input: object)
    }

    /// Walks an array whose `[` is at `i`, handing each element to `body`, which must consume it.
    mutating func array(
        _ body: (inout TranscriptByteCursor) throws(TranscriptScanError) -> Void
    ) throws(TranscriptScanError) {
        try expect(UInt8(ascii: "["))
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") { i += 1; return }
        while true {
            skipWhitespace()
            try body(&self)
            skipWhitespace()
            let b = try peek()
            i += 1
            if b == UInt8(ascii: ",") { continue }
            if b == UInt8(ascii: "]") { return }
            throw .invalid
        }
    }
}
