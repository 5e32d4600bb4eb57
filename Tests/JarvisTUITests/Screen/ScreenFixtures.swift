import Completion
import Foundation
import Testing

@testable import JarvisScreen

/// Shared states for the screen tests: realistic data, including wide characters (CJK, emoji).
enum ScreenFixtures {
    static let sizes: [(Int, Int)] = [(80, 24), (120, 40), (Chrome.minimumWidth, Chrome.minimumHeight)]

    /// Cycle availability checked for real: maintenance and evolution run `git` (on PATH), research names a
    /// missing tool; reflection is set unavailable by hand.
    static var availability: [CycleAvailability] {
        var configuration = Configuration()
        configuration.cycles[.maintenance] = CycleCommand(argv: ["git", "count-objects", "-v"])
        configuration.cycles[.research] = CycleCommand(argv: ["no-such-research-tool"])
        configuration.cycles[.evolution] = CycleCommand(argv: ["git", "status"])
        var cycles = CycleAvailability.all(
            configuration: configuration,
            environment: ["PATH": "/usr/bin:/bin:/usr/local/bin"]
        )
        // Reflection is always available now (built in); the screens are drawn with it unavailable, the reason
        // set by hand, so that two kinds of unavailable cycle are shown.
        cycles[0] = CycleAvailability(
            cycle: .reflection,
            available: false,
            reason: "no command configured (session_completion.cycles.reflection.command)"
        )
        return cycles
    }

    static var offer: OfferState {
        var state = OfferState(
            projectName: "アクメ-app",
            branch: "feature/ログイン-🚀",
            cycles: availability,
            uncommittedChanges: 5,
            heldBack: 1
        )
        state.selected = [.maintenance]
        state.cursor = 1
        return state
    }

    static var progress: ProgressState {
        var state = ProgressState(projectName: "アクメ-app", branch: "main")
        let info = RunInfo(
            projectPath: "/work/アクメ-app",
            projectName: "アクメ-app",
            branch: "feature/ログイン-🚀",
            sessionID: "session-20261125-0900",
            cycles: [.maintenance, .evolution],
            dryRun: false,
            startedAt: Date(timeIntervalSince1970: 0)
        )
        let events: [CompletionEvent] = [
            .runStarted(info),
            .cycleStarted(.maintenance),
            .cycleOutput(.maintenance, "count: 12"),
            .cycleFinished(.maintenance, .done, .milliseconds(320)),
            .cycleStarted(.evolution),
            .cycleFinished(.evolution, .skipped("skipped by the user"), .seconds(2)),
            .stepStarted(.stateCapture),
            .stepFinished(.stateCapture, .done, .milliseconds(4)),
            .stepStarted(.memory),
            .stepFinished(
                .memory,
                .degraded("memory server did not answer; wrote .claude/context/memory-fallback.md"),
                .milliseconds(1500)
            ),
            .stepStarted(.contextFiles),
            .stepFinished(.contextFiles, .done, .milliseconds(12)),
            .stepStarted(.chatHistory),
            .stepFinished(.chatHistory, .skipped("no transcript given"), .zero),
            .warning(nil, "config: unknown key session_completion.colour (did you mean theme?)"),
            .warning(.git, "held back from the commit: 秘密.env — secret by name"),
            .stepStarted(.git),
            .stepProgress(.git, "staged 4 files"),
            .stepProgress(.git, "committed a1b2c3d Session: 漢字 and emoji 🚀 summary"),
            .stepProgress(.git, "pushing to origin/main \u{1B}[31m(ESC stripped)"),
        ]
        for event in events { state.apply(event) }
        state.elapsed = .seconds(75)
        state.spinnerFrame = 3
        return state
    }

    /// The end of a completed run: 75 s, handoff 85/100.
    static var result: RunResult {
        RunResult(
            exitStatus: .completed,
            steps: StepID.allCases.map { StepReport(step: $0, outcome: .done, duration: .milliseconds(40)) },
            cycles: [],
            warnings: [],
            summaryPath: "/work/acme/.claude/reports/sessions/session-2026-11-25.md",
            handoffQuality: 85,
            elapsed: .seconds(75),
            message: nil
        )
    }

    static let summaryMarkdown = """
        # Session Summary — 2026-11-25

        **Project**: アクメ-app · **Branch**: main

        ## Accomplishments

        - Add login form validation
        - Paginate the *items* endpoint (`limit=50`)
        - 漢字 in a list item, and an emoji 🚀 that is two columns wide

        ## Files Modified

        | File | Change Type |
        | --- | --- |
        | src/api.py | modified |
        | docs/設計.md | added |

        ## Next Steps

        1. Write integration tests for the token refresh fix
        2. Ask design for the error copy

        - [x] Validation done
        - [ ] Rate-limit the login endpoint

        > Blocked: waiting for the design team's copy.

        ```
        git log --oneline -3
        ```

        ---

        Session ended: 2026-11-25 09:06
        """

    static func viewer(glyphs: Glyphs = .unicode) -> ViewerState {
        ViewerState(
            title: "Session summary",
            path: "/work/acme/.claude/reports/sessions/session-2026-11-25.md",
            markdown: summaryMarkdown,
            glyphs: glyphs
        )
    }
}

/// Compares a frame with `Tests/JarvisTUITests/Golden/NAME.txt`; `JARVIS_UPDATE_GOLDEN=1` rewrites the files.
enum ScreenGolden {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "Golden"
        )
    }

    static func check(
        _ buffer: CellBuffer,
        named name: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let url = folder.appendingPathComponent(name + ".txt")
        let actual = buffer.text + "\n"
        if ProcessInfo.processInfo.environment["JARVIS_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(
                "missing golden file \(url.path); run with JARVIS_UPDATE_GOLDEN=1 and review it",
                sourceLocation: sourceLocation
            )
            return
        }
        #expect(actual == expected, "frame differs from \(name).txt:\n\(actual)", sourceLocation: sourceLocation)
    }
}
