import Foundation

/// What the transcript review needs of one user or assistant line: whether it is a meta line or a compaction
/// summary, and the message's content as a string or as blocks (text, tool calls with their one-line input
/// summary, tool results with their error flag and text). Read straight from the bytes with the transcript's byte
/// cursor; `readWithFoundation` is the JSONSerialization reading it must agree with, used when the bytes are not
/// what the cursor expects. Decoding the lines with JSONSerialization was most of the review's time on a long
/// transcript, and the review runs while the whole completion waits for gathering.
struct ReviewLineContent: Equatable {
    struct Block: Equatable {
        var type: String?
        /// A text block's text.
        var text: String?
        /// A tool call's id and tool name, and its input reduced by `ToolInputSummary`.
        var id: String?
        var name: String?
        var inputSummary = ""
        /// A tool result's call id, whether `is_error` is `true`, and its content as text (a string, or the
        /// `text` of the content's objects joined by new lines).
        var toolUseID: String?
        var isError = false
        var resultText = ""
    }

    enum Content: Equatable {
        case string(String)
        case blocks([Block])
        case none
    }

    var isMeta = false
    var isCompactSummary = false
    /// False when the line has no `message` object.
    var hasMessage = false
    var content = Content.none

    /// The content's blocks; none for a string or missing content.
    var blocks: [Block] {
        if case .blocks(let blocks) = content { return blocks }
        return []
    }

    /// The cursor's reading, or the JSONSerialization reading when the cursor cannot read the line.
    static func of(_ bytes: UnsafeRawBufferPointer) -> ReviewLineContent? {
        read(bytes) ?? readWithFoundation(bytes)
    }

    /// The cursor's reading, or nil when the line is not shaped as expected.
    static func read(_ bytes: UnsafeRawBufferPointer) -> ReviewLineContent? {
        var line = ReviewLineContent()
        let read = TranscriptByteCursor.walkLine(bytes) {
            (c: inout TranscriptByteCursor, key: Range<Int>) throws(TranscriptScanError) in
            if c.keyIs(key, Keys.isMeta) {
                line.isMeta = try c.isTrue()
            } else if c.keyIs(key, Keys.isCompactSummary) {
                line.isCompactSummary = try c.isTrue()
            } else if c.keyIs(key, TranscriptKeys.message) {
                line.hasMessage = try c.peek() == UInt8(ascii: "{")
                line.content = line.hasMessage ? try c.reviewMessageContent() : .none
                if !line.hasMessage { try c.skipValue() }
            } else {
                try c.skipValue()
            }
        }
        return read ? line : nil
    }

    /// The same reading through JSONSerialization (nil when the line is not a JSON object).
    static func readWithFoundation(_ bytes: UnsafeRawBufferPointer) -> ReviewLineContent? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return nil }
        var line = ReviewLineContent()
        line.isMeta = object["isMeta"] as? Bool == true
        line.isCompactSummary = object["isCompactSummary"] as? Bool == true
        guard let message = object["message"] as? [String: Any] else { return line }
        line.hasMessage = true
        if let text = message["content"] as? String {
            line.content = .string(text)
        } else if let blocks = message["content"] as? [Any] {
            line.content = .blocks(blocks.compactMap { ($0 as? [String: Any]).map(Self.block) })
        }
        return line
    }

    private static func block(_ object: [String: Any]) -> Block {
        var block = Block()
        block.type = object["type"] as? String
        block.text = object["text"] as? String
        block.id = object["id"] as? String
        block.name = object["name"] as? String
        block.toolUseID = object["tool_use_id"] as? String
        block.isError = object["is_error"] as? Bool == true
        if block.type == "tool_use" {
            block.inputSummary = ToolInputSummary.of(name: block.name ?? "tool", input: object["input"])
        }
        if let text = object["content"] as? String {
            block.resultText = text
        } else if let items = object["content"] as? [Any] {
            block.resultText = items.compactMap { ($0 as? [String: Any])?["text"] as? String }.joined(separator: "\n")
        }
        return block
    }

    enum Keys {
        static let isMeta = Array("isMeta".utf8)
        static let isCompactSummary = Array("isCompactSummary".utf8)
        static let content = Array("content".utf8)
        static let text = Array("text".utf8)
        static let name = Array("name".utf8)
        static let input = Array("input".utf8)
        static let toolUseID = Array("tool_use_id".utf8)
        static let isError = Array("is_error".utf8)
    }
}

extension TranscriptByteCursor {
    /// The `content` of the message object at `i` (the last one, as JSONSerialization keeps the last key).
    mutating func reviewMessageContent() throws(TranscriptScanError) -> ReviewLineContent.Content {
        var content = ReviewLineContent.Content.none
        try object { (m: inout TranscriptByteCursor, key: Range<Int>) throws(TranscriptScanError) in
            guard m.keyIs(key, ReviewLineContent.Keys.content) else { try m.skipValue(); return }
            switch try m.peek() {
            case UInt8(ascii: "\""): content = .string(try m.string())
            case UInt8(ascii: "["):
                var blocks: [ReviewLineContent.Block] = []
                try m.array { (e: inout TranscriptByteCursor) throws(TranscriptScanError) in
                    if try e.peek() == UInt8(ascii: "{") {
                        blocks.append(try e.reviewBlock())
                    } else {
                        try e.skipValue()
                    }
                }
                content = .blocks(blocks)
            default:
                content = .none
                try m.skipValue()
            }
        }
        return content
    }

    /// One block object at `i`.
    mutating func reviewBlock() throws(TranscriptScanError) -> ReviewLineContent.Block {
        typealias Keys = ReviewLineContent.Keys
        var block = ReviewLineContent.Block()
        var input: Range<Int>?
        try object { (c: inout TranscriptByteCursor, key: Range<Int>) throws(TranscriptScanError) in
            if c.keyIs(key, TranscriptKeys.type) {
                block.type = try c.optionalString()
            } else if c.keyIs(key, Keys.text) {
                block.text = try c.optionalString()
            } else if c.keyIs(key, TranscriptKeys.id) {
                block.id = try c.optionalString()
            } else if c.keyIs(key, Keys.name) {
                block.name = try c.optionalString()
            } else if c.keyIs(key, Keys.toolUseID) {
                block.toolUseID = try c.optionalString()
            } else if c.keyIs(key, Keys.isError) {
                block.isError = try c.isTrue()
            } else if c.keyIs(key, Keys.input) {
                let start = c.i
                let isObject = try c.peek() == UInt8(ascii: "{")
                try c.skipValue()
                input = isObject ? start..<c.i : nil
            } else if c.keyIs(key, Keys.content) {
                block.resultText = try c.resultText()
            } else {
                try c.skipValue()
            }
        }
        if block.type == "tool_use" {
            block.inputSummary = try toolSummary(name: block.name ?? "tool", input: input)
        }
        return block
    }

    /// A tool result's content as text: a string, or the `text` strings of an array's objects joined by new lines.
    mutating func resultText() throws(TranscriptScanError) -> String {
        switch try peek() {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "["):
            var texts: [String] = []
            try array { (e: inout TranscriptByteCursor) throws(TranscriptScanError) in
                guard try e.peek() == UInt8(ascii: "{") else { try e.skipValue(); return }
                var text: String?
                try e.object { (o: inout TranscriptByteCursor, key: Range<Int>) throws(TranscriptScanError) in
                    if o.keyIs(key, ReviewLineContent.Keys.text) {
                        text = try o.optionalString()
                    } else {
                        try o.skipValue()
                    }
                }
                if let text { texts.append(text) }
            }
            return texts.joined(separator: "\n")
        default:
            try skipValue()
            return ""
        }
    }
}
