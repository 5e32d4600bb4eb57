import Foundation
import Testing

@testable import JarvisScreen

/// A frame as text plus how the theme styles it: under the text, one letter per cell naming its style, and a
/// legend of the letters. The same screen in two themes then differs where a person would see it differ (a
/// highlight that is reverse video in `mono` and a colour in `default`). Compared like `ScreenGolden`.
enum ThemedGolden {
    static func text(_ buffer: CellBuffer, theme: Theme) -> String {
        var letters: [String: Character] = [:]
        var legend: [(Character, String)] = []
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var rows: [String] = []
        for y in 0..<buffer.height {
            var row = ""
            for x in 0..<buffer.width {
                let style = describe(theme.style(for: buffer[x, y].role))
                if letters[style] == nil {
                    let letter = alphabet[min(legend.count, alphabet.count - 1)]
                    letters[style] = letter
                    legend.append((letter, style))
                }
                row.append(letters[style]!)
            }
            rows.append(row)
        }
        let described = legend.map { "\($0.0) = \($0.1)" }
        return ([buffer.text, "--- styles in \(theme.name) ---"] + rows + described).joined(separator: "\n") + "\n"
    }

    static func describe(_ style: Style) -> String {
        var parts: [String] = []
        if let foreground = style.foreground { parts.append("fg:" + describe(foreground)) }
        if let background = style.background { parts.append("bg:" + describe(background)) }
        parts += style.attributes.map(\.rawValue).sorted()
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }

    static func describe(_ colour: ColorSpec) -> String {
        switch colour {
        case .terminalDefault: "default"
        case .index(let index): "\(index)"
        case .rgb(let r, let g, let b): String(format: "#%02x%02x%02x", r, g, b)
        }
    }

    static func check(
        _ buffer: CellBuffer,
        theme name: String,
        named: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let theme = try ThemeCatalog(folders: []).load(name)
        let url = ScreenGolden.folder.appendingPathComponent(named + ".txt")
        let actual = text(buffer, theme: theme)
        if ProcessInfo.processInfo.environment["JARVIS_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(
                "missing golden file \(url.path); run with JARVIS_UPDATE_GOLDEN=1 and review it",
                sourceLocation: sourceLocation
            )
            return
        }
        #expect(actual == expected, "frame differs from \(named).txt:\n\(actual)", sourceLocation: sourceLocation)
    }
}
