import Foundation
import Testing

@testable import Completion

@Suite("Summary and metrics")
struct SummaryAndMetricsTests {
    func sampleRecord() -> SessionRecord {
        var record = SessionRecord(
            sessionID: "abc",
            endedAt: Date(timeIntervalSince1970: 1_764_000_000),
            day: "2025-11-24",
            ordinal: 2,
            contextWindow: 200_000
        )
        record.accomplishments = ["Did | a thing", "Fixed \u{1b}[31mred\u{1b}[0m text"]
        record.decisions = ["Chose X"]
        record.blockers = []
        record.nextStep = "Continue"
        record.filesModified = [
            FileChange(path: "src/a b.swift", change: .modified), FileChange(path: "new.txt", change: .untracked),
        ]
        record.steps = [
            StepReport(step: .stateCapture, outcome: .done, duration: .milliseconds(5)),
            StepReport(step: .memory, outcome: .skipped("off"), duration: .zero),
        ]
        record.tokensUsed = 12_345
        record.contextUsed = 50_000
        return record
    }

    @Test func summaryHasEverySectionInOrder() {
        let text = SummaryRenderer.render(
            sampleRecord(),
            project: Project(root: URL(fileURLWithPath: "/tmp/p")),
            final: false
        )
        let headings = [
            "# Session Summary — 2025-11-24 (2)", "## Accomplishments", "## Key Decisions", "## Files Modified",
            "## Blockers", "## Next Session", "## Statistics", "## Completion Steps", "## Warnings", "*Session ended: ",
        ]
        var position = text.startIndex
        for heading in headings {
            guard let range = text.range(of: heading, range: position..<text.endIndex) else {
                Issue.record("missing or out of order: \(heading)")
                return
            }
            position = range.upperBound
        }
        #expect(text.contains("| File | Change Type |"))
        #expect(text.contains("| `src/a b.swift` | modified |"))
        #expect(text.contains("| `new.txt` | added |"))
        #expect(text.contains("12,345 / context 50,000 of 200,000"))
        #expect(text.contains("| 5. Git operations | runs after this summary is written | — |"))
    }

    @Test func outsideTextIsInertAndTableSafe() {
        let text = SummaryRenderer.render(
            sampleRecord(),
            project: Project(root: URL(fileURLWithPath: "/tmp/p")),
            final: true
        )
        #expect(!text.contains("\u{1b}"))
        #expect(text.contains("Did \\| a thing"))
    }

    @Test func qualityRubricAddsUpToOneHundred() {
        var record = sampleRecord()
        record.steps = StepID.allCases.map { StepReport(step: $0, outcome: .done, duration: .zero) }
        #expect(HandoffQuality.assess(record).possible == 100)
        #expect(HandoffQuality.assess(record).percent == 100)
        record.nextStep = nil
        #expect(HandoffQuality.assess(record).percent == 85)
        record.steps[4] = StepReport(step: .git, outcome: .failed("x"), duration: .zero)
        #expect(HandoffQuality.assess(record).percent == 70)
    }

    @Test func metricLinesFollowTheEmissionFormat() throws {
        let figures = MetricsRecorder.Figures(
            offerShown: true,
            cyclesRun: 2,
            commitsCreated: 1,
            pushesCompleted: 1,
            memoryEntitiesCreated: 0,
            summaryWritten: true,
            handoffQuality: 95,
            completionSeconds: 1.2345,
            filesUpdated: 4,
            commitSucceeded: true
        )
        let lines = MetricsRecorder.lines(figures, at: Date(timeIntervalSince1970: 1_768_600_800))
        #expect(lines.count == 11)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.json.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["timestamp", "component", "metric", "value", "unit"])
            #expect(object["component"] as? String == "AC-09")
            #expect((object["timestamp"] as? String)?.hasSuffix("Z") == true)
        }
        #expect(
            lines[0].json
                == #"{"timestamp": "2026-01-16T22:00:00.000Z", "component": "AC-09", "metric": "sessions_completed", "value": 1, "unit": "count"}"#
        )
        #expect(
            lines.first { $0.metric == "handoff_quality_score" }?.json.contains(#""value": 95, "unit": "percent""#)
                == true
        )
        #expect(lines.first { $0.metric == "commit_success" }?.json.contains(#""value": true"#) == true)
    }
}
