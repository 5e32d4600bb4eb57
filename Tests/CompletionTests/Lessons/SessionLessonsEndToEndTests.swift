import Foundation
import Testing

@testable import Completion

/// The lessons files through the real binary on a real repository: the reflection cycle and step 2 share one
/// implementation, so corrections found by both, and by a second run, are written once.
@Suite("Lessons files (corrections.md, self-corrections.md), end to end")
struct SessionLessonsEndToEndTests {
    static let notes = """
        ## Corrections
        - Keep the CSV parser streaming: files reach 2 GB
        ## Self-Corrections
        - Ran the tests before installing the fixtures; install them first
        """

    @Test("notes and transcript corrections reach the files once; the summary counts them")
    func notesAndTranscript() throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let transcript = try LessonsFixtures.write(in: fixture.folder, cwd: fixture.root.path)
        let notes = fixture.folder.appendingPathComponent("notes.md")
        try Self.notes.write(to: notes, atomically: true, encoding: .utf8)
        let arguments = ["--plain", "--yes", "--transcript", transcript.path, "--notes", notes.path]

        let first = try JarvisBinary.run(arguments + ["--cycles", "reflection"], in: fixture.root)
        #expect(first.status == 0, "\(first.output)\(first.errorOutput)")
        let corrections = fixture.read(".claude/context/lessons/corrections.md")
        for lesson in [
            "Keep the CSV parser streaming", LessonsFixtures.firstCorrection, LessonsFixtures.secondCorrection,
        ] {
            #expect(LessonsFixtures.count(lesson, in: corrections) == 1, "\(lesson) in \(corrections ?? "nothing")")
        }
        let selfCorrections = fixture.read(".claude/context/lessons/self-corrections.md")
        #expect(LessonsFixtures.count("install them first", in: selfCorrections) == 1)
        #expect(LessonsFixtures.count("`Bash` `\(LessonsFixtures.retriedCommand)` failed", in: selfCorrections) == 1)
        #expect(first.output.contains("user correction (line 4)"), "\(first.output)")

        let summaries = fixture.root.appendingPathComponent(".claude/reports/sessions")
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: summaries.path).first { $0.hasSuffix(".md") }
        )
        let summary = fixture.read(".claude/reports/sessions/\(name)")
        #expect(summary?.contains("Lessons: 3 corrections (0 new)") == true, "\(summary ?? "")")
        #expect(summary?.contains("- \(LessonsFixtures.secondCorrection)") == true)  // in the Corrections section
        // The files are the session's work: the session commit holds them.
        #expect(try fixture.git(["show", "--stat", "HEAD"]).contains("lessons/corrections.md"))

        let second = try JarvisBinary.run(arguments + ["--cycles", "none"], in: fixture.root)
        #expect(second.status == 0, "\(second.output)\(second.errorOutput)")
        #expect(fixture.read(".claude/context/lessons/corrections.md") == corrections)
        #expect(fixture.read(".claude/context/lessons/self-corrections.md") == selfCorrections)
    }
}
