import Foundation

/// A hand-written scanner for one transcript line. It walks the JSON structure but decodes only the fields in
/// `TranscriptLine`; strings are skipped with `memchr`, nested values by bracket counting. A plain `JSONDecoder`
/// decodes every message body and is several times slower on real transcripts, where most bytes are content.
package enum TranscriptLineScanner {
    package enum Result: Sendable, Equatable {
        case line(TranscriptLine)
        /// The line ends in the middle of a value (a write cut short).
        case truncated(TranscriptLine)
        /// The line is not a JSON object.
        case notJSON
    }

    package static func scan(_ bytes: UnsafeRawBufferPointer) -> Result {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return .notJSON }
        var cursor = TranscriptByteCursor(base: base.assumingMemoryBound(to: UInt8.self), end: bytes.count)
        var line = TranscriptLine()
        do {
            try cursor.topLevel(into: &line)
            return .line(line)
        } catch .truncated {
            return .truncated(line)
        } catch {
            return .notJSON
        }
    }

    package static func scan(_ data: Data) -> Result {
        data.withUnsafeBytes { scan($0) }
    }

    /// Reads the usage object at the last `"usage":{` of a fragment (the tail of a line too long to keep whole).
    static func salvageUsage(_ bytes: UnsafeRawBufferPointer) -> TokenUsage? {
        guard let base = bytes.baseAddress, let at = lastKey(TranscriptKeys.usageKey, in: bytes) else { return nil }
        var cursor = TranscriptByteCursor(base: base.assumingMemoryBound(to: UInt8.self), end: bytes.count)
        cursor.i = at + TranscriptKeys.usageKey.count
        cursor.skipWhitespace()
        return try? cursor.usage()
    }

    /// The value of the last `"key":"…"` in a fragment; a key quote can never appear unescaped inside a string.
    static func salvageString(_ key: [UInt8], in bytes: UnsafeRawBufferPointer) -> String? {
        guard let base = bytes.baseAddress, let at = lastKey(key, in: bytes) else { return nil }
        var cursor = TranscriptByteCursor(base: base.assumingMemoryBound(to: UInt8.self), end: bytes.count)
        cursor.i = at + key.count
        cursor.skipWhitespace()
        return try? cursor.string()
    }

    private static func lastKey(_ key: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count >= key.count else { return nil }
        var position = bytes.count - key.count
        while position >= 0 {
            if bytes[position] == key[0] {
                var match = true
                for k in 1..<key.count where bytes[position + k] != key[k] { match = false; break }
                if match && (position == 0 || bytes[position - 1] != UInt8(ascii: "\\")) { return position }
            }
            position -= 1
        }
        return nil
    }
}

enum TranscriptScanError: Error {
    case truncated
    case invalid
}

enum TranscriptKeys {
    static let type = Array("type".utf8)
    static let isSidechain = Array("isSidechain".utf8)
    static let cwd = Array("cwd".utf8)
    static let sessionId = Array("sessionId".utf8)
    static let gitBranch = Array("gitBranch".utf8)
    static let timestamp = Array("timestamp".utf8)
    static let requestId = Array("requestId".utf8)
    static let message = Array("message".utf8)
    static let id = Array("id".utf8)
    static let model = Array("model".utf8)
    static let usage = Array("usage".utf8)
    static let inputTokens = Array("input_tokens".utf8)
    static let outputTokens = Array("output_tokens".utf8)
    static let cacheCreation = Array("cache_creation_input_tokens".utf8)
    static let cacheRead = Array("cache_read_input_tokens".utf8)
    static let usageKey = Array("\"usage\":".utf8)
    static let requestIdKey = Array("\"requestId\":".utf8)
    static let timestampKey = Array("\"timestamp\":".utf8)
}

private let quote = UInt8(ascii: "\"")
private let backslash = UInt8(ascii: "\\")

struct TranscriptByteCursor {
    let base: UnsafePointer<UInt8>
    let end: Int
    var i = 0

    init(base: UnsafePointer<UInt8>, end: Int) {
        self.base = base
        self.end = end
    }

    @inline(__always) mutating func skipWhitespace() {
        while i < end {
            let b = base[i]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 } else { return }
        }
    }

    @inline(__always) func peek() throws(TranscriptScanError) -> UInt8 {
        guard i < end else { throw .truncated }
        return base[i]
    }

    @inline(__always) mutating func expect(_ byte: UInt8) throws(TranscriptScanError) {
        guard i < end else { throw .truncated }
        guard base[i] == byte else { throw .invalid }
        i += 1
    }

    /// Skips a string whose opening quote is at `i`; returns the range of its raw (still escaped) bytes.
    @inline(__always) mutating func stringRange() throws(TranscriptScanError) -> Range<Int> {
        i += 1
        let start = i
        while true {
            guard i < end, let found = memchr(base + i, Int32(quote), end - i) else { i = end; throw .truncated }
            let q = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            var k = q - 1
            while k >= start && base[k] == backslash { k -= 1 }
            i = q + 1
            if (q - 1 - k) % 2 == 0 { return start..<q }
        }
    }

    mutating func string() throws(TranscriptScanError) -> String {
        guard try peek() == quote else { throw .invalid }
        let range = try stringRange()
        return Self.decode(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    mutating func skipValue() throws(TranscriptScanError) {
        let b = try peek()
        switch b {
        case quote: _ = try stringRange()
        case UInt8(ascii: "{"), UInt8(ascii: "["): try skipNested()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try number()
        default: throw .invalid
        }
    }

    mutating func literal(_ word: StaticString) throws(TranscriptScanError) {
        let count = word.utf8CodeUnitCount
        let bytes = word.utf8Start
        for k in 0..<count {
            guard i + k < end else { i = end; throw .truncated }
            guard base[i + k] == bytes[k] else { throw .invalid }
        }
        i += count
    }

    /// The integer part of a JSON number (token counts are integers; a fraction or exponent is dropped).
    mutating func number() throws(TranscriptScanError) -> Int {
        var negative = false
        if base[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var value = 0
        var digits = 0
        while i < end, base[i] >= 0x30, base[i] <= 0x39 {
            value = value &* 10 &+ Int(base[i] &- 0x30)
            digits += 1
            i += 1
        }
        if i < end, base[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, base[i] >= 0x30, base[i] <= 0x39 { i += 1 }
        }
        if i < end, base[i] == UInt8(ascii: "e") || base[i] == UInt8(ascii: "E") {
            i += 1
            if i < end, base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-") { i += 1 }
            while i < end, base[i] >= 0x30, base[i] <= 0x39 { i += 1 }
        }
        if i >= end { throw .truncated }
        guard digits > 0 else { throw .invalid }
        return negative ? -value : value
    }

    mutating func skipNested() throws(TranscriptScanError) {
        var depth = 0
        while i < end {
            let b = base[i]
            if b == quote {
                _ = try stringRange()
                continue
            }
            if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                depth += 1
            } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { i += 1; return }
            }
            i += 1
        }
        throw .truncated
    }

    @inline(__always) func keyIs(_ range: Range<Int>, _ key: [UInt8]) -> Bool {
        guard range.count == key.count else { return false }
        return key.withUnsafeBufferPointer { memcmp(base + range.lowerBound, $0.baseAddress!, key.count) == 0 }
    }

    /// Walks an object whose `{` is at `i`, handing each key to `body`, which must consume the value.
    @inline(__always) mutating func object(
        _ body: (inout TranscriptByteCursor, Range<Int>) throws(TranscriptScanError) -> Void
    ) throws(TranscriptScanError) {
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") { i += 1; return }
        while true {
            skipWhitespace()
            guard try peek() == quote else { throw .invalid }
            let key = try stringRange()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            try body(&self, key)
            skipWhitespace()
            let b = try peek()
            i += 1
            if b == UInt8(ascii: ",") { continue }
            if b == UInt8(ascii: "}") { return }
            throw .invalid
        }
    }

    mutating func topLevel(into line: inout TranscriptLine) throws(TranscriptScanError) {
        skipWhitespace()
        try object { (c: inout TranscriptByteCursor, key: Range<Int>) throws(TranscriptScanError) in
            switch key.count {
            case 4 where c.keyIs(key, TranscriptKeys.type): line.type = try c.optionalString()
            case 11 where c.keyIs(key, TranscriptKeys.isSidechain):
                line.isSidechain = try c.peek() == UInt8(ascii: "t"); try c.skipValue()
            case 3 where c.keyIs(key, TranscriptKeys.cwd): line.cwd = try c.optionalString()
            case 9 where c.keyIs(key, TranscriptKeys.sessionId): line.sessionID = try c.optionalString()
            case 9 where c.keyIs(key, TranscriptKeys.gitBranch): line.gitBranch = try c.optionalString()
            case 9 where c.keyIs(key, TranscriptKeys.timestamp): line.timestamp = try c.optionalString()
            case 9 where c.keyIs(key, TranscriptKeys.requestId): line.requestID = try c.optionalString()
            case 7 where c.keyIs(key, TranscriptKeys.message):
                if try c.peek() == UInt8(ascii: "{") { try c.message(into: &line) } else { try c.skipValue() }
            default: try c.skipValue()
            }
        }
        skipWhitespace()
        if i != end { throw .invalid }
    }

    /// Walks the one JSON object that must fill `bytes` (whitespace around it allowed), handing each key to `body`
    /// with the cursor on its value; false when the bytes are not such an object.
    static func walkLine(
        _ bytes: UnsafeRawBufferPointer,
        _ body: (inout TranscriptByteCursor, Range<Int>) throws(TranscriptScanError) -> Void
    ) -> Bool {
        guard let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return false }
        var cursor = TranscriptByteCursor(base: start, end: bytes.count)
        do {
            cursor.skipWhitespace()
            try cursor.object(body)
            cursor.skipWhitespace()
            return cursor.i == cursor.end
        } catch {
            return false
        }
    }

    /// Whether the value at `i` is `true` as `as? Bool == true` reads it; consumes it. A number is refused
    /// (`.invalid`): JSONSerialization bridges 1 to true, and the caller's Foundation reading decides then.
    mutating func isTrue() throws(TranscriptScanError) -> Bool {
        let b = try peek()
        if b == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) { throw .invalid }
        try skipValue()
        return b == UInt8(ascii: "t")
    }

    mutating func optionalString() throws(TranscriptScanError) -> String? {
        if try peek() == quote { return try string() }
        try skipValue()
        return nil
    }

    mutating func message(into line: inout TranscriptLine) throws(TranscriptScanError) {
        try object { (c: inout TranscriptByteCursor, key: Range<Int>) throws(TranscriptScanError) in
            switch key.count {
            case 2 where c.keyIs(key, TranscriptKeys.id): line.messageID = try c.optionalString()
            case 5 where c.keyIs(key, TranscriptKeys.model): line.model = try c.optionalString()
            case 5 where c.keyIs(key, TranscriptKeys.usage):
                if try c.peek() == UInt8(ascii: "{") { line.usage = try c.usage() } else { try c.skipValue() }
            default: try c.skipValue()
            }
        }
    }

    mutating func usage() throws(TranscriptScanError) -> TokenUsage {
        var usage = TokenUsage()
        try object { (c: inout TranscriptByteCursor, key: Range<Int>) throws(TranscriptScanError) in
            func count(_ c: inout TranscriptByteCursor) throws(TranscriptScanError) -> Int {
                let b = try c.peek()
                if b == UInt8(ascii: "-") || (b >= 0x30 && b <= 0x39) { return max(0, try c.number()) }
                try c.skipValue()
                return 0
            }
            if c.keyIs(key, TranscriptKeys.inputTokens) {
                usage.input = try count(&c)
            } else if c.keyIs(key, TranscriptKeys.outputTokens) {
                usage.output = try count(&c)
            } else if c.keyIs(key, TranscriptKeys.cacheCreation) {
                usage.cacheCreation = try count(&c)
            } else if c.keyIs(key, TranscriptKeys.cacheRead) {
                usage.cacheRead = try count(&c)
            } else {
                try c.skipValue()
            }
        }
        return usage
    }

    /// Decodes the raw bytes of a JSON string: escapes resolved, invalid UTF-8 replaced with U+FFFD.
    static func decode(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        if memchr(raw.baseAddress!, Int32(backslash), raw.count) == nil && raw.count > 0 {
            return String(decoding: raw, as: UTF8.self)
        }
        if raw.isEmpty { return "" }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var k = 0
        func hex(_ at: Int) -> UInt32? {
            guard at + 4 <= raw.count else { return nil }
            var v: UInt32 = 0
            for j in at..<(at + 4) {
                let c = raw[j]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: return nil
                }
                v = v << 4 | d
            }
            return v
        }
        func append(scalar: UInt32) {
            let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(s)).utf8))
        }
        while k < raw.count {
            let c = raw[k]
            guard c == backslash, k + 1 < raw.count else { out.append(c); k += 1; continue }
            let e = raw[k + 1]
            k += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard let high = hex(k) else { out.append(contentsOf: Array("\u{FFFD}".utf8)); continue }
                k += 4
                if (0xD800..<0xDC00).contains(high), k + 6 <= raw.count, raw[k] == backslash,
                    raw[k + 1] == UInt8(ascii: "u"),
                    let low = hex(k + 2), (0xDC00..<0xE000).contains(low)
                {
                    k += 6
                    append(scalar: 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                } else {
                    append(scalar: high)
                }
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
