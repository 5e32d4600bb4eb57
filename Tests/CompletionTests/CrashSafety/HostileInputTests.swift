import Foundation
import Testing

@testable import Completion

/// Inputs that never end or are not files, given to the real binary: each is refused or cut off with a sentence
/// within a bound, instead of hanging the run (or every later run).
@Suite("Endless and non-file inputs")
struct HostileInputTests {
    /// Generous for a loaded machine; a sanitized build (JARVIS_SANITIZER) runs several times slower.
    static let bound: TimeInterval = ProcessInfo.processInfo.environment["JARVIS_SANITIZER"] != nil ? 300 : 90

    /// Runs a shell script with the binary at `$JARVIS` (to redirect its stdin or run it in a deleted folder).
    static func shell(_ script: String, in directory: URL) throws -> (result: ProcessResult, seconds: TimeInterval) {
        var environment = ProcessInfo.processInfo.environment
        environment["JARVIS"] = JarvisBinary.url.path
        let start = Date()
        let result = try ProcessRunner.run(
            ["bash", "-c", script],
            in: directory,
            environment: environment,
            timeout: .seconds(Int64(bound) * 2)
        )
        return (result, Date().timeIntervalSince(start))
    }

    static func fifo(in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("transcript.jsonl")
        #expect(mkfifo(url.path, 0o600) == 0)
        return url
    }

    @Test("endless hook stdin (/dev/zero, `yes`) is cut at the size limit: one sentence, no hang")
    func endlessHookInput() throws {
        let folder = FileManager.default.temporaryDirectory
        for source in ["< /dev/zero", "< <(yes)"] {
            let (result, seconds) = try Self.shell("exec \"$JARVIS\" hook session-end \(source)", in: folder)
            #expect(seconds < Self.bound, "\(source): \(seconds) s")
            #expect(result.status == 1, "\(source): exit \(result.status)")
            #expect(
                result.errorOutput.contains("the hook input is larger than 4 MB; ignored"),
                "\(source): \(result.errorOutput)"
            )
            let prompt = try Self.shell("exec \"$JARVIS\" hook user-prompt-submit \(source)", in: folder)
            #expect(
                prompt.seconds < Self.bound && prompt.result.status == 0 && prompt.result.output.isEmpty,
                "\(source): a prompt that large is not a farewell: \(prompt.result.status) \(prompt.result.output.prefix(200))"
            )
        }
    }

    @Test("a deleted working directory: one sentence and exit 2 for every command that needs it; themes still work")
    func deletedWorkingDirectory() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent(
            "jt-gone-\(UUID().uuidString.prefix(8))"
        )
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        for arguments in ["--plain --yes", "end-session --plain", "summary --plain", "rollback", "init"] {
            let script = "mkdir gone && cd gone && rmdir ../gone && exec \"$JARVIS\" \(arguments)"
            let (result, seconds) = try Self.shell(script, in: parent)
            #expect(seconds < Self.bound, "\(arguments): \(seconds) s")
            #expect(result.status == 2, "\(arguments): exit \(result.status) \(result.errorOutput)")
            let lines = result.errorOutput.split(separator: "\n")
            #expect(
                lines.count == 1 && result.errorOutput.contains("the working directory no longer exists"),
                "\(arguments): \(result.errorOutput)"
            )
        }
        for arguments in ["themes", "--version"] {
            let (result, seconds) = try Self.shell(
                "mkdir gone && cd gone && rmdir ../gone && exec \"$JARVIS\" \(arguments)",
                in: parent
            )
            #expect(
                seconds < Self.bound && result.status == 0,
                "\(arguments): exit \(result.status) \(result.errorOutput)"
            )
        }
    }

    @Test("an explicit --transcript that is a FIFO or /dev/zero: exit 2 with a sentence, nothing written")
    func explicitTranscriptThatIsNotAFile() throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let head = try fixture.git(["rev-parse", "HEAD"])
        let fifo = try Self.fifo(in: fixture.folder)
        for path in [fifo.path, "/dev/zero"] {
            let start = Date()
            let result = try JarvisBinary.run(
                ["--plain", "--yes", "--cycles", "none", "--transcript", path],
                in: fixture.root
            )
            #expect(Date().timeIntervalSince(start) < Self.bound)
            #expect(result.status == 2, "\(path): exit \(result.status) \(result.output.suffix(300))")
            #expect(result.errorOutput.contains("--transcript \(path) is not a regular file"), "\(result.errorOutput)")
            #expect(try fixture.git(["rev-parse", "HEAD"]) == head)
            #expect(!fixture.exists(".claude/state/jarvis-tui/journal.json"), "\(path): the run began")
        }
    }

    @Test("a FIFO recorded by the session-end hook: a warning, step 4 skipped, and the run (and the next) completes")
    func recordedTranscriptThatIsAFIFO() throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let fifo = try Self.fifo(in: fixture.folder)
        let hookInput =
            #"{"session_id":"s-fifo","transcript_path":"\#(fifo.path)","cwd":"\#(fixture.root.path)","hook_event_name":"SessionEnd","reason":"exit"}"#
        let recorded = try ProcessRunner.run(
            [JarvisBinary.url.path, "hook", "session-end"],
            in: fixture.root,
            input: Data(hookInput.utf8),
            timeout: .seconds(60)
        )
        #expect(recorded.status == 0, "\(recorded.errorOutput)")

        for attempt in 0..<2 {
            if attempt == 1 { try fixture.write("src/later.py", "x = 1\n") }
            let start = Date()
            let result = try JarvisBinary.run(["--plain", "--yes", "--cycles", "none"], in: fixture.root)
            #expect(Date().timeIntervalSince(start) < Self.bound)
            #expect(result.status == 0, "exit \(result.status): \(result.output.suffix(600))\(result.errorOutput)")
            #expect(
                result.output.contains(
                    "the transcript recorded by the session-end hook (\(fifo.path)) is refused: it is not a regular file (a FIFO)"
                ),
                "\(result.output.prefix(1500))"
            )
            #expect(result.output.contains("[4/7] Chat history preservation: skipped"), "\(result.output.suffix(1500))")
        }
    }
}
