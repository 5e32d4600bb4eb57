import Foundation
import Testing

/// `jarvis-tui themes` and `jarvis-tui summary` as a user runs them (without a terminal: plain output).
@Suite struct CommandTests {
    func run(
        _ arguments: [String],
        in folder: URL? = nil,
        environment: [String: String] = [:]
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TmuxSession.binary)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("jt-cmd-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try String(contentsOf: output, encoding: .utf8))
    }

    @Test func themesListsEveryThemeAndMarksTheActiveOne() throws {
        let (status, output) = try run(["themes", "--theme", "dark"], environment: ["TERM": "xterm-256color"])
        #expect(status == 0)
        for name in ["default", "dark", "light", "high-contrast", "mono"] { #expect(output.contains(" \(name) ")) }
        #expect(output.contains("* dark "))
        #expect(output.contains("[built-in]"))
    }

    @Test func noColorMakesMonoActive() throws {
        let (_, output) = try run(["themes"], environment: ["NO_COLOR": "1"])
        #expect(output.contains("* mono "))
        #expect(output.contains("NO_COLOR is set"))
    }

    @Test func aTerminalWithoutColoursMakesMonoActiveAndSaysWhy() throws {
        let (status, output) = try run(["themes", "--theme", "dark"], environment: ["TERM": "vt100"])
        #expect(status == 0)
        #expect(output.contains("* mono "))
        #expect(!output.contains("* dark "))
        #expect(output.contains("The UI uses mono: the terminal (TERM=vt100) has no colours."))
    }

    @Test func anUnknownThemeOptionIsAUsageErrorListingTheThemes() throws {
        let sample = try TerminalSampleProject.make()
        defer { sample.remove() }
        let head = sample.git("rev-parse", "HEAD")
        let (status, output) = try run(["end-session", "--plain", "--theme", "bogus"], in: sample.root)
        #expect(status == 2)
        #expect(output.contains("unknown theme 'bogus'; choose one of: dark, default, high-contrast, light, mono"))
        #expect(sample.git("rev-parse", "HEAD") == head)
        #expect(sample.summaries.isEmpty)
        let (viewerStatus, viewerOutput) = try run(
            ["summary", "--plain", "--theme", "bogus", "README.md"],
            in: sample.root
        )
        #expect(viewerStatus == 2)
        #expect(viewerOutput.contains("unknown theme 'bogus'"))
    }

    @Test func aBrokenUserThemeIsReportedWithItsLine() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("jt-cmd-\(UUID().uuidString)")
        let folder = home.appendingPathComponent("jarvis-tui/themes")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try "ok = fg:green\nwarn = fg:nonsense\n".write(
            to: folder.appendingPathComponent("broken.theme"),
            atomically: true,
            encoding: .utf8
        )
        let (status, output) = try run(["themes"], environment: ["XDG_CONFIG_HOME": home.path])
        #expect(status == 2)
        #expect(output.contains("broken.theme:2: `nonsense` is not a colour"))
    }

    @Test func anUnknownThemeIsAUsageError() throws {
        let (status, output) = try run(["themes", "--theme", "solarised"])
        #expect(status == 2)
        #expect(output.contains("'solarised' does not exist"))
    }

    @Test func summaryWithoutATerminalPrintsTheLatestSummaryInert() throws {
        let sample = try TerminalSampleProject.make()
        defer { sample.remove() }
        let folder = sample.project.summariesFolder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "# Old\n".write(
            to: folder.appendingPathComponent("session-2026-01-01.md"),
            atomically: true,
            encoding: .utf8
        )
        try "# Newest \u{1B}[2J\n".write(
            to: folder.appendingPathComponent("session-2026-01-01-2.md"),
            atomically: true,
            encoding: .utf8
        )
        let (status, output) = try run(["summary"], in: sample.root)
        #expect(status == 0)
        #expect(output.contains("# Newest"))
        #expect(!output.contains("\u{1B}"))
    }

    @Test(arguments: ["no-such-file.md", "/"])
    func summaryOfAMissingOrWrongFileSaysWhy(path: String) throws {
        let (status, output) = try run(["summary", path])
        #expect(status == 2)
        #expect(output.contains(path == "/" ? "is a folder" : "no such file"))
    }

    @Test func summaryOfBinaryGarbageIsRefused() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jt-garbage-\(UUID().uuidString).md")
        try Data([0xFF, 0xFE, 0x00, 0xC3, 0x28]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, output) = try run(["summary", file.path])
        #expect(status == 2)
        #expect(output.contains("not UTF-8"))
    }
}
