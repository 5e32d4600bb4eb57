import Completion
import Foundation

/// The whole completion of the small sample project (cycles off, push to a local bare remote), against what a
/// person would do by hand on an identical copy in the same run: `git status`, `git add -A`, `git commit`,
/// `git push`, and reading the transcript once. Each round builds fresh copies; building them is not timed.
enum CompletionBenchmark {
    static let rounds = 5

    static func run() throws -> [BenchmarkRow] {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("jarvis-bench-completion-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        var ours: [Double] = [], byHand: [Double] = []
        for round in 0..<rounds {
            FileHandle.standardError.write(Data("completion: round \(round + 1) of \(rounds)…\n".utf8))
            let engineCopy = try DemoProject.create(in: parent)
            let handCopy = try DemoProject.create(in: parent)

            let env = environment
            let started = DispatchTime.now().uptimeNanoseconds
            let status = try runBlocking { () async throws -> ExitStatus in
                let resolved = try ConfigurationResolver.resolve(project: engineCopy.project, commandLine: CommandLineOverrides(preCompletionOffer: false), environment: env)
                var options = RunOptions()
                options.transcriptPath = engineCopy.transcriptPath.path
                var exit = ExitStatus.completed
                for await event in SessionCompletion.run(CompletionPlan(project: engineCopy.project, resolved: resolved, options: options, environment: env)) {
                    if case .finished(let result) = event { exit = result.exitStatus }
                }
                return exit
            }
            ours.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
            guard status == .completed else { throw GitError(command: "the completion", output: "ended with \(status)") }

            let root = handCopy.project.root
            let handStarted = DispatchTime.now().uptimeNanoseconds
            for argv in [["git", "status", "--porcelain"], ["git", "add", "-A"], ["git", "commit", "--quiet", "-m", "Session: by hand"], ["git", "push", "--quiet"]] {
                let result = try ProcessRunner.run(argv, in: root, environment: env, timeout: .seconds(120))
                guard result.succeeded else { throw GitError(command: argv.joined(separator: " "), output: result.errorOutput) }
            }
            _ = try Data(contentsOf: handCopy.transcriptPath)
            byHand.append(Double(DispatchTime.now().uptimeNanoseconds - handStarted) / 1e9)
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        return [BenchmarkRow(name: "whole completion, small sample project", value: median(ours) * 1000, unit: "ms",
                             baselineName: "git status+add+commit+push, read transcript", baseline: median(byHand) * 1000,
                             target: "< 1 s (spec: < 60 s, alert > 120 s)")]
    }
}
