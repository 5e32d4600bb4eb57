/// Characters that take no room on screen (zero-width space, zero-width joiner and non-joiner, word joiner, the
/// invisible operators, a byte-order mark inside text, a soft hyphen, the Mongolian vowel separator). Inside a
/// token they stop every pattern at the split, yet a reader sees the token whole and can copy it: they are taken
/// out where they sit between two ASCII characters, as they do inside a key. Between letters of other scripts or
/// inside an emoji sequence they shape the text, so they stay there.
enum InvisibleSeparators {
    static func isInvisible(_ value: UInt32) -> Bool {
        switch value {
        case 0x00AD, 0x180E, 0x200B...0x200D, 0x2060...0x2064, 0xFEFF: true
        default: false
        }
    }

    /// `text` without the invisible characters that sit between two ASCII characters.
    static func joined(_ text: String) -> String {
        guard mayHoldOne(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard isInvisible(scalars[index].value) else {
                result.append(scalars[index])
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, isInvisible(scalars[end].value) { end += 1 }
            let between = index > 0 && scalars[index - 1].isASCII && end < scalars.count && scalars[end].isASCII
            if !between { result.append(contentsOf: scalars[index..<end]) }
            index = end
        }
        return String(result)
    }

    /// True when the UTF-8 bytes hold one of the characters (almost all text holds none: it is left as it is).
    private static func mayHoldOne(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index + 1 < bytes.count {
                let first = bytes[index], second = bytes[index + 1]
                if first == 0xC2, second == 0xAD { return true }
                if index + 2 < bytes.count {
                    let third = bytes[index + 2]
                    if first == 0xE2, second == 0x80, (0x8B...0x8D).contains(third) { return true }
                    if first == 0xE2, second == 0x81, (0xA0...0xA4).contains(third) { return true }
                    if first == 0xEF, second == 0xBB, third == 0xBF { return true }
                    if first == 0xE1, second == 0xA0, third == 0x8E { return true }
                }
                index += 1
            }
            return false
        }
    }
}
