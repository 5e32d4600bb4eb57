/// Decodes the start of a base64 or base64url value, enough to look at what it holds (a JWT's claims, an
/// image's magic number, a Discord token's user id) without decoding the whole of a long value.
enum Base64Peek {
    static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, char) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(char)] = Int8(index)
        }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// At most `maximum` decoded bytes of `range`; stops at the first byte outside the alphabets.
    static func decode(_ s: ScanBytes, _ range: Range<Int>, maximum: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(maximum)
        var buffer: UInt32 = 0
        var bits = 0
        var k = range.lowerBound
        while k < range.upperBound, out.count < maximum {
            let value = values[Int(s[k])]
            if value < 0 { break }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
            k += 1
        }
        return out
    }
}
