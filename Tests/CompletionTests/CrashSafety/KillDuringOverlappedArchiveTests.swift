import Foundation
import Testing

@testable import Completion

/// Step 4's zstd copy and digest are finished while step 5 commits and pushes. A real `jarvis-tui` continuing a
/// finished session (new work and a longer transcript since its archive was made) is stopped there — before the
/// commit, after it, before and after the push, after step 5, in the middle of the copy — and killed with
/// SIGKILL. At the kill the archive must be the previous one, whole; after the re-run it must be the new one,
/// whole, with one session commit for the new work, pushed, and no temporary file left.
@Suite("Kill during the overlapped archive")
struct KillDuringOverlappedArchiveTests {
    static let points = [
        "before-commit", "after-commit", "before-push", "after-push", "after:git", "chat-history:mid-copy",
    ]

    @Test(arguments: points)
    func killedWhileTheArchiveOverlapsTheCommitThenRerunFinishesIt(point: String) async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let transcript = fixture.folder.appendingPathComponent("transcript.jsonl")
        try TranscriptFixtures.write(TranscriptFixtures.realistic(cwd: fixture.root.path), to: transcript)
        let arguments = ["--plain", "--yes", "--cycles", "none", "--transcript", transcript.path]
        let first = try JarvisBinary.run(arguments, in: fixture.root)
        #expect(first.status == 0, "\(first.output.suffix(800))\(first.errorOutput)")
        let previous = try Data(contentsOf: transcript)
        let commitsBefore = try sessionCommits(fixture)

        // The session goes on: a new file and one more exchange, then the completion runs again and is killed.
        try fixture.write("docs/after-the-first-completion.md", "More work after the first completion.\n")
        try appendTurn(to: transcript, cwd: fixture.root.path)
        let pauseFile = fixture.folder.appendingPathComponent("paused")
        let process = try KilledRun.start(in: fixture.root, pauseAt: point, pauseFile: pauseFile, arguments: arguments)
        let paused = await KilledRun.waitForFile(pauseFile, process: process, seconds: 60)
        let archiveAtKill = try archive(fixture)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(paused, "the run never reached \(point) (exit \(process.terminationStatus))")
        // During step 5 the new copy is not in place yet: the previous one is, whole.
        #expect(archiveAtKill.copy == previous, "\(point): the archive at the kill is not the previous one, whole")
        #expect(archiveAtKill.digest.contains("Add validation to the login form"), "\(point): previous digest")

        let rerun = try JarvisBinary.run(arguments, in: fixture.root)
        #expect(rerun.status == 0, "\(point): \(rerun.output.suffix(800))\(rerun.errorOutput)")
        #expect(
            rerun.output.contains("[4/7] Chat history preservation: done"),
            "\(point): \(rerun.output.suffix(1500))"
        )
        let archived = try archive(fixture)
        #expect(archived.copy == (try Data(contentsOf: transcript)), "\(point): the new copy is not the transcript")
        #expect(archived.digest.contains("Re-running the completion."), "\(point): the digest lacks the new exchange")
        let commits = try sessionCommits(fixture)
        #expect(commits.count == commitsBefore.count + 1, "\(point): \(commits)")
        #expect(
            try fixture.git(["show", "--name-only", "--format=", "HEAD"]).contains(
                "docs/after-the-first-completion.md"
            ),
            "\(point): the new work is not in the session commit"
        )
        #expect(
            try fixture.git(["rev-parse", "HEAD"]) == (try fixture.git(["rev-parse", "main"], in: fixture.remote)),
            "\(point): not pushed"
        )
        #expect(
            KilledRun.leftoverTempFiles(fixture.root).isEmpty,
            "\(point): \(KilledRun.leftoverTempFiles(fixture.root))"
        )
        let journal = try #require(fixture.read(".claude/state/jarvis-tui/journal.json"))
        #expect(journal.contains("\"finished\" : true"), "\(point): journal not finished")
    }

    /// The archived copy, decompressed, and the digest; each must be there and whole.
    private func archive(_ fixture: FixtureProject) throws -> (copy: Data, digest: String) {
        let folder = fixture.project.archivesFolder
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
        #expect(files.count == 2, "\(files)")
        let copy = try #require(files.first { $0.hasSuffix(".jsonl.zst") })
        let digest = try #require(files.first { $0.hasSuffix(".md") })
        return (
            try ZstdStream.decompress(Data(contentsOf: folder.appendingPathComponent(copy))),
            String(decoding: try Data(contentsOf: folder.appendingPathComponent(digest)), as: UTF8.self)
        )
    }

    private func sessionCommits(_ fixture: FixtureProject) throws -> [Substring] {
        try fixture.git(["log", "--format=%s", "--extended-regexp", "--grep=^Session: "]).split(separator: "\n")
    }

    /// One more assistant response, as the agent writes it while the session goes on.
    private func appendTurn(to transcript: URL, cwd: String) throws {
        let line = TranscriptFixtures.assistant(
            cwd,
            "2025-11-20T09:10:00.000Z",
            id: "msg_01E",
            request: "req_01E",
            usage: (3, 80, 0, 14_000),
            block: "{\"type\":\"text\",\"text\":\"Re-running the completion.\"}"
        )
        let handle = try FileHandle(forWritingTo: transcript)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((line + "\n").utf8))
    }
}
