import Completion
import Foundation

/// Step 5 on a repository with 20 000 tracked files of which 2 000 changed (about 13 MB): its own time (from the
/// engine's `stepFinished` event) against `git status`, `git add -A` and `git commit` run by hand on a copy
/// in the same run. (The secret scan against detect-secrets has a benchmark of its own, `secrets`.)
func gitBenchmark() throws -> [BenchmarkRow] {
    let folder = FixtureFolders.make("jarvis-bench-git")
    defer { FixtureFolders.remove(folder) }
    let base = folder.appendingPathComponent("base")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let shell = try GitBenchShell(folder: folder)
    try shell.buildBaseRepository(at: base, in: folder)
    let megabytes = try writeSessionChanges(in: base)
    let rounds = try GitBenchRounds.measure(base: base, folder: folder, shell: shell)
    return [
        BenchmarkRow(
            name:
                "step 5 (status, guard, add, commit), 2 000 of 20 000 files changed (\(String(format: "%.1f", megabytes)) MB)",
            value: median(rounds.stepTimes),
            unit: "s",
            baselineName: "git status + add -A + commit by hand",
            baseline: median(rounds.rawTimes),
            target: "≤ 1.3× raw git",
            peakMB: rounds.stepPeak,
            baselinePeakMB: rounds.rawPeak,
            meets: median(rounds.stepTimes) <= 1.3 * median(rounds.rawTimes)
        )
    ]
}

/// git and cp for the fixture, with a global configuration of the benchmark's own.
private struct GitBenchShell {
    let environment: [String: String]

    init(folder: URL) throws {
        var env = ProcessInfo.processInfo.environment
        let globalConfig = folder.appendingPathComponent("gitconfig")
        // No automatic gc: a detached `git gc --auto` repacking loose objects while a round copies the repository
        // made `cp -a` fail.
        try Data("[gc]\n\tauto = 0\n[maintenance]\n\tauto = false\n".utf8).write(to: globalConfig)
        env["GIT_CONFIG_GLOBAL"] = globalConfig.path
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        environment = env
    }

    func git(_ args: [String], in dir: URL) throws {
        let result = try ProcessRunner.run(["git"] + args, in: dir, environment: environment, timeout: .seconds(600))
        guard result.succeeded else {
            throw GitError(command: "git " + args.joined(separator: " "), output: result.errorOutput)
        }
    }

    func copy(_ from: URL, _ to: URL) throws {
        let result = try ProcessRunner.run(
            ["cp", "-a", from.path, to.path],
            environment: environment,
            timeout: .seconds(600)
        )
        guard result.succeeded else { throw GitError(command: "cp -a", output: result.errorOutput) }
    }

    /// 20 000 tracked files (200 folders × 100), committed.
    func buildBaseRepository(at base: URL, in folder: URL) throws {
        FileHandle.standardError.write(Data("git: building a repository with 20 000 files…\n".utf8))
        try git(["init", "--quiet", "--initial-branch=main", base.path], in: folder)
        for (key, value) in [("user.name", "Bench"), ("user.email", "bench@example.com"), ("commit.gpgsign", "false")] {
            try git(["config", key, value], in: base)
        }
        _ = try ProjectInitializer(project: Project(root: base)).run()
        for index in 0..<20_000 {
            try sourceFile(index, revision: 0, lines: 12).write(
                to: base.appendingPathComponent(generatedSourcePath(index)).creatingFolder()
            )
        }
        try git(["add", "--all"], in: base)
        try git(["commit", "--quiet", "-m", "baseline"], in: base)
    }
}

/// 2 000 changes: 1 600 files rewritten, 400 new ones, about 6.5 KB each (≈ 13 MB); returns their size in MB.
private func writeSessionChanges(in base: URL) throws -> Double {
    var changed: [URL] = []
    for k in 0..<1_600 {
        let url = base.appendingPathComponent(generatedSourcePath(k * 12))
        try sourceFile(k * 12, revision: 1, lines: 76).write(to: url)
        changed.append(url)
    }
    for k in 0..<400 {
        let url = base.appendingPathComponent("new/module\(k / 100)/added\(k).swift")
        try sourceFile(30_000 + k, revision: 1, lines: 76).write(to: url.creatingFolder())
        changed.append(url)
    }
    return Double(
        changed.reduce(0) {
            $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0)
        }
    ) / 1_048_576
}

/// Step 5's times and peak memory against the same git commands by hand, each round on fresh copies.
private struct GitBenchRounds {
    var stepTimes: [Double] = [], rawTimes: [Double] = []
    var stepPeak = 0.0, rawPeak = 0.0

    /// Five rounds, alternating which side runs first, so the load of a shared machine falls on both alike.
    static func measure(base: URL, folder: URL, shell: GitBenchShell) throws -> GitBenchRounds {
        var rounds = GitBenchRounds()
        for round in 0..<5 {
            let engineCopy = folder.appendingPathComponent("engine-\(round)")
            let rawCopy = folder.appendingPathComponent("raw-\(round)")
            try shell.copy(base, engineCopy)
            try shell.copy(base, rawCopy)
            // A copy's index no longer matches the files' inodes: refresh both untimed, as a user's repository is.
            try shell.git(["update-index", "-q", "--refresh"], in: engineCopy)
            try shell.git(["update-index", "-q", "--refresh"], in: rawCopy)

            if round % 2 == 0 { try rounds.byHand(in: rawCopy, environment: shell.environment) }
            resetPeakMemory()
            rounds.stepTimes.append(
                try stepFiveSeconds(project: Project(root: engineCopy), environment: shell.environment)
            )
            rounds.stepPeak = max(rounds.stepPeak, peakMemoryMB())
            if round % 2 == 1 { try rounds.byHand(in: rawCopy, environment: shell.environment) }
            try? FileManager.default.removeItem(at: engineCopy)
            try? FileManager.default.removeItem(at: rawCopy)
        }
        return rounds
    }

    private mutating func byHand(in rawCopy: URL, environment: [String: String]) throws {
        let run = try MeasuredChild.sequence(
            [
                ["git", "status", "--porcelain"], ["git", "add", "--all"],
                ["git", "commit", "--quiet", "-m", "Session: by hand"],
            ],
            in: rawCopy,
            environment: environment
        )
        rawTimes.append(run.seconds)
        rawPeak = max(rawPeak, run.peakMB)
    }
}

/// Step 5's own duration, as the engine reports it, for a completion run on `project` (push off, as by hand).
private func stepFiveSeconds(project: Project, environment: [String: String]) throws -> Double {
    var resolved = try ConfigurationResolver.resolve(
        project: project,
        commandLine: CommandLineOverrides(autoPush: false),
        environment: environment
    )
    resolved.configuration.memoryPersistence = false
    resolved.configuration.archiveConversation = false
    resolved.configuration.stopWatcher = false
    var options = RunOptions()
    options.push = .never
    let plan = CompletionPlan(project: project, resolved: resolved, options: options, environment: environment)
    let result = ThreadWork<(Double, Outcome)?>.blockingAwait {
        var step: (Double, Outcome)?
        for await event in SessionCompletion.run(plan) {
            if case .stepFinished(.git, let outcome, let duration) = event {
                step = (Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18, outcome)
            }
        }
        return step
    }
    guard let (seconds, outcome) = result, outcome.isDone else {
        throw GitError(command: "step 5", output: "did not complete: \(String(describing: result?.1))")
    }
    return seconds
}
