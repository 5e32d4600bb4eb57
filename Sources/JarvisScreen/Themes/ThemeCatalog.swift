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
    package static func standard(
        environment: [String: String],
        executable: URL? = Bundle.main.executableURL
    ) -> ThemeCatalog {
        var folders: [URL] = []
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            folders.append(URL(fileURLWithPath: xdg).appendingPathComponent("jarvis-tui/themes"))
        } else if let home = environment["HOME"], !home.isEmpty {
            folders.append(URL(fileURLWithPath: home).appendingPathComponent(".config/jarvis-tui/themes"))
        }
        if let executable {
            folders.append(
                executable.resolvingSymlinksInPath().deletingLastPathComponent()
                    .appendingPathComponent("../share/jarvis-tui/themes").standardizedFileURL
            )
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
            throw ThemeError(
                source: "theme \(TerminalSafe.clip(name))",
                line: nil,
                message:
                    "no such theme; known: \(entries().map(\.name).joined(separator: ", ")) (see `jarvis-tui themes`)"
            )
        }
        return try ThemeParser.parse(entry.text, name: entry.name, source: entry.source)
    }

    /// The theme a run uses: `NO_COLOR` or a colourless terminal → mono; otherwise the requested one or default.
    package func select(requested: String?, environment: [String: String], colourCount: Int) throws(ThemeError) -> Theme
    {
        try load(Self.choose(requested: requested, environment: environment, colourCount: colourCount).name)
    }

    /// The name `select` would load, and why when it is not the requested one (nil colour count: unknown).
    package static func choose(
        requested: String?,
        environment: [String: String],
        colourCount: Int?
    ) -> (name: String, reason: String?) {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return (monoName, "NO_COLOR is set") }
        if let colourCount, colourCount < 8 {
            let term = TerminalSafe.clip(environment["TERM"] ?? "")
            let count = colourCount == 0 ? "no" : "only \(colourCount)"
            return (monoName, "the terminal (TERM=\(term)) has \(count) colours")
        }
        return (requested ?? defaultName, nil)
    }

    /// One sentence when `name` is not a theme here, listing those that are; nil when it is one.
    package func problem(naming name: String) -> String? {
        let names = entries().map(\.name)
        guard !names.contains(name) else { return nil }
        return "unknown theme '\(TerminalSafe.clip(name))'; choose one of: \(names.joined(separator: ", ")) "
            + "(see `jarvis-tui themes`)"
    }
}
