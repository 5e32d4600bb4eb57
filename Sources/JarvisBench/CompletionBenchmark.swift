import Completion
import Foundation

/// The whole completion, as a user runs it (`jarvis-tui --plain --yes --cycles none --push`: the release binary,
/// cycles off, the memory server configured, push to the local bare remote), on the small and the large fixture,
/// against what a person would do by hand on an identical copy in the same run: `git status`, `git add -A`,
/// `git commit`, `git push`, and reading the transcript once (`wc -l`). Each round works on fresh copies, made
/// untimed; the two sides alternate which runs first, so the load of a shared machine falls on both alike.
/// Peak memory is each side's own (`ru_maxrss` of jarvis-tui; the largest of the git commands).
enum CompletionBenchmark {
    static func run() throws -> [BenchmarkRow] {
        let environment = benchEnvironment()
        let binary = try builtBinary(environment: environment)
        let parent = FixtureFolders.make("jarvis-bench-completion")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { FixtureFolders.remove(parent) }
        let transcriptMB = Int(environment["JARVIS_BENCH_TRANSCRIPT_MB"] ?? "") ?? 200

        log("building the small fixture…")
        let small = try CompletionFixture.small(in: parent.appendingPathComponent("fixtures"))
        log("building the large fixture (20 000 files, 2 000 changed, \(transcriptMB) MB transcript, 5 000 entities)…")
        let large = try CompletionFixture.large(
            in: parent.appendingPathComponent("fixtures"),
            transcriptMB: transcriptMB,
            environment: environment
        )
        func measure(
            _ fixture: CompletionFixture,
            _ label: String,
            rounds: Int,
            keepTranscriptByHand: Bool = false,
            editConfig: ((String) -> String)? = nil
        ) throws -> PairedRounds {
            try Self.measure(
                fixture,
                label: label,
                rounds: rounds,
                binary: binary,
                parent: parent,
                environment: environment,
                editConfig: editConfig,
                keepTranscriptByHand: keepTranscriptByHand
            )
        }
        let smallRun = try measure(small, "default", rounds: 7)
        let largeRounds = max(7, Int(environment["JARVIS_BENCH_LARGE_ROUNDS"] ?? "") ?? 7)
        let largeRun = try measure(large, "default", rounds: largeRounds)
        // The same without step 4's archive (zstd copy and digest of the whole transcript), which by hand skips.
        let unarchived = try measure(large, "unarchived", rounds: 5) { config in
            config.replacingOccurrences(of: "archive_conversation: true", with: "archive_conversation: false")
        }
        // The by-hand side doing step 4's copy too (zstd at level 1, as step 4 does): what ending
        // a session by hand costs when the transcript is kept, which the strict baseline above leaves out.
        let keptByHand = try measure(large, "kept-by-hand", rounds: 5, keepTranscriptByHand: true)
        return rows(
            small: smallRun,
            large: largeRun,
            unarchived: unarchived,
            keptByHand: keptByHand,
            transcriptMB: transcriptMB
        )
    }

    /// jarvis-tui built beside jarvis-bench; says so when the memory server is missing (the memory step then skips).
    static func builtBinary(environment: [String: String]) throws -> String {
        let binary = siblingExecutable("jarvis-tui")
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchmarkFailure(
                "\(binary) not found: build jarvis-tui in the same configuration first (scripts/bench does)"
            )
        }
        if DemoMemoryServer.locate(environment: environment) == nil {
            log(
                "no memory server next to jarvis-bench: the memory step will be skipped (scripts/bench builds memory-test-server)"
            )
        }
        return binary
    }

    static func rows(
        small smallRun: PairedRounds,
        large largeRun: PairedRounds,
        unarchived: PairedRounds,
        keptByHand: PairedRounds,
        transcriptMB: Int
    ) -> [BenchmarkRow] {
        let byHand = "git status + add -A + commit + push, wc -l transcript"
        return [
            BenchmarkRow(
                name: "whole completion, small sample project",
                value: smallRun.ours,
                unit: "s",
                baselineName: byHand,
                baseline: smallRun.byHand,
                target: "< 1 s (spec: < 60 s, alert > 120 s)",
                peakMB: smallRun.oursPeakMB,
                baselinePeakMB: smallRun.byHandPeakMB,
                meets: smallRun.ours < 1
            ),
            BenchmarkRow(
                name: "whole completion, large: 20 000 files, 2 000 changed, \(transcriptMB) MB transcript, "
                    + "5 000 entities (\(largeRun.pairs.count) paired rounds; "
                    + "ours \(PairedRounds.spread(largeRun.pairs.map(\.ours))), "
                    + "by hand \(PairedRounds.spread(largeRun.pairs.map(\.byHand))); ratio: median of the pairs, "
                    + String(format: "worst pair %.2f×)", largeRun.worstRatio),
                value: largeRun.ours,
                unit: "s",
                baselineName: byHand,
                baseline: largeRun.byHand,
                target: "median pair ≤ 1.2× and worst pair ≤ 1.5× by hand; < 5 s; < 50 MB",
                peakMB: largeRun.oursPeakMB,
                baselinePeakMB: largeRun.byHandPeakMB,
                meets: largeRun.ours < 5 && largeRun.medianRatio <= 1.2 && largeRun.worstRatio <= 1.5
                    && largeRun.oursPeakMB < 50,
                pairedRatio: largeRun.medianRatio
            ),
        ] + largeRun.pairRows(label: "whole completion, large", baselineName: byHand) + [
            BenchmarkRow(
                name: "whole completion, large, archive_conversation off (no zstd copy or digest of the transcript)",
                value: unarchived.ours,
                unit: "s",
                baselineName: byHand,
                baseline: unarchived.byHand,
                target: "< 5 s and ≤ 1.5× by hand; < 50 MB",
                peakMB: unarchived.oursPeakMB,
                baselinePeakMB: unarchived.byHandPeakMB,
                meets: unarchived.ours < 5 && unarchived.ours <= 1.5 * unarchived.byHand && unarchived.oursPeakMB < 50
            ),
            BenchmarkRow(
                name:
                    "whole completion, large, against the same git commands and the transcript kept by hand (report only)",
                value: keptByHand.ours,
                unit: "s",
                baselineName: "\(byHand), zstd -1 -k transcript",
                baseline: keptByHand.byHand,
                target: "report only: by hand also keeps the compressed copy",
                peakMB: keptByHand.oursPeakMB,
                baselinePeakMB: keptByHand.byHandPeakMB,
                meets: nil
            ),
        ]
    }

    static func measure(
        _ fixture: CompletionFixture,
        label: String,
        rounds: Int,
        binary: String,
        parent: URL,
        environment: [String: String],
        editConfig: ((String) -> String)? = nil,
        keepTranscriptByHand: Bool = false
    ) throws -> PairedRounds {
        var ours: [MeasuredChild] = [], byHand: [MeasuredChild] = []
        for round in 0..<rounds {
            log("\(fixture.name): round \(round + 1) of \(rounds)…")
            let engineCopy = try fixture.copy(
                to: parent.appendingPathComponent("\(fixture.name)-\(label)-engine-\(round)"),
                environment: environment
            )
            let handCopy = try fixture.copy(
                to: parent.appendingPathComponent("\(fixture.name)-\(label)-hand-\(round)"),
                environment: environment
            )
            if let editConfig {
                for config in [Project(root: engineCopy.root).configFile, Project(root: handCopy.root).configFile] {
                    try AtomicFile.write(editConfig(try String(contentsOf: config, encoding: .utf8)), to: config)
                }
            }
            // The copies' dirty pages reach the disk before either side runs: a writeback of 200 MB and 40 000
            // files racing the first side's own writes made rounds differ by a second.
            sync()
            func runOurs() throws {
                let errors = parent.appendingPathComponent("stderr-\(fixture.name)-\(label)-\(round).txt").path
                let run = try MeasuredChild.run(
                    [
                        binary, "--plain", "--yes", "--cycles", "none", "--push", "--transcript",
                        engineCopy.transcript.path,
                    ],
                    in: engineCopy.root,
                    environment: environment,
                    stderrPath: errors
                )
                guard run.succeeded else {
                    throw BenchmarkFailure(
                        "jarvis-tui exited with \(run.status) on the \(fixture.name) fixture: \((try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")"
                    )
                }
                try expectPushed(engineCopy, environment: environment)
                // jarvis-tui's own peak, from its log: the rusage of a waited child also counts the git it ran.
                ours.append(
                    MeasuredChild(seconds: run.seconds, peakMB: try ownPeakMemory(engineCopy), status: run.status)
                )
            }
            func runByHand() throws {
                byHand.append(
                    try MeasuredChild.sequence(
                        [
                            ["git", "status", "--porcelain"], ["git", "add", "--all"],
                            ["git", "commit", "--quiet", "-m", "Session: by hand"],
                            ["git", "push", "--quiet"], ["wc", "-l", handCopy.transcript.path],
                        ] + (keepTranscriptByHand ? [["zstd", "-1", "-q", "-k", "-f", handCopy.transcript.path]] : []),
                        in: handCopy.root,
                        environment: environment
                    )
                )
            }
            try inTurn(oursFirst: round % 2 == 0, runOurs, runByHand)
            // The copies stay until the benchmark ends (all under `parent`): deleting 40 000 files between rounds
            // left ext4 scanning past recently freed inodes when the next round's git created its objects, and
            // that cost (up to a second) fell on whichever side ran first.
        }
        let pairs = zip(ours, byHand).enumerated().map { round, pair in
            PairedRounds.Pair(ours: pair.0.seconds, byHand: pair.1.seconds, oursFirst: round % 2 == 0)
        }
        return PairedRounds(
            pairs: pairs,
            oursPeakMB: ours.map(\.peakMB).max() ?? 0,
            byHandPeakMB: byHand.map(\.peakMB).max() ?? 0
        )
    }

    /// Both sides of a round, in the order given. The first side's writes (git's 2 000 new objects, the archive's
    /// 17 MB) reach the disk before the second starts: their writeback fell on whichever side went second (0.1 to
    /// 0.3 s in one run).
    static func inTurn(oursFirst: Bool, _ ours: () throws -> Void, _ byHand: () throws -> Void) rethrows {
        try oursFirst ? ours() : byHand()
        sync()
        try oursFirst ? byHand() : ours()
    }

    /// The run counts only if it did the work: the session commit is on the remote.
    static func expectPushed(_ fixture: CompletionFixture, environment: [String: String]) throws {
        let local = try ProcessRunner.run(["git", "rev-parse", "HEAD"], in: fixture.root, environment: environment)
        let remote = try ProcessRunner.run(["git", "rev-parse", "main"], in: fixture.remote, environment: environment)
        let subject = try ProcessRunner.run(
            ["git", "log", "-1", "--format=%s"],
            in: fixture.root,
            environment: environment
        )
        guard local.succeeded, local.output == remote.output, subject.output.hasPrefix("Session: ") else {
            throw BenchmarkFailure(
                "the completion of \(fixture.folder.path) did not push a session commit (HEAD \(local.output), remote \(remote.output))"
            )
        }
    }

    static func ownPeakMemory(_ fixture: CompletionFixture) throws -> Double {
        let log = (try? String(contentsOf: Project(root: fixture.root).completionLog, encoding: .utf8)) ?? ""
        guard let line = log.split(separator: "\n").last(where: { $0.contains("peak memory of this process") }),
            let figure = line.split(separator: " ").dropLast().last, let megabytes = Double(figure)
        else {
            throw BenchmarkFailure("no peak memory line in the completion log of \(fixture.root.path)")
        }
        return megabytes
    }

    static func log(_ text: String) { FileHandle.standardError.write(Data("completion: \(text)\n".utf8)) }
}

/// The environment every benchmark's child processes get: no terminal prompts, no automatic gc.
func benchEnvironment() -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["GIT_TERMINAL_PROMPT"] = "0"
    // No automatic gc or maintenance on either side: a detached repack racing the next round's `cp -a` broke it,
    // and when it triggers is luck, not the tool's cost.
    for (index, (key, value)) in [("gc.auto", "0"), ("maintenance.auto", "false")].enumerated() {
        environment["GIT_CONFIG_KEY_\(index)"] = key
        environment["GIT_CONFIG_VALUE_\(index)"] = value
    }
    environment["GIT_CONFIG_COUNT"] = "2"
    return environment
}

/// An executable built beside this one (`swift build -c release` puts every product in the same folder).
func siblingExecutable(_ name: String) -> String {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(
        name
    ).path
}
