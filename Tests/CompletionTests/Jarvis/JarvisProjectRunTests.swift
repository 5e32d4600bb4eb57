import Foundation
import Testing

@testable import Completion

/// One run of the real `jarvis-tui` binary on a project laid out like a real Jarvis project.
@Suite("A real Jarvis project, end to end")
struct JarvisProjectRunTests {
    @Test("one run honours Jarvis' keys, signal, watcher, state file, telemetry and template")
    func oneRun() async throws {
        let fixture = try JarvisProjectFixture()
        let notes = fixture.root.deletingLastPathComponent().appendingPathComponent("agent-notes.md")
        try "## Corrections\n- Never stage the exit-mode signal\n".write(to: notes, atomically: true, encoding: .utf8)
        let started = ContinuousClock.now
        let result = try JarvisBinary.run(
            [
                "end-session", "--plain", "--yes", "--cycles", "none", "--project", fixture.root.path,
                "--notes", notes.path,
            ],
            in: fixture.root,
            environment: fixture.repository.environment
        )
        let took = ContinuousClock.now - started
        #expect(result.status == 0, "\(result.output)\(result.errorOutput)")
        let output = result.output + result.errorOutput
        // A stale signal used to make every run wait 120 s and exit 1; the bound leaves room for a loaded machine.
        #expect(!output.contains("waiting for a destructive operation"))
        #expect(took < .seconds(110), "the run took \(took)")
        #expect(!output.contains("unknown key"), "\(output)")
        #expect(
            output.contains("\(ExitModeSignal.path) is stale (its process \(fixture.stalePID) is no longer running)")
        )
        // `preserve_history: false` turned step 4 off.
        #expect(output.contains("archive_conversation is off"))

        // The signal existed while step 5 committed, held by the run, and is gone after it.
        let during = try String(
            contentsOf: fixture.root.deletingLastPathComponent().appendingPathComponent("signal-during-commit"),
            encoding: .utf8
        )
        let holder = try #require(Int32(during.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(holder != fixture.stalePID)
        #expect(fixture.repository.read(ExitModeSignal.path) == nil)

        // The v6 watcher was stopped and its PID file removed.
        #expect(await fixture.watcher.exits(within: .seconds(10)))
        #expect(fixture.repository.read(".claude/context/.jicm-watcher.pid") == nil)

        // `--cycles` carries the answer to the offer the agent made, so the offer counts.
        let metrics = fixture.text(".claude/metrics/AC-09-sessions.jsonl") ?? ""
        let offers = metrics.split(separator: "\n").first { $0.contains("\"pre_completion_offers\"") } ?? ""
        #expect(offers.contains("\"value\": 1,"), "\(metrics)")

        try expectComponentState(fixture)
        try expectTelemetry(fixture)
        try expectSummaryTemplate(fixture)
        try expectUserLinesKept(fixture)
        // The fields go above the user's list with a blank line between, so Markdown does not glue them to it.
        let priorities = fixture.text(".claude/context/current-priorities.md") ?? ""
        let head = priorities.split(separator: "\n", omittingEmptySubsequences: false).prefix(6).map(String.init)
        #expect(head.count == 6 && head[2].hasPrefix("**Last Updated**: ") && head[3].hasPrefix("**Next Step**: "))
        #expect(Array(head[4...]) == ["", "- [x] PR-12.9: Session completion"], "\(priorities)")
        // The milestone this session completed is ticked; every other byte of the roadmap stays.
        let roadmap = JarvisProjectFixture.roadmap.replacingOccurrences(of: "- [ ] PR-12.9:", with: "- [x] PR-12.9:")
        #expect(fixture.text(".claude/context/roadmap.md") == roadmap)
        // The user's correction reaches Jarvis' lessons file once, below the lines already there.
        let corrections = fixture.text(".claude/context/lessons/corrections.md") ?? ""
        #expect(corrections.hasPrefix(JarvisProjectFixture.corrections), "\(corrections)")
        #expect(corrections.components(separatedBy: "Never stage the exit-mode signal").count == 2, "\(corrections)")
        #expect(fixture.repository.statusLines.isEmpty, "\(fixture.repository.statusLines)")
        #expect(fixture.repository.remoteHead == fixture.repository.head)
    }

    func expectComponentState(_ fixture: JarvisProjectFixture) throws {
        let data = try #require(fixture.repository.read(ComponentStateFile.path))
        let state = try OrderedJSON.parse(data)
        #expect(state["metrics"]?["total_sessions"] == .number("4"))
        #expect(state["metrics"]?["clean_exits"] == .number("4"))
        #expect(state["metrics"]?["forced_exits"] == .number("0"))
        #expect(state["current_session"]?["started"] == .null)
        #expect(state["current_session"]?["work_completed"] == .array([]))
        #expect(state["current_session"]?["commits_made"] == .number("0"))
        #expect(state["last_run"]?["session_id"]?.stringValue?.isEmpty == false)
        #expect(state["notes"] == .string("State file synced 2026-02-08."))
        #expect(state["implementation"]?["spec_complete"] == .bool(true))
        // Keys keep their order; the new one comes last.
        guard case .object(let members) = state else { return }
        #expect(members.map(\.key).prefix(5) == ["component", "name", "version", "status", "last_modified"])
        #expect(members.last?.key == "last_run")
        // Written before step 5: the session commit holds it.
        let committed = try fixture.repository.git(["show", "--name-only", "--format=", "HEAD"])
        #expect(committed.split(separator: "\n").contains(Substring(ComponentStateFile.path)))
    }

    func expectTelemetry(_ fixture: JarvisProjectFixture) throws {
        let folder = fixture.root.appendingPathComponent(".claude/logs/telemetry")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let today = try #require(names.last { $0 != "events-2026-01-01.jsonl" })
        #expect(fixture.text(".claude/logs/telemetry/events-2026-01-01.jsonl") == "{\"old\":true}\n")
        let lines = try #require(fixture.text(".claude/logs/telemetry/\(today)")).split(separator: "\n")
        #expect(lines.count == 2)
        let events = try lines.map { try OrderedJSON.parse(Data($0.utf8)) }
        #expect(events.map { $0["event_type"]?.stringValue } == ["session_end", "session_end"])
        #expect(events.map { $0["component"]?.stringValue } == ["AC-09", "AC-09"])
        #expect(events.map { $0["data"]?["phase"]?.stringValue } == ["start", "complete"])
        #expect(events[1]["data"]?["exit_status"] == .number("0"))
        #expect(today == "events-\(events[0]["timestamp"]?.stringValue?.prefix(10) ?? "").jsonl")
    }

    func expectSummaryTemplate(_ fixture: JarvisProjectFixture) throws {
        let folder = fixture.root.appendingPathComponent(".claude/reports/sessions")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first)
        let summary = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        #expect(summary.hasPrefix("# Jarvis Session Report — 20"))
        #expect(summary.contains("Project app on main; mood {mood}."))
        #expect(summary.contains("Continue with: Wire the exit-mode signal into the status line"))
        let headings = summary.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
        // The template's sections in its order, then the standard ones it left out.
        #expect(
            Array(headings.prefix(4)) == ["## What's Next", "## Key Decisions", "## Accomplishments", "## Warnings"]
        )
        #expect(headings.contains("## Completion Steps"))
        #expect(summary.contains("- Keep the watcher in bash: no new runtime on the machine"))
        #expect(!summary.contains("Next Session Pickup"))
        #expect(summary.contains("*Closed at "))
        // The commit subject and the ticked priority name the same PR: listed once, in the words that say more.
        let accomplishments =
            summary.components(separatedBy: "## Accomplishments\n").dropFirst().first?
            .components(separatedBy: "\n## ").first ?? ""
        let items = accomplishments.split(separator: "\n").filter { $0.contains("PR-12.9") }
        #expect(items == ["- PR-12.9: wire the session completion"], "\(accomplishments)")
    }

    func expectUserLinesKept(_ fixture: JarvisProjectFixture) throws {
        let state = try #require(fixture.repository.read(".claude/context/session-state.md"))
        let lines = state.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for line in JarvisProjectFixture.sessionState.split(separator: "\n") where !line.hasPrefix("**Status**") {
            #expect(lines.contains { $0.elementsEqual(line.utf8) }, "lost the user's line: \(line)")
        }
        let text = String(decoding: state, as: UTF8.self)
        #expect(text.contains("**Next Step**: Wire the exit-mode signal into the status line"))
        #expect(!text.contains("Decision: **Next Session Pickup"))
    }
}
