/// Makes outside text safe to draw: control characters (ESC, OSC/CSI introducers, BEL, backspace, C1 codes)
/// are removed so a file name or transcript line cannot move the cursor, retitle the terminal or hide text.
public enum TerminalText {
    public static func inert(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: result.append(" ")
            case 0x00...0x1F, 0x7F, 0x80...0x9F: continue
            case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: continue  // bidi overrides
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}

extension TerminalText {
    /// Like `inert`, line by line: newlines are kept, everything else that steers a terminal is removed.
    public static func inertKeepingNewlines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { inert(String($0)) }.joined(separator: "\n")
    }
}
