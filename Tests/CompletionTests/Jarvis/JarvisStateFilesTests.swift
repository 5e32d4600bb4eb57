import Foundation
import Testing

@testable import Completion

/// Jarvis' own config keys, component state file and session-state layout.
@Suite("Jarvis state files")
struct JarvisStateFilesTests {
    @Test("Jarvis' shipped AC-09 keys set their settings without an unknown-key warning")
    func shippedKeys() throws {
        let yaml = """
            components:
              AC-09-session:
                enabled: true
                settings:
                  offer_self_improve: false
                  preserve_history: false
                  generate_summary: false
            """
        let loaded = try ConfigurationLoader(path: "autonomy-config.yaml").parse(yaml)
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        #expect(!loaded.configuration.preCompletionOffer)
        #expect(!loaded.configuration.archiveConversation)
        #expect(!loaded.configuration.createSummary)
        // `session_completion` still wins where both forms set the same setting.
        let both = try ConfigurationLoader(path: "c.yaml").parse(
            yaml + "\nsession_completion:\n  create_summary: true\n"
        )
        #expect(both.configuration.createSummary)
    }

    @Test("a bold label ends a section; Next Session Pickup gives the next step and is never a decision")
    func labelsEndSections() {
        let document = MarkdownDocument(text: JarvisProjectFixture.sessionState)
        #expect(
            document.sectionItems(["Key Decisions"]) == [
                "Keep the watcher in bash: no new runtime on the machine",
                "Signals live in .claude/context and are ignored by git",
            ]
        )
        #expect(
            document.labelItems("Next Session Pickup") == [
                "Wire the exit-mode signal into the status line", "Phase C: Mac Studio infrastructure",
            ]
        )
        #expect(
            MarkdownDocument(text: "**Next Session Pickup:** ship it\n- later\n").labelItems("Next Session Pickup") == [
                "ship it", "later",
            ]
        )
        #expect(MarkdownDocument.isBoldLabel("**Current Blocker**: None"))
        #expect(!MarkdownDocument.isBoldLabel("- **Decision**: why"))
        #expect(!MarkdownDocument.isBoldLabel("**bold** text: not a label"))
    }

    @Test("the component state counts a session once, keeps the rest, and a broken file is left alone")
    func componentState() throws {
        let repository = try GitTestRepository()
        let state = ComponentStateFile(project: repository.project)
        let writer = ProjectWriter(project: repository.project, dryRun: false)
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        // Missing: created.
        #expect(state.recordSession("s-1", summary: nil, at: now, writer: writer) == nil)
        var json = try OrderedJSON.parse(try #require(repository.read(ComponentStateFile.path)))
        #expect(json["metrics"]?["total_sessions"] == .number("1"))
        // The same session again (a resumed or continued run): not counted twice.
        #expect(state.recordSession("s-1", summary: nil, at: now, writer: writer) == nil)
        json = try OrderedJSON.parse(try #require(repository.read(ComponentStateFile.path)))
        #expect(json["metrics"]?["total_sessions"] == .number("1"))
        #expect(state.recordSession("s-2", summary: nil, at: now, writer: writer) == nil)
        json = try OrderedJSON.parse(try #require(repository.read(ComponentStateFile.path)))
        #expect(json["metrics"]?["clean_exits"] == .number("2"))
        // Broken JSON: a warning naming the file and the line; the user's bytes stay.
        let broken = Data("{\n  \"metrics\": {\n    \"total_sessions\": 3,\n  }\n}\n".utf8)
        try repository.write(ComponentStateFile.path, broken)
        let warning = try #require(state.recordSession("s-3", summary: nil, at: now, writer: writer))
        #expect(warning.contains(ComponentStateFile.path) && warning.contains("line 4"), "\(warning)")
        #expect(repository.read(ComponentStateFile.path) == broken)
    }

    @Test("two runs in a row with no next step: the second says so again, its commit is not named after a placeholder")
    func placeholdersAreNotReadBack() async throws {
        let repository = try GitTestRepository()
        try repository.write(".claude/context/session-state.md", "# Session State\n\nMy notes.\n")
        try repository.write("one.txt", "1\n")
        let first = await JarvisTestRun.complete(JarvisTestRun.plan(repository))
        let state = String(decoding: repository.read(".claude/context/session-state.md") ?? Data(), as: UTF8.self)
        #expect(state.contains("**Next Step**: \(StatePlaceholder.noNextStep)"))
        #expect(state.contains("**Current Work**: \(StatePlaceholder.noCurrentWork)"))

        try repository.write("two.txt", "2\n")
        let second = await JarvisTestRun.complete(JarvisTestRun.plan(repository))
        #expect(second.result?.exitStatus == .completed)
        let subject = repository.headSubject
        #expect(subject.hasPrefix("Session: "))
        #expect(!StatePlaceholder.matches(String(subject.dropFirst("Session: ".count))), "\(subject)")
        #expect(!subject.contains("None: session ended"))
        let again = String(decoding: repository.read(".claude/context/session-state.md") ?? Data(), as: UTF8.self)
        #expect(again.contains("**Next Step**: \(StatePlaceholder.noNextStep)"))
        #expect(second.warnings.contains { $0.hasPrefix("no next step found") })
        let scores = try [first, second].map { try #require($0.result?.handoffQuality) }
        #expect(scores[1] <= scores[0], "\(scores)")
    }

    @Test("the user's Current Work section gives the current work: the owned field never contradicts it")
    func currentWorkSection() async throws {
        let repository = try GitTestRepository()
        let section = "## Current Work\n\nMigrating the importer to streams\n- the CSV reader first\n"
        let original = "# Session State\n\n" + section + "\n## Notes\nkeep\n"
        try repository.write(".claude/context/session-state.md", original)
        try repository.write("one.txt", "1\n")
        let first = await JarvisTestRun.complete(JarvisTestRun.plan(repository))
        #expect(first.result?.exitStatus == .completed)
        let state = String(decoding: repository.read(".claude/context/session-state.md") ?? Data(), as: UTF8.self)
        #expect(state.contains("**Current Work**: Migrating the importer to streams\n"), "\(state)")
        #expect(!state.contains(StatePlaceholder.noCurrentWork))
        #expect(state.contains(section + "\n## Notes\nkeep\n"))

        // The user moves on: the field follows the section, not what the tool wrote last time.
        try repository.write(
            ".claude/context/session-state.md",
            state.replacingOccurrences(
                of: "\nMigrating the importer to streams\n",
                with: "\nWriting the importer docs\n"
            )
        )
        try repository.write("two.txt", "2\n")
        _ = await JarvisTestRun.complete(JarvisTestRun.plan(repository))
        let again = String(decoding: repository.read(".claude/context/session-state.md") ?? Data(), as: UTF8.self)
        #expect(again.contains("**Current Work**: Writing the importer docs\n"), "\(again)")

        // A section that says there is none leaves the placeholder, which is never read back as work.
        try repository.write(".claude/context/session-state.md", "# Session State\n\n## Current Work\n- None\n")
        try repository.write("three.txt", "3\n")
        _ = await JarvisTestRun.complete(JarvisTestRun.plan(repository))
        let none = String(decoding: repository.read(".claude/context/session-state.md") ?? Data(), as: UTF8.self)
        #expect(none.contains("**Current Work**: \(StatePlaceholder.noCurrentWork)"))
        #expect(!repository.headSubject.contains(StatePlaceholder.noCurrentWork))
    }
}
