import CNcurses
import Foundation

/// How many terminal columns text takes: 2 for CJK and most emoji, 0 for combining marks, by `wcwidth`.
package enum DisplayWidth {
    /// `wcwidth` answers by the C library's LC_CTYPE; without a UTF-8 one it knows nothing beyond ASCII.
    private static let utf8Ready: Bool = {
        if jt_codeset_is_utf8() != 0 { return true }
        return setlocale(LC_CTYPE, "C.UTF-8") != nil || setlocale(LC_CTYPE, "en_US.UTF-8") != nil
    }()

    package static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7F { return first.value < 0x20 ? 0 : 1 }
        _ = utf8Ready
        // An emoji presentation selector makes the cluster two columns wide.
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        let width = Int(jt_wcwidth(first.value))
        if width >= 0 { return width }
        return first.properties.isEmojiPresentation ? 2 : 1
    }

    package static func of(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// The longest prefix that fits in `columns`, with `…` when something was cut.
    package static func truncate(_ text: String, to columns: Int, ellipsis: String = "…") -> String {
        guard columns > 0 else { return "" }
        guard of(text) > columns else { return text }
        let room = columns - of(ellipsis)
        var used = 0
        var result = ""
        for character in text {
            let w = of(character)
            if used + w > room { break }
            result.append(character)
            used += w
        }
        return result + (room >= 0 ? ellipsis : "")
    }

    /// Pads with spaces on the right to exactly `columns` (truncating when longer).
    package static func pad(_ text: String, to columns: Int) -> String {
        let fitted = truncate(text, to: columns)
        return fitted + String(repeating: " ", count: max(0, columns - of(fitted)))
    }
}
