/// A name from outside (a file name as git reports it) made safe to write into one Markdown line: control
/// characters become visible escapes (`\n`, `\r`, `\t`, `\x1b`, `\u{9b}`), and so do the bidi controls that
/// reorder what a reader sees (`\u{202e}`). A name can then neither end the line it is written on (and with it an
/// owned block), nor steer a terminal that prints the file, nor show a reader another name than the real one.
package enum EscapedName {
    package static func markdown(_ name: String) -> String {
        guard name.unicodeScalars.contains(where: needsEscape) else { return name }
        var result = ""
        result.reserveCapacity(name.utf8.count + 8)
        for scalar in name.unicodeScalars {
            guard needsEscape(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            result += escape(scalar)
        }
        return result
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x00...0x1F, 0x7F: return "\\x" + hex(scalar.value, width: 2)
        default: return "\\u{" + hex(scalar.value, width: 0) + "}"
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
