import Completion
import Foundation
import Testing

/// The built `jarvis-tui` binary, as users and scripts call it.
@Suite("Command line")
struct CommandLineTests {
    @Test func withoutClaudeFolderExitsTwoAndNamesInit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "jt-noclaude-\(UUID().uuidString.prefix(8))"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try JarvisBinary.run(
            ["end-session", "--plain", "--yes", "--cycles", "none", "--project", folder.path],
            in: folder
        )
        #expect(result.status == 2)
        #expect(result.errorOutput.contains("jarvis-tui init"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func malformedYAMLExitsTwoWithTheLineAndWritesNothing() throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        try fixture.write(
            ".claude/config/autonomy-config.yaml",
            "session_completion:\n  auto_push: true\n  cycles: [unclosed\n"
        )
        let before = snapshotTree(fixture.folder)
        let result = try JarvisBinary.run(["--plain", "--yes", "--cycles", "none"], in: fixture.root)
        #expect(result.status == 2)
        #expect(result.errorOutput.contains("autonomy-config.yaml:"))
        #expect(result.errorOutput.contains("autonomy-config.yaml:3:"), "\(result.errorOutput)")
        #expect(snapshotTree(fixture.folder) == before)
    }

    @Test func plainRunExitsZeroAndPrintsEveryStepAndTheSummary() throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let result = try JarvisBinary.run(
            ["end-session", "--plain", "--yes", "--cycles", "none"],
            in: fixture.root.appendingPathComponent("src")
        )
        #expect(result.status == 0, "\(result.errorOutput)")
        for step in StepID.allCases {
            #expect(result.output.contains("[\(step.number)/7] \(step.title):"))
        }
        #expect(result.output.contains("# Session Summary"))
        #expect(!result.output.contains("\u{1b}"))
    }

    @Test func jsonRunPrintsOneObjectPerLine() throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let result = try JarvisBinary.run(["--json", "--yes", "--cycles", "none"], in: fixture.root)
        #expect(result.status == 0)
        let objects = try result.output.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.first?["event"] as? String == "run_started")
        #expect(objects.last?["event"] as? String == "finished")
        #expect(objects.last?["exit_status"] as? Int == 0)
        #expect(objects.filter { $0["event"] as? String == "step_finished" }.count == 7)
        #expect(objects.allSatisfy { $0["time"] is String })
    }

    @Test func initScaffoldsAndNeverOverwrites() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "jt-init-\(UUID().uuidString.prefix(8))"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try AtomicFile.write("# Mine\nkeep\n", to: folder.appendingPathComponent(".claude/context/session-state.md"))
        let first = try JarvisBinary.run(["init", "--project", folder.path], in: folder)
        #expect(first.status == 0)
        #expect(
            try String(contentsOf: folder.appendingPathComponent(".claude/context/session-state.md"), encoding: .utf8)
                == "# Mine\nkeep\n"
        )
        let config = try String(
            contentsOf: folder.appendingPathComponent(".claude/config/autonomy-config.yaml"),
            encoding: .utf8
        )
        #expect(config.contains("auto_push: true"))
        // The config init writes is valid and produces no warnings.
        let loaded = try ConfigurationLoader(path: "x").parse(config)
        #expect(loaded.warnings.isEmpty)
        let ignore = try String(contentsOf: folder.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(ignore.contains(".claude/context/.checkpoint.md"))
        let snapshot = snapshotTree(folder)
        let second = try JarvisBinary.run(["init", "--project", folder.path], in: folder)
        #expect(second.status == 0)
        #expect(snapshotTree(folder) == snapshot)
    }

    @Test func closedStdoutDoesNotBreakTheRun() throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        // `| head -1`: the reader goes away after one line; the run still completes and commits.
        let shell = "'\(JarvisBinary.url.path)' --plain --yes --cycles none | head -1; echo \"status=${PIPESTATUS[0]}\""
        let result = try ProcessRunner.run(["bash", "-c", shell], in: fixture.root, timeout: .seconds(120))
        #expect(result.output.contains("status=0"))
        #expect(try fixture.git(["log", "-1", "--format=%s"]).hasPrefix("Session: "))
    }
}
