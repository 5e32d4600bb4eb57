import Foundation

/// Finds themes: the user's folder, the folder installed next to the binary, then the built-in copies.
package struct ThemeCatalog: Sendable {
    package struct Entry: Sendable, Equatable {
        package let name: String
        /// The file it comes from, or "built-in".
        package let source: String
        package let text: String
    }

    package let folders: [URL]

    package init(folders: [URL]) { self.folders = folders }

    package static let defaultName = "default"
    package static let monoName = "mono"

    /// `$XDG_CONFIG_HOME/jarvis-tui/themes` (or `~/.config/…`) and `<binary>/../share/jarvis-tui/themes`.
    package static func standard(environment: [String: String], executable: URL? = Bundle.main.executableURL) -> ThemeCatalog {
        var folders: [URL] = []
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            folders.append(URL(fileURLWithPath: xdg).appendingPathComponent("jarvis-tui/themes"))
        } else if let home = environment["HOME"], !home.isEmpty {
            folders.append(URL(fileURLWithPath: home).appendingPathComponent(".config/jarvis-tui/themes"))
        }
        if let executable {
            folders.append(executable.resolvingSymlinksInPath().deletingLastPathComponent()
                .appendingPathComponent("../share/jarvis-tui/themes").standardizedFileURL)
        }
        return ThemeCatalog(folders: folders)
    }

    /// Every theme by name; a file overrides a built-in one of the same name.
    package func entries() -> [Entry] {
        var byName: [String: Entry] = [:]
        for (name, text) in BuiltinThemes.files { byName[name] = Entry(name: name, source: "built-in", text: text) }
        for folder in folders.reversed() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for file in names where file.hasSuffix(".theme") {
                let url = folder.appendingPathComponent(file)
                guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                let name = String(file.dropLast(".theme".count))
                byName[name] = Entry(name: name, source: url.path, text: text)
            }
        }
        return byName.values.sorted { $0.name < $1.name }
    }

    package func load(_ name: String) throws(ThemeError) -> Theme {
        guard let entry = entries().first(where: { $0.name == name }) else {
            throw ThemeError(source: "theme \(TerminalSafe.clip(name))", line: nil,
                             message: "no such theme; known: \(entries().map(\.name).joined(separator: ", ")) (see `jarvis-tui themes`)")
        }
        return try ThemeParser.parse(entry.text, name: entry.name, source: entry.source)
    }

    /// The theme a run uses: `NO_COLOR` or a colourless terminal → mono; otherwise the requested one or default.
    package func select(requested: String?, environment: [String: String], colourCount: Int) throws(ThemeError) -> Theme {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return try load(Self.monoName) }
        if colourCount < 8 { return try load(Self.monoName) }
        return try load(requested ?? Self.defaultName)
    }
}
