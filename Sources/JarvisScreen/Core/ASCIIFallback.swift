/// Text for a terminal whose locale is not UTF-8: curses drops every non-ASCII character there, so a separator
/// (`·`), a dash, an ellipsis or an arrow would vanish and leave words run together. Known symbols get an ASCII
/// stand-in; anything else non-ASCII becomes `?` (one per column), which shows that something is there.
package enum ASCIIFallback {
    private static let replacements: [Character: String] = [
        "·": "-", "—": "-", "–": "-", "…": "...", "↑": "^", "↓": "v", "←": "<", "→": ">", "×": "x",
        "›": ">", "‹": "<", "•": "*", "─": "-", "│": "|", "┼": "+", "┌": "+", "┐": "+", "└": "+",
        "┘": "+", "✓": "+", "✗": "x", "▲": "!", "○": "o", "“": "\"", "”": "\"", "‘": "'", "’": "'",
        "\u{00A0}": " ",
    ]

    package static func needed(_ text: String) -> Bool {
        text.utf8.contains { $0 >= 0x80 }
    }

    package static func convert(_ text: String) -> String {
        guard needed(text) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.replacingOccurrences(of: "↑↓", with: "up/dn") {
            if character.isASCII {
                result.append(character)
            } else if let replacement = replacements[character] {
                result += replacement
            } else {
                // As many columns as the character took, so tables and padding stay aligned.
                result += String(repeating: "?", count: max(1, DisplayWidth.of(character)))
            }
        }
        return result
    }
}
