/// Makes outside text safe to draw: control characters (ESC, OSC/CSI introducers, BEL, backspace, C1 codes)
/// are removed so a file name or transcript line cannot move the cursor, retitle the terminal or hide text.
package enum TerminalText {
    package static func inert(_ text: String) -> String {
        guard needsCleaning(text, keepingNewlines: false) else { return text }
        return cleaned(text, keepingNewlines: false)
    }

    static func cleaned(_ text: String, keepingNewlines: Bool) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where keepingNewlines: result.append(scalar)
            case 0x09: result.append(" ")
            case 0x00...0x1F, 0x7F, 0x80...0x9F: continue
            case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: continue  // bidi overrides
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// True when the text holds anything `inert` would change (a newline counts unless `keepingNewlines`).
    /// Scans UTF-8 bytes: almost all text is clean, and building a new string for it dominated the digest.
    static func needsCleaning(_ text: String, keepingNewlines: Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x20 {
                    if !(keepingNewlines && byte == 0x0A) { return true }
                } else if byte == 0x7F {
                    return true
                } else if byte == 0xC2, index + 1 < count, (0x80...0x9F).contains(bytes[index + 1]) {
                    return true  // C1 controls U+0080–U+009F
                } else if byte == 0xE2, index + 2 < count {
                    let second = bytes[index + 1], third = bytes[index + 2]
                    // U+200E/F, U+202A–E
                    if second == 0x80, third == 0x8E || third == 0x8F || (0xAA...0xAE).contains(third) { return true }
                    if second == 0x81, (0xA6...0xA9).contains(third) { return true }  // U+2066–9
                }
                index += 1
            }
            return false
        }
    }
}

extension TerminalText {
    /// Like `inert`, line by line: newlines are kept, everything else that steers a terminal is removed.
    package static func inertKeepingNewlines(_ text: String) -> String {
        // Scalar by scalar: splitting on the Character "\n" missed the newline of a CRLF pair and joined the lines.
        guard needsCleaning(text, keepingNewlines: true) else { return text }
        return cleaned(text, keepingNewlines: true)
    }
}
