import Completion
import Foundation
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    let loader = ConfigurationLoader(path: "/p/.claude/config/autonomy-config.yaml")

    @Test func defaultsWhenTheFileIsEmpty() throws {
        let loaded = try loader.parse("")
        #expect(loaded.configuration == Configuration())
        #expect(loaded.warnings.isEmpty)
    }

    @Test func readsTheSessionCompletionForm() throws {
        let loaded = try loader.parse(
            """
            session_completion:
              auto_push: false
              pre_completion_offer: no
              memory_server: mem2
              cycles:
                reflection:
                  command: ["claude", "-p", "/reflect"]
                  timeout_seconds: 30
              git:
                stage: paths
                paths: [src]
                max_file_size_mb: 2
            """
        )
        let c = loaded.configuration
        #expect(c.autoPush == false)
        #expect(c.preCompletionOffer == false)
        #expect(c.memoryServer == "mem2")
        #expect(c.cycles[.reflection] == CycleCommand(argv: ["claude", "-p", "/reflect"], timeout: .seconds(30)))
        #expect(c.git.stage == .paths)
        #expect(c.git.paths == ["src"])
        #expect(c.git.maxFileSizeMB == 2)
    }

    @Test func readsTheComponentsForm() throws {
        let loaded = try loader.parse(
            """
            components:
              AC-09-session:
                enabled: true
                version: 1.0.0
                settings:
                  auto_push: false
                  create_summary: false
              AC-05-reflection:
                enabled: true
            """
        )
        #expect(loaded.configuration.autoPush == false)
        #expect(loaded.configuration.createSummary == false)
        #expect(loaded.warnings.isEmpty)
    }

    @Test func sessionCompletionWinsOverComponentsWhenBothSetAKey() throws {
        let loaded = try loader.parse(
            """
            components:
              AC-09-session:
                settings:
                  auto_push: false
            session_completion:
              auto_push: true
            """
        )
        #expect(loaded.configuration.autoPush == true)
    }

    @Test func unknownKeysWarnWithTheirLine() throws {
        let loaded = try loader.parse(
            """
            session_completion:
              auto_push: true
              auto_pusj: false
              git:
                stagee: all
            other_component:
              whatever: 1
            """
        )
        #expect(loaded.warnings.count == 2)
        #expect(loaded.warnings[0].line == 3)
        #expect(loaded.warnings[0].message.contains("session_completion.auto_pusj"))
        #expect(loaded.warnings[1].line == 5)
        #expect(loaded.warnings[1].description.hasPrefix("/p/.claude/config/autonomy-config.yaml:5:"))
    }

    @Test func malformedYAMLNamesLineAndColumn() {
        #expect {
            _ = try loader.parse("session_completion:\n  auto_push: true\n   bad: [unclosed\n")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.line == 3 && error.column > 0 && error.description.contains("autonomy-config.yaml:3:")
        }
    }

    @Test func wrongTypesAreErrorsWithPosition() {
        #expect {
            _ = try loader.parse("session_completion:\n  auto_push: sometimes\n")
        } throws: { error in
            (error as? ConfigurationError).map { $0.line == 2 && $0.message.contains("true or false") } ?? false
        }
        #expect {
            _ = try loader.parse("session_completion:\n  cycles:\n    reflection:\n      command: claude -p /reflect\n")
        } throws: { error in
            (error as? ConfigurationError).map { $0.line == 4 && $0.message.contains("list") } ?? false
        }
    }

    @Test func hostileAndHugeInputNeverCrashes() {
        let inputs = [
            "\u{0}\u{1}\u{1b}[2J", "[", "{", "- - - -", "session_completion: [1, 2]", "session_completion: 5",
            String(repeating: "a: [", count: 500), "&a [*a]", "session_completion:\n  auto_push: *undefined",
            "session_completion:\n" + String(repeating: "  k: v\n", count: 20_000),
            "session_completion:\n  context_window: 99999999999999999999999",
        ]
        for input in inputs {
            do { _ = try loader.parse(input) } catch {
                #expect(error.line >= 1)
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test func precedenceEnvironmentOverCommandLineOverFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "jt-config-\(UUID().uuidString.prefix(8))"
        )
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = Project(root: folder)
        try AtomicFile.write(
            "session_completion:\n  pre_completion_offer: true\n  auto_commit: true\n",
            to: project.configFile
        )

        let fromFile = try ConfigurationResolver.resolve(project: project, commandLine: .init(), environment: [:])
        #expect(fromFile.configuration.preCompletionOffer)

        let commandLine = try ConfigurationResolver.resolve(
            project: project,
            commandLine: .init(autoCommit: false),
            environment: [:]
        )
        #expect(commandLine.configuration.autoCommit == false)

        let env = try ConfigurationResolver.resolve(
            project: project,
            commandLine: .init(preCompletionOffer: true),
            environment: ["JARVIS_DISABLE_AC09": "true"]
        )
        #expect(env.configuration.preCompletionOffer == false)
        #expect(env.offerSuppressedBy == "JARVIS_DISABLE_AC09")

        let stop = try ConfigurationResolver.resolve(
            project: project,
            commandLine: .init(),
            environment: ["JARVIS_EMERGENCY_STOP": "1"]
        )
        #expect(stop.emergencyStop)
    }
}

extension ConfigurationTests {
    /// An error the parser finds at the end of the input is on the last line the user sees, not the one after it.
    @Test func anErrorAtTheEndOfTheFileIsOnItsLastLine() {
        #expect {
            _ = try loader.parse("session_completion:\n  auto_push: [true\n")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.line == 2 && error.description.contains("autonomy-config.yaml:2:")
        }
    }
}
