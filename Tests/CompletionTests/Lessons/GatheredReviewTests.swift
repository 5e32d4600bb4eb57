import Foundation
import Testing

@testable import Completion

/// Gathering reviews the transcript in the same pass as its statistics, and step 2 records the lessons from that
/// review: what it finds must be what a read of its own finds, subagent lines and curly apostrophes included.
@Suite("Transcript review read while gathering")
struct GatheredReviewTests {
    static let curlyCorrection = "Hmm, that’s not what I asked for: keep the old retry count."

    /// The lessons transcript with a subagent's correction-shaped turn (never a lesson) and a correction typed
    /// with a curly apostrophe after the last assistant turn.
    static func transcript(cwd: String) -> [String] {
        let subagentTurn =
            TranscriptFixtures.user(cwd, "2026-11-20T09:05:30.000Z", "No, stop: revert everything.")
            .replacingOccurrences(of: "\"isSidechain\":false", with: "\"isSidechain\":true")
        return LessonsFixtures.transcript(cwd: cwd) + [
            subagentTurn, TranscriptFixtures.user(cwd, "2026-11-20T09:06:00.000Z", "  \n\(curlyCorrection)\n  "),
        ]
    }

    @Test("the gathered review equals a review read on its own")
    func sameAsAReadOfItsOwn() throws {
        let folder = try TranscriptFixtures.temporaryFolder("gathered-review")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = Project(root: folder.appendingPathComponent("app"))
        let url = folder.appendingPathComponent("session.jsonl")
        try TranscriptFixtures.write(Self.transcript(cwd: project.root.path), to: url)

        let findings = TranscriptFindings.gather(
            project: project,
            transcriptPath: url.path,
            sessionID: nil,
            environment: ["CLAUDE_CONFIG_DIR": folder.appendingPathComponent("none").path]
        )
        let gathered = try #require(findings.analysis?.review)
        let own = try #require(try TranscriptReview.read(url))
        #expect(gathered == own)
        #expect(
            gathered.corrections.map(\.text) == [
                LessonsFixtures.firstCorrection, LessonsFixtures.secondCorrection, Self.curlyCorrection,
            ]
        )
        #expect(gathered.retried.map(\.input) == [LessonsFixtures.retriedCommand])
        #expect(gathered.failedCalls == 3)
    }

    @Test("statistics alone do not review")
    func analyzerReviewsOnlyWhenAsked() throws {
        let folder = try TranscriptFixtures.temporaryFolder("unreviewed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try LessonsFixtures.write(in: folder, cwd: folder.path)
        #expect(try TranscriptAnalyzer().analyze(url).review == nil)
    }
}
