import Completion
import Foundation
import Testing

@testable import JarvisScreen

/// The whole end-session flow on the real engine and a real git project, with keys scripted against what the
/// screen shows (no curses: the headless backend keeps each frame).
@Suite(.serialized) struct HeadlessSessionTests {
    @TerminalActor
    func run(
        _ sample: TerminalSampleProject,
        script: [(String, Key)],
        showOffer: Bool = true
    ) async throws -> (ScreenOutcome, unusedKeys: Int) {
        let environment = ProcessInfo.processInfo.environment
        let resolved = try ConfigurationResolver.resolve(
            project: sample.project,
            commandLine: CommandLineOverrides(),
            environment: environment
        )
        let session = ScreenSession(
            project: sample.project,
            resolved: resolved,
            options: RunOptions(),
            environment: environment,
            showOffer: showOffer,
            answerWithDefaults: false
        )
        let backend = HeadlessBackend(width: 100, height: 30)
        backend.script = script.map { (cue: $0.0, key: $0.1) }
        let preview =
            showOffer
            ? OfferPreview.make(
                project: sample.project,
                configuration: resolved.configuration,
                environment: environment
            ) : nil
        let outcome = await session.drive(backend: backend, mailbox: Mailbox(), preview: preview)
        return (outcome, backend.script.count)
    }

    @Test func tickingACycleRunsItThenTheStepsThenShowsTheSummary() async throws {
        let sample = try TerminalSampleProject.make()
        defer { sample.remove() }
        let (outcome, backend) = try await run(
            sample,
            script: [
                ("0 of 1 selected", .space),
                ("1 of 1 selected", .enter),
                ("Enter: review", .enter), ("Session Summary", "G"), ("100%", "q"),
            ]
        )
        #expect(outcome.status == .completed)
        #expect(outcome.result?.cycles.map(\.cycle) == [.maintenance])
        #expect(outcome.result?.cycles.first?.outcome == .done)
        #expect(backend == 0)
        #expect(sample.summaries.count == 1)
        #expect(sample.git("log", "-1", "--format=%s").hasPrefix("Session:"))
        #expect(
            sample.git("status", "--porcelain", "--branch").contains("## main...origin/main")
                && !sample.git("status", "--porcelain", "--branch").contains("ahead")
        )
    }

    @Test func qOnTheOfferWritesNothing() async throws {
        let sample = try TerminalSampleProject.make()
        defer { sample.remove() }
        let before = sample.git("status", "--porcelain")
        let head = sample.git("rev-parse", "HEAD")
        let (outcome, _) = try await run(sample, script: [("Skip and end session", "q")])
        #expect(outcome.status == .cancelled)
        #expect(outcome.result == nil)
        #expect(sample.summaries.isEmpty)
        #expect(sample.git("status", "--porcelain") == before)
        #expect(sample.git("rev-parse", "HEAD") == head)
    }

    @Test func aGateIsAskedAsAModalAndTheAnswerIsUsed() async throws {
        let sample = try TerminalSampleProject.make(autoPush: false)
        defer { sample.remove() }
        let (outcome, backend) = try await run(
            sample,
            script: [("[no]", "y"), ("Enter: review", .enter), ("Session Summary", "q")],
            showOffer: false
        )
        #expect(outcome.status == .completed)
        #expect(backend == 0, "the push question was shown")
        #expect(
            sample.git("ls-remote", "origin", "main").hasPrefix(
                sample.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
            ),
            "answering y pushed the session commit"
        )
    }

    /// ←/→/Tab move the highlight of the y/n box and Enter takes it; Esc always takes the safe answer.
    @Test func theArrowsMoveTheAnswerAndEscTakesTheSafeOne() async throws {
        let moved = try TerminalSampleProject.make(autoPush: false)
        defer { moved.remove() }
        let (pushed, _) = try await run(
            moved,
            script: [("[no]", .left), ("[yes]", .enter), ("Enter: review", .enter), ("Session Summary", "q")],
            showOffer: false
        )
        #expect(pushed.status == .completed)
        #expect(
            moved.git("ls-remote", "origin", "main").hasPrefix(
                moved.git("rev-parse", "HEAD")
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            ),
            "Enter on the highlighted yes pushed"
        )

        let escaped = try TerminalSampleProject.make(autoPush: false)
        defer { escaped.remove() }
        let remoteBefore = escaped.git("ls-remote", "origin", "main")
        let (kept, _) = try await run(
            escaped,
            script: [("[no]", .tab), ("[yes]", .escape), ("Enter: review", .enter), ("Session Summary", "q")],
            showOffer: false
        )
        #expect(kept.status == .completed)
        #expect(
            escaped.git("ls-remote", "origin", "main") == remoteBefore,
            "Esc took the safe answer though yes was highlighted"
        )
    }

    @Test func declinedGateKeepsTheCommitLocal() async throws {
        let sample = try TerminalSampleProject.make(autoPush: false)
        defer { sample.remove() }
        let remoteBefore = sample.git("ls-remote", "origin", "main")
        let (outcome, _) = try await run(
            sample,
            script: [("[no]", .enter), ("Enter: review", .enter), ("Session Summary", "q")],
            showOffer: false
        )
        #expect(outcome.status == .completed)
        #expect(sample.git("log", "-1", "--format=%s").hasPrefix("Session:"))
        #expect(sample.git("ls-remote", "origin", "main") == remoteBefore, "Enter took the safe default: no push")
    }

    @Test func ctrlCDuringACycleAsksThenStopsAfterIt() async throws {
        let sample = try TerminalSampleProject.make(cycle: ["sleep", "2"])
        defer { sample.remove() }
        let (outcome, backend) = try await run(
            sample,
            script: [
                ("0 of 1 selected", "4"), ("1 of 1 selected", .enter),
                ("running", .interrupt), ("Stop after the current step?", "y"),
                ("Enter: review", .enter), ("Session Summary", "q"),
            ]
        )
        #expect(backend == 0)
        #expect(outcome.status == .interrupted)
        #expect(outcome.result?.steps.allSatisfy { $0.outcome == .skipped("stopped by the user") } == true)
    }

    @Test func sSkipsTheRunningCycleAndTheStepsStillRun() async throws {
        // The cycle would run for a minute; `s` ends its process group and the protocol goes on.
        let sample = try TerminalSampleProject.make(cycle: ["sleep", "60"])
        defer { sample.remove() }
        let started = ContinuousClock.now
        let (outcome, backend) = try await run(
            sample,
            script: [
                ("0 of 1 selected", "4"), ("1 of 1 selected", .enter),
                ("running", "s"),
                ("Enter: review", .enter), ("Session Summary", "q"),
            ]
        )
        #expect(backend == 0)
        #expect(outcome.status == .completed)
        if case .skipped = outcome.result?.cycles.first?.outcome {
        } else {
            Issue.record(
                "the cycle should be skipped, was \(String(describing: outcome.result?.cycles.first?.outcome))"
            )
        }
        #expect(outcome.result?.steps.first { $0.step == .git }?.outcome == .done)
        #expect(ContinuousClock.now - started < .seconds(50), "the skipped cycle was waited out")
    }
}
