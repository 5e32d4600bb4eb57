import Foundation

/// Reads the theme file format (see themes/README.md):
///
///     # comment
///     description = One line shown by `jarvis-tui themes`
///     ROLE = [fg:COLOR] [bg:COLOR] [bold] [dim] [underline] [reverse] [italic]
///
/// COLOR is `default`, a name (`red`, `bright-blue` …), a number 0–255 or `#rrggbb`.
package enum ThemeParser {
    package static let maximumBytes = 64 * 1024

    package static func parse(_ text: String, name: String, source: String) throws(ThemeError) -> Theme {
        guard text.utf8.count <= maximumBytes else {
            throw ThemeError(
                source: source,
                line: nil,
                message: "the file is larger than \(maximumBytes / 1024) KB; a theme is a few lines"
            )
        }
        var theme = Theme(name: name, declared: [:])
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            var line = Substring(rawLine)
            if let hash = line.indices.first(where: { line[$0] == "#" && !isColourHash(line, at: $0) }) {
                line = line[..<hash]
            }
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw ThemeError(
                    source: source,
                    line: lineNumber,
                    message: "expected `ROLE = fg:COLOR bg:COLOR ATTRIBUTES`, found `\(TerminalSafe.clip(trimmed))`"
                )
            }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if key == "description" {
                theme.description = String(value.prefix(200))
                continue
            }
            guard let role = Role(rawValue: key) else {
                throw ThemeError(
                    source: source,
                    line: lineNumber,
                    message:
                        "unknown role `\(TerminalSafe.clip(key))`; known roles: \(Role.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            theme.declared[role] = try style(value, source: source, line: lineNumber)
        }
        return theme
    }

    /// A `#` starts a comment unless it begins a `#rrggbb` colour right after `fg:` or `bg:`.
    private static func isColourHash(_ line: Substring, at index: Substring.Index) -> Bool {
        line[..<index].hasSuffix("fg:") || line[..<index].hasSuffix("bg:")
    }

    private static func style(_ value: String, source: String, line: Int) throws(ThemeError) -> Style {
        var style = Style()
        for word in value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }) {
            let token = word.lowercased()
            if token.hasPrefix("fg:") || token.hasPrefix("bg:") {
                let colourText = String(token.dropFirst(3))
                guard let colour = colour(colourText) else {
                    throw ThemeError(
                        source: source,
                        line: line,
                        message:
                            "`\(TerminalSafe.clip(colourText))` is not a colour: use default, a name (\(ColorNames.all.joined(separator: ", "))), 0–255 or #rrggbb"
                    )
                }
                if token.hasPrefix("fg:") { style.foreground = colour } else { style.background = colour }
            } else if let attribute = TextAttribute(rawValue: token) {
                style.attributes.insert(attribute)
            } else {
                throw ThemeError(
                    source: source,
                    line: line,
                    message:
                        "`\(TerminalSafe.clip(token))` is neither fg:COLOR, bg:COLOR nor an attribute (\(TextAttribute.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
        }
        return style
    }

    package static func colour(_ text: String) -> ColorSpec? {
        if text == "default" { return .terminalDefault }
        if let index = ColorNames.all.firstIndex(of: text) { return .index(index) }
        if let number = Int(text), (0...255).contains(number) { return .index(number) }
        if text.hasPrefix("#"), text.count == 7, let value = UInt32(text.dropFirst(), radix: 16) {
            return .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        }
        return nil
    }
}

package enum ColorNames {
    /// Index = ANSI colour number.
    package static let all = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue",
        "bright-magenta", "bright-cyan", "bright-white",
    ]
}

package struct ThemeError: Error, CustomStringConvertible, Equatable {
    package let source: String
    package let line: Int?
    package let message: String
    package var description: String { "\(source)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

enum TerminalSafe {
    /// Outside text quoted in an error message: inert and short.
    static func clip(_ text: some StringProtocol) -> String {
        let safe = String(text).unicodeScalars.filter {
            $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value)
        }
        let string = String(String.UnicodeScalarView(safe))
        return string.count > 40 ? String(string.prefix(40)) + "…" : string
    }
}
