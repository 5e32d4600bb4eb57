import Foundation
import Testing

@testable import JarvisScreen

@Suite struct ThemeTests {
    static var themesFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes")
    }

    @Test func theEmbeddedCopiesMatchTheThemeFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesFolder.path).filter {
            $0.hasSuffix(".theme")
        }
        #expect(Set(files.map { String($0.dropLast(6)) }) == Set(BuiltinThemes.files.keys))
        for file in files {
            let text = try String(contentsOf: Self.themesFolder.appendingPathComponent(file), encoding: .utf8)
            #expect(
                text.trimmingCharacters(in: .newlines)
                    == BuiltinThemes.files[String(file.dropLast(6))]?.trimmingCharacters(in: .newlines),
                "\(file) differs from its embedded copy: run scripts/embed-themes"
            )
        }
    }

    @Test(arguments: ["default", "dark", "light", "high-contrast", "mono"])
    func everyBuiltInThemeParsesAndStylesEveryRole(name: String) throws {
        let theme = try ThemeCatalog(folders: []).load(name)
        #expect(!theme.description.isEmpty)
        for role in Role.allCases { _ = theme.style(for: role) }
        #expect(theme.usesColour == (name != "mono"))
    }

    @Test func highContrastNeverTellsStatusByRedOrGreenAlone() throws {
        let theme = try ThemeCatalog(folders: []).load("high-contrast")
        for role in [Role.ok, .warn, .error] {
            #expect(!theme.style(for: role).attributes.isEmpty, "\(role) must carry an attribute besides its colour")
        }
        let colours = [Role.ok, .warn, .error].map { theme.style(for: $0) }
        #expect(
            Set(
                colours.map {
                    "\($0.attributes.sorted { $0.rawValue < $1.rawValue })\(String(describing: $0.background))"
                }
            ).count == 3
        )
    }

    @Test func coloursResolveAt8And16And256() {
        let salmon = ColorSpec.rgb(0xFF, 0x5F, 0x5F)
        #expect(ColorResolver(colourCount: 256).resolve(salmon) == 203)
        #expect([1, 9].contains(ColorResolver(colourCount: 16).resolve(salmon)))
        #expect(ColorResolver(colourCount: 8).resolve(salmon) == 1)
        #expect(ColorResolver(colourCount: 256).resolve(.index(244)) == 244)
        #expect(ColorResolver(colourCount: 16).resolve(.index(244)) == 8)
        #expect(ColorResolver(colourCount: 8).resolve(.index(244)) == 7)
        #expect(ColorResolver(colourCount: 8).resolve(.index(12)) == 4)
        #expect(ColorResolver(colourCount: 88).resolve(.index(3)) == 3)
        #expect(ColorResolver(colourCount: 256).resolve(.terminalDefault) == -1)
        #expect(ColorResolver(colourCount: 256).resolve(nil) == -1)
    }

    @Test(arguments: [8, 16, 256])
    func everyThemeResolvesEveryRoleWithinTheTerminalsColours(colours: Int) throws {
        let resolver = ColorResolver(colourCount: colours)
        for entry in ThemeCatalog(folders: []).entries() {
            let theme = try ThemeParser.parse(entry.text, name: entry.name, source: entry.source)
            for role in Role.allCases {
                let style = theme.style(for: role)
                #expect(
                    (-1..<colours).contains(resolver.resolve(style.foreground)),
                    "\(entry.name).\(role) fg at \(colours)"
                )
                #expect(
                    (-1..<colours).contains(resolver.resolve(style.background)),
                    "\(entry.name).\(role) bg at \(colours)"
                )
            }
            // Selected text must stay readable: unless it is drawn reversed, its colours never collapse into one.
            let selected = theme.style(for: .selected)
            if !selected.attributes.contains(.reverse), let fg = selected.foreground, let bg = selected.background {
                #expect(
                    resolver.resolve(fg) != resolver.resolve(bg),
                    "\(entry.name): selection unreadable at \(colours) colours"
                )
            }
        }
    }

    @Test func missingRolesInheritFromTheirParent() throws {
        let theme = try ThemeParser.parse(
            "normal = fg:white bg:blue\ntitle = fg:red bold\nheading = underline\n",
            name: "t",
            source: "t.theme"
        )
        #expect(theme.style(for: .code) == Style(foreground: .index(7), background: .index(4)))
        #expect(
            theme.style(for: .heading) == Style(foreground: .index(1), background: .index(4), attributes: [.underline])
        )
        #expect(theme.style(for: .title).attributes == [.bold])
    }

    @Test func theFormatAcceptsNamesNumbersHexAndComments() throws {
        let theme = try ThemeParser.parse(
            "# c\ndescription = Mine # not a comment? yes it is\nok = fg:#00ff00 bg:bright-black # trailing\nwarn = fg:214, bold,underline\n",
            name: "m",
            source: "m.theme"
        )
        #expect(theme.description == "Mine")
        #expect(theme.declared[.ok] == Style(foreground: .rgb(0, 255, 0), background: .index(8)))
        #expect(theme.declared[.warn] == Style(foreground: .index(214), attributes: [.bold, .underline]))
    }

    @Test(arguments: [
        ("titel = bold", "line 1", "unknown role `titel`"),
        ("ok = fg:purple", "line 1", "`purple` is not a colour"),
        ("\n\nok = fg:256", "line 3", "`256` is not a colour"),
        ("ok = blink", "line 1", "neither fg:COLOR"),
        ("just words", "line 1", "expected `ROLE ="),
        ("ok = fg:#12345", "line 1", "is not a colour"),
    ])
    func badLinesAreReportedWithFileAndLine(input: String, line: String, message: String) {
        #expect {
            _ = try ThemeParser.parse(input, name: "bad", source: "bad.theme")
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("bad.theme:" + line.dropFirst(5)) && text.contains(message)
        }
    }

    @Test func hugeAndHostileFilesAreRefused() {
        #expect(throws: ThemeError.self) {
            try ThemeParser.parse(String(repeating: "# x\n", count: 40_000), name: "h", source: "h.theme")
        }
        #expect {
            _ = try ThemeParser.parse("\u{1B}[2J = bold", name: "h", source: "h.theme")
        } throws: { error in !String(describing: error).contains("\u{1B}") }
    }

    @Test func noColorAndColourlessTerminalsGetMono() throws {
        let catalog = ThemeCatalog(folders: [])
        #expect(try catalog.select(requested: "dark", environment: ["NO_COLOR": "1"], colourCount: 256).name == "mono")
        #expect(try catalog.select(requested: "dark", environment: [:], colourCount: 0).name == "mono")
        #expect(try catalog.select(requested: "dark", environment: ["NO_COLOR": ""], colourCount: 8).name == "dark")
        #expect(try catalog.select(requested: nil, environment: [:], colourCount: 256).name == "default")
    }

    @Test func anUnknownThemeNamesTheKnownOnes() {
        #expect {
            _ = try ThemeCatalog(folders: []).load("solarised")
        } throws: { error in String(describing: error).contains("default, high-contrast, light, mono") }
    }

    @Test func aUserFolderAddsAndOverridesThemesFromAnyDirectory() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("jt-themes-\(UUID().uuidString)")
        let folder = home.appendingPathComponent("jarvis-tui/themes")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try "description = Mine\nok = fg:blue\n".write(
            to: folder.appendingPathComponent("mine.theme"),
            atomically: true,
            encoding: .utf8
        )
        try "description = Overridden\n".write(
            to: folder.appendingPathComponent("dark.theme"),
            atomically: true,
            encoding: .utf8
        )
        let catalog = ThemeCatalog.standard(
            environment: ["XDG_CONFIG_HOME": home.path],
            executable: URL(fileURLWithPath: "/nonexistent/bin/jarvis-tui")
        )
        #expect(catalog.folders.first?.standardizedFileURL.path == folder.standardizedFileURL.path)
        #expect(catalog.folders.last?.path == "/nonexistent/share/jarvis-tui/themes")
        #expect(try catalog.load("mine").declared[.ok]?.foreground == .index(4))
        #expect(try catalog.load("dark").description == "Overridden")
        #expect(catalog.entries().first { $0.name == "light" }?.source == "built-in")
    }
}
