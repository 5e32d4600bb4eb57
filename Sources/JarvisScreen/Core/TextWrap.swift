import Foundation

/// Word wrapping by display width (long words are broken).
package enum TextWrap {
    /// Cuts a line into pieces of at most `width` columns, keeping every space (code, preformatted text).
    package static func hardWrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var pieces: [String] = []
        var current = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width, !current.isEmpty {
                pieces.append(current)
                current = ""
                used = 0
            }
            current.append(character)
            used += w
        }
        pieces.append(current)
        return pieces
    }

    package static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            var word = String(word)
            var wordWidth = DisplayWidth.of(word)
            if currentWidth > 0 && currentWidth + 1 + wordWidth > width {
                lines.append(current)
                current = ""
                currentWidth = 0
            }
            while wordWidth > width {
                let cut = DisplayWidth.truncate(word, to: width, ellipsis: "")
                let head = cut.isEmpty ? String(word.prefix(1)) : cut
                if currentWidth > 0 { lines.append(current); current = ""; currentWidth = 0 }
                lines.append(head)
                word = String(word.dropFirst(head.count))
                wordWidth = DisplayWidth.of(word)
            }
            if word.isEmpty { continue }
            if currentWidth > 0 { current += " "; currentWidth += 1 }
            current += word
            currentWidth += wordWidth
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// Wraps text whose first row has less room than the rest: a description beside a title whose further rows
    /// start under the title, or a step's outcome beside its name and time whose further rows start under the name.
    /// The first row takes whole words only; when not even the first word fits there, the first row stays empty
    /// and the text starts on the wider rows (a word wider than those is broken). Runs of spaces become one.
    package static func hanging(_ text: String, first firstWidth: Int, rest restWidth: Int) -> [String] {
        let words = text.split(separator: " ").map(String.init)
        var first = ""
        var used = 0
        var taken = 0
        for word in words {
            // Measured word by word: a step's reason is laid out on every frame.
            let next = (taken == 0 ? 0 : used + 1) + DisplayWidth.of(word)
            guard next <= firstWidth else { break }
            first += (taken == 0 ? "" : " ") + word
            used = next
            taken += 1
        }
        if taken == 0, let word = words.first, DisplayWidth.of(word) > restWidth {
            // Wider than any row: broken wherever it starts, so it may as well start beside the title.
            first = DisplayWidth.truncate(word, to: max(0, firstWidth), ellipsis: "")
            let rest = ([String(word.dropFirst(first.count))] + words.dropFirst()).joined(separator: " ")
            return [first] + wrap(rest.trimmingCharacters(in: .whitespaces), width: restWidth)
        }
        let rest = words.dropFirst(taken).joined(separator: " ")
        return [first] + (rest.isEmpty ? [] : wrap(rest, width: restWidth))
    }
}
