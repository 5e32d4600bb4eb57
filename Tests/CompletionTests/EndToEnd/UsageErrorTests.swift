import Foundation
import Testing

@testable import Completion

/// Every usage error of the built binary: exit status 2 and one sentence that says what is wrong and what to do,
/// never the argument parser's 64 nor a Foundation error dump.
@Suite("Usage errors")
struct UsageErrorTests {
    static func expectUsageError(
        _ result: ProcessResult,
        saying phrases: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.status == 2, "exit \(result.status): \(result.errorOutput)", sourceLocation: sourceLocation)
        for phrase in phrases {
            #expect(result.errorOutput.contains(phrase), "\(result.errorOutput)", sourceLocation: sourceLocation)
        }
        #expect(!(result.output + result.errorOutput).contains("Error Domain="), sourceLocation: sourceLocation)
    }

    @Test func parserRejectionsExitTwo() throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        for arguments in [
            ["--plain", "--frobnicate"], ["end-session", "--cycles", "sometimes"],
            ["end-session", "--plain", "--json"], ["rollback", "--project"], ["summary", "a", "b"],
        ] {
            let result = try JarvisBinary.run(arguments, in: fixture.root)
            Self.expectUsageError(result, saying: [])
            #expect(!result.errorOutput.isEmpty, "\(arguments) printed nothing")
        }
    }

    @Test func anUnknownSubcommandListsTheSubcommandsAndSuggestsTheNearest() throws {
        let folder = FileManager.default.temporaryDirectory
        let typo = try JarvisBinary.run(["rollbak"], in: folder)
        Self.expectUsageError(
            typo,
            saying: [
                "unknown command 'rollbak'", "Did you mean 'rollback'?",
                "end-session", "init", "summary", "themes",
            ]
        )
        let unrelated = try JarvisBinary.run(["xyzzy"], in: folder)
        Self.expectUsageError(unrelated, saying: ["unknown command 'xyzzy'", "Commands: end-session"])
        #expect(!unrelated.errorOutput.contains("Did you mean"))
    }

    @Test func projectErrorsSayWhatIsWrongWithThePath() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("jt-usage-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("notes.txt")
        try Data("x".utf8).write(to: file)
        for command in [["end-session", "--plain"], ["rollback"], ["summary"]] {
            Self.expectUsageError(
                try JarvisBinary.run(command + ["--project", ""], in: folder),
                saying: ["--project is empty"]
            )
            Self.expectUsageError(
                try JarvisBinary.run(command + ["--project", folder.path + "/missing"], in: folder),
                saying: ["missing: no such folder"]
            )
            Self.expectUsageError(
                try JarvisBinary.run(command + ["--project=" + file.path], in: folder),
                saying: ["notes.txt is a file, not a folder"]
            )
        }
        let bare = try JarvisBinary.run(["end-session", "--plain", "--project", folder.path], in: folder)
        Self.expectUsageError(bare, saying: ["no .claude/ folder", "jarvis-tui init"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
    }

    @Test func anExplicitTranscriptThatCannotBeReadIsAUsageError() throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let before = snapshotTree(fixture.folder)
        let missing = try JarvisBinary.run(
            ["--plain", "--yes", "--cycles", "none", "--transcript", "/nonexistent/s.jsonl"],
            in: fixture.root
        )
        Self.expectUsageError(missing, saying: ["--transcript /nonexistent/s.jsonl: no such file"])
        let folder = try JarvisBinary.run(
            ["--plain", "--yes", "--cycles", "none", "--transcript", fixture.root.path],
            in: fixture.root
        )
        Self.expectUsageError(folder, saying: ["is not a regular file"])
        #expect(snapshotTree(fixture.folder) == before)
    }

    /// Real Foundation failures, as the steps meet them, read as a sentence with the path.
    @Test func foundationErrorsBecomeSentencesNamingTheFile() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("jt-sentence-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("a.md")
        try Data("a".utf8).write(to: target)
        do {
            try FileManager.default.copyItem(at: target, to: target)
            Issue.record("copying onto an existing file succeeded")
        } catch {
            #expect(String(describing: error).contains("Error Domain="), "the dump this guards against")
            let sentence = ErrorSentence.describe(error)
            #expect(sentence.contains(target.path) && sentence.contains("already exists"), "\(sentence)")
            #expect(!sentence.contains("Error Domain="))
        }
        do {
            try Data("b".utf8).write(to: target.appendingPathComponent("inside.md"))
            Issue.record("writing below a file succeeded")
        } catch {
            let sentence = ErrorSentence.describe(error)
            #expect(sentence.hasPrefix("could not write \(target.path)/inside.md: "), "\(sentence)")
            #expect(!sentence.contains("Error Domain="))
        }
        #expect(ErrorSentence.describe(ProjectNotFound(start: "/p")) == ProjectNotFound(start: "/p").description)
    }
}

extension UsageErrorTests {
    @Test func malformedJSONIsASentenceWithTheParsersWords() {
        do {
            _ = try JSONSerialization.jsonObject(with: Data("{\"a\": ".utf8))
            Issue.record("malformed JSON parsed")
        } catch {
            let sentence = ErrorSentence.describe(error)
            #expect(sentence.hasPrefix("malformed JSON"), "\(sentence)")
            #expect(!sentence.contains("Error Domain="))
        }
    }
}
