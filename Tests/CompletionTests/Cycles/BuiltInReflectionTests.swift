import Foundation
import Testing

@testable import Completion

@Suite("Built-in Self-Reflection (AC-05): the transcript's corrections and retried failures")
struct BuiltInReflectionTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func reflect(_ test: CyclesTestProject, transcript: URL?, log: CyclesEventLog = CyclesEventLog()) async -> CycleRun
    {
        let fixed = now
        let runner = CycleRunner(
            project: test.project,
            configuration: Configuration(),
            environment: CyclesTest.environment,
            control: RunControl(),
            now: { fixed },
            grace: .seconds(1),
            session: CycleSession(transcript, "session-reflect-1", nil),
            emit: log.emit
        )
        return await runner.run(.reflection)
    }

    func read(_ test: CyclesTestProject, _ relative: String) -> String? {
        FileManager.default.contents(atPath: test.root.appendingPathComponent(relative).path)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("two corrections reach corrections.md once, even after a second run; the retried call is in the report")
    func correctionsAndRetries() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        let transcript = try LessonsFixtures.write(in: test.root.appendingPathComponent("outside"), cwd: test.root.path)
        let log = CyclesEventLog()
        let first = await reflect(test, transcript: transcript, log: log)
        #expect(first.outcome == .done, "\(first.outcome)")

        let corrections = read(test, ".claude/context/lessons/corrections.md")
        #expect(LessonsFixtures.count(LessonsFixtures.firstCorrection, in: corrections) == 1, "\(corrections ?? "")")
        #expect(LessonsFixtures.count(LessonsFixtures.secondCorrection, in: corrections) == 1)
        #expect(corrections?.contains("session session-reflect-1") == true)
        #expect(corrections?.contains("No tests exist yet") == false)  // the first prompt corrects nothing
        #expect(corrections?.contains("Thanks, no problem") == false)
        let selfCorrections = read(test, ".claude/context/lessons/self-corrections.md")
        #expect(
            selfCorrections?.contains("`Bash` `\(LessonsFixtures.retriedCommand)` failed") == true,
            "\(selfCorrections ?? "")"
        )
        #expect(selfCorrections?.contains("missing.py") == false)  // failed, but never retried

        let day = Timestamp.day(now)
        let report = try #require(read(test, ".claude/reports/reflections/reflection-\(day).md"))
        #expect(report.contains("| User corrections | 2 |"))
        #expect(report.contains("| Retried after failing | 1 |"))
        #expect(report.contains("`Bash` `\(LessonsFixtures.retriedCommand)` failed (line 6)"), "\(report)")
        #expect(report.contains("retried at line 7, which worked"))
        #expect(report.contains("The same error came back 2 times"))
        // The findings are streamed while the cycle runs and kept for the summary.
        #expect(log.outputLines.contains { $0.hasPrefix("user correction (line 4):") })
        #expect(log.outputLines.contains { $0.hasPrefix("retried after failing (line 6)") })
        #expect(first.findings.contains { $0.contains("2 user correction(s), 1 retried failing tool call(s)") })

        let second = await reflect(test, transcript: transcript)
        #expect(second.outcome == .done)
        let again = read(test, ".claude/context/lessons/corrections.md")
        #expect(again == corrections)
        #expect(read(test, ".claude/context/lessons/self-corrections.md") == selfCorrections)
        #expect(read(test, ".claude/reports/reflections/reflection-\(day)-2.md") != nil)
        #expect(second.findings.contains { $0.contains("2 corrections (0 new)") })
    }

    @Test("lines the user wrote in corrections.md are kept byte for byte, and count as known lessons")
    func keepsUserLines() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        let own = "# Corrections\r\n\r\n- no, use 3 attempts at most: the server rate-limits us\r\n- Mine: keep me"
        try test.write(".claude/context/lessons/corrections.md", own)
        let transcript = try LessonsFixtures.write(in: test.root.appendingPathComponent("outside"), cwd: test.root.path)
        _ = await reflect(test, transcript: transcript)
        let text = try #require(read(test, ".claude/context/lessons/corrections.md"))
        #expect(text.hasPrefix(own + "\n- "))
        #expect(LessonsFixtures.count("3 attempts at most", in: text) == 1)
        #expect(LessonsFixtures.count(LessonsFixtures.secondCorrection, in: text) == 1)
    }

    @Test("without a transcript the reflection is skipped with the reason and writes nothing")
    func noTranscript() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        let before = test.snapshot()
        let run = await reflect(test, transcript: nil)
        #expect(run.outcome == .skipped("no transcript of this session was found: nothing to reflect on"))
        #expect(test.snapshot() == before)
        #expect(CycleAvailability.check(.reflection, configuration: Configuration(), environment: [:]).builtIn)
    }
}
