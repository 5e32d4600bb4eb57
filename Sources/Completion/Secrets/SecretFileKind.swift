/// What a file's first bytes say about how to scan it. Only formats recognised by their magic number are
/// skipped as binary (images, archives, executables, media, databases); a text file with a stray NUL byte is
/// still scanned, and UTF-16 text (with or without a byte-order mark) is scanned as the text it encodes.
enum SecretFileKind: Equatable {
    case binary
    case text
    case utf16(bigEndian: Bool)

    /// (offset, magic bytes) of binary formats.
    static let magics: [(Int, [UInt8])] = [
        (0, [0x89, 0x50, 0x4E, 0x47]), (0, [0xFF, 0xD8, 0xFF]), (0, Array("GIF8".utf8)), (0, Array("%PDF-".utf8)),
        (0, [0x50, 0x4B, 0x03, 0x04]), (0, [0x50, 0x4B, 0x05, 0x06]), (0, [0x50, 0x4B, 0x07, 0x08]), (0, [0x1F, 0x8B]),
        (0, [0x7F, 0x45, 0x4C, 0x46]), (0, [0xFE, 0xED, 0xFA, 0xCE]), (0, [0xCE, 0xFA, 0xED, 0xFE]),
        (0, [0xFE, 0xED, 0xFA, 0xCF]), (0, [0xCF, 0xFA, 0xED, 0xFE]), (0, [0xCA, 0xFE, 0xBA, 0xBE]),
        (0, Array("BZh".utf8)), (0, [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]), (0, [0x28, 0xB5, 0x2F, 0xFD]),
        (0, [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]), (0, Array("RIFF".utf8)), (0, Array("OggS".utf8)),
        (0, Array("fLaC".utf8)), (0, Array("ID3".utf8)), (4, Array("ftyp".utf8)), (0, Array("SQLite format 3".utf8)),
        (0, [0x00, 0x61, 0x73, 0x6D]), (0, [0x00, 0x01, 0x00, 0x00, 0x00]), (0, Array("OTTO".utf8)),
        (0, Array("wOFF".utf8)), (0, Array("wOF2".utf8)), (0, [0x00, 0x00, 0x01, 0x00]), (0, Array("II*".utf8) + [0]),
        (0, Array("MM".utf8) + [0, 0x2A]), (257, Array("ustar".utf8)), (0, Array("PACK".utf8)), (0, Array("DIRC".utf8)),
        (0, [0, 0, 0, 1] + Array("Bud1".utf8)), (0, Array("bplist".utf8)), (0, [0x04, 0x22, 0x4D, 0x18]),
        (0, [0x1A, 0x45, 0xDF, 0xA3]), (0, Array("8BPS".utf8)), (0, Array("!<arch>".utf8)),
        (0, [0xED, 0xAB, 0xEE, 0xDB]),
        (0, Array("dex\n".utf8)), (0, [0xAC, 0xED, 0x00, 0x05]), (0, [0x4D, 0x5A, 0x90, 0x00]),
    ]

    static func classify(_ head: UnsafeBufferPointer<UInt8>) -> SecretFileKind {
        for (offset, magic) in magics where head.count >= offset + magic.count {
            if magic.indices.allSatisfy({ head[offset + $0] == magic[$0] }) { return .binary }
        }
        if head.count >= 2, head[0] == 0xFF, head[1] == 0xFE { return .utf16(bigEndian: false) }
        if head.count >= 2, head[0] == 0xFE, head[1] == 0xFF { return .utf16(bigEndian: true) }
        // No mark: ASCII-range UTF-16 has a zero in nearly every other byte, on one side only.
        let pairs = min(head.count, 8192) / 2
        guard pairs >= 2 else { return .text }
        var evenZeros = 0, oddZeros = 0
        for k in 0..<pairs {
            if head[2 * k] == 0 { evenZeros += 1 }
            if head[2 * k + 1] == 0 { oddZeros += 1 }
        }
        if oddZeros * 10 >= pairs * 4, evenZeros * 20 <= pairs { return .utf16(bigEndian: false) }
        if evenZeros * 10 >= pairs * 4, oddZeros * 20 <= pairs { return .utf16(bigEndian: true) }
        return .text
    }

    /// UTF-16 code units as bytes the matchers read: ASCII stays itself (so line breaks, and so line numbers,
    /// are kept), anything else becomes 0x7F, which no secret contains.
    static func narrowUTF16(_ bytes: [UInt8], bigEndian: Bool) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count / 2)
        let marked = bytes.count >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF)
        var k = marked ? 2 : 0
        while k + 1 < bytes.count {
            let high = bigEndian ? bytes[k] : bytes[k + 1]
            let low = bigEndian ? bytes[k + 1] : bytes[k]
            out.append(high == 0 && low < 0x80 ? low : 0x7F)
            k += 2
        }
        return out
    }
}
