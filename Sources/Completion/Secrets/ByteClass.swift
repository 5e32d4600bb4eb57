import Foundation

/// Byte classes used by the secret matchers. Secrets are ASCII, so every test is a table lookup on one byte.
enum ByteClass {
    static let upper: UInt8 = 1, lower: UInt8 = 2, digit: UInt8 = 4, underscore: UInt8 = 8, dash: UInt8 = 16
    /// Characters that can appear in a base64 / URL-safe value: `+ / = . ~`.
    static let valuePunct: UInt8 = 32

    static let table: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(b)] = upper }
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(b)] = lower }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(b)] = digit }
        t[Int(UInt8(ascii: "_"))] = underscore
        t[Int(UInt8(ascii: "-"))] = dash
        for c in "+/=.~".utf8 { t[Int(c)] = valuePunct }
        return t
    }()

    @inline(__always) static func of(_ b: UInt8) -> UInt8 { table[Int(b)] }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { of(b) & (upper | lower | digit) != 0 }
    /// Letters, digits, `_` and `-`: the characters of a token.
    @inline(__always) static func isToken(_ b: UInt8) -> Bool {
        of(b) & (upper | lower | digit | underscore | dash) != 0
    }
    @inline(__always) static func isUpperOrDigit(_ b: UInt8) -> Bool { of(b) & (upper | digit) != 0 }
    @inline(__always) static func isValue(_ b: UInt8) -> Bool { of(b) != 0 }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isLowerHex(_ b: UInt8) -> Bool { b &- 0x30 < 10 || b &- 0x61 < 6 }
    @inline(__always) static func isHex(_ b: UInt8) -> Bool { isLowerHex(b) || b &- 0x41 < 6 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { of(b) & (upper | lower) != 0 }
    /// The standard base64 alphabet with padding: `A–Z a–z 0–9 + / =`.
    @inline(__always) static func isBase64(_ b: UInt8) -> Bool {
        isAlnum(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: "/") || b == UInt8(ascii: "=")
    }
}

/// A read-only view of the bytes being scanned, with the helpers the matchers share.
struct ScanBytes {
    let base: UnsafeBufferPointer<UInt8>
    /// The last value run the assignment rule read: candidates close together on one long run (`k=k=k=…`)
    /// then read it once, which keeps the scan linear.
    let valueRuns = RunMemo()
    var count: Int { base.count }

    @inline(__always) subscript(_ i: Int) -> UInt8 { base[i] }

    /// True when `literal` occurs at `i`.
    @inline(__always) func has(_ literal: StaticString, at i: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i >= 0, i + n <= count else { return false }
        let p = literal.utf8Start
        for k in 0..<n where base[i + k] != p[k] { return false }
        return true
    }

    /// The end of the run of bytes satisfying `accept` that starts at `i`, looking at most `limit` bytes.
    @inline(__always) func run(from i: Int, limit: Int = 4096, _ accept: (UInt8) -> Bool) -> Int {
        var j = i
        let end = Swift.min(count, i + limit)
        while j < end, accept(base[j]) { j += 1 }
        return j
    }

    /// True when the byte before `i` does not continue a token (start of text counts as a boundary).
    @inline(__always) func boundaryBefore(_ i: Int) -> Bool { i == 0 || !ByteClass.isToken(base[i - 1]) }
    @inline(__always) func boundaryAfter(_ i: Int) -> Bool { i >= count || !ByteClass.isToken(base[i]) }

    /// Shannon entropy in bits per byte of `range`.
    func entropy(_ range: Range<Int>) -> Double {
        guard !range.isEmpty else { return 0 }
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256) { counts in
            counts.initialize(repeating: 0)
            for i in range { counts[Int(base[i])] += 1 }
            let total = Double(range.count)
            var h = 0.0
            for c in counts where c > 0 {
                let p = Double(c) / total
                h -= p * log2(p)
            }
            return h
        }
    }

    /// Whether one of `words` (lowercase ASCII) occurs in `range`; see `contains(lowercaseASCII:in:)`.
    func containsAny(_ words: [[UInt8]], in range: Range<Int>) -> Bool {
        words.contains { contains(lowercaseASCII: $0, in: range) }
    }

    /// `run(from:limit:_:)` for a predicate identified by `kind`, remembering the run it read: a later
    /// candidate inside the same run continues from where the last read stopped instead of re-reading it.
    func memoRun(kind: Int, from i: Int, limit: Int, _ accept: (UInt8) -> Bool) -> Int {
        let memo = valueRuns
        let continuing = memo.from[kind] <= i && i <= memo.to[kind]
        if continuing && memo.stopped[kind] { return Swift.min(memo.to[kind], i + limit) }
        var k = continuing ? memo.to[kind] : i
        let end = Swift.min(count, i + limit)
        guard k < end else { return end }
        while k < end, accept(base[k]) { k += 1 }
        if !continuing { memo.from[kind] = i }
        memo.to[kind] = k
        memo.stopped[kind] = k < end || k >= count
        return k
    }

    /// The start of the run of base64 bytes that ends just before `i`, walking back at most `bound` bytes
    /// (nil when the run is longer). Remembers the last answer, so candidates along one long run walk each
    /// byte once.
    func base64RunStart(before i: Int, bound: Int) -> Int? {
        let memo = valueRuns
        var start = i
        let floor = Swift.max(0, i - bound)
        while start > floor, ByteClass.isBase64(base[start - 1]) {
            if start == memo.blobEnd, let known = memo.blobStart {
                start = known
                break
            }
            start -= 1
        }
        let tooLong = (start <= floor && start > 0 && ByteClass.isBase64(base[start - 1])) || i - start > bound
        let result: Int? = tooLong ? nil : start
        memo.blobEnd = i
        memo.blobStart = result ?? start
        return result
    }

    func lowercasedString(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: base[range]), as: UTF8.self).lowercased()
    }

    /// Whether `needle` (lowercase ASCII) occurs in `range`, ASCII letters of the text compared without case;
    /// no string is made, as a line can be megabytes long. Only `A`–`Z` are folded: folding every byte with
    /// `| 0x20` would turn `_` into DEL (so `sort_key` could never match) and let control bytes pass for
    /// punctuation.
    func contains(lowercaseASCII needle: [UInt8], in range: Range<Int>) -> Bool {
        guard let first = needle.first, range.count >= needle.count else { return false }
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }
        var i = range.lowerBound
        let lastStart = range.upperBound - needle.count
        while i <= lastStart {
            if lower(base[i]) == first {
                var k = 1
                while k < needle.count, lower(base[i + k]) == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// The range of the line containing `i` (without its newline).
    func lineRange(around i: Int) -> Range<Int> {
        var start = i
        while start > 0, base[start - 1] != 0x0A { start -= 1 }
        var end = i
        while end < count, base[end] != 0x0A { end += 1 }
        return start..<end
    }
}

/// See `ScanBytes.memoRun`: for each kind, bytes `from..<to` satisfy its predicate; `stopped` says the byte
/// at `to` does not (or the text ends there). And the last base64 run `base64RunStart` found.
final class RunMemo {
    /// One slot per kind of value run (`SecretAssignment.RunKind`). Inline: a scan of a short text (the digest
    /// redacts block by block) made four allocations for this memo alone.
    var from = InlineArray<5, Int>(repeating: -1), to = InlineArray<5, Int>(repeating: -1)
    var stopped = InlineArray<5, Bool>(repeating: false)
    var blobEnd = -1
    var blobStart: Int?
}
