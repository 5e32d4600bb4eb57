import Completion
import Foundation

/// `jarvis-bench hooks`: how long Claude Code waits for `jarvis-tui hook …`. Runs the real binary (built beside
/// jarvis-bench) with real hook payloads on stdin, against `/bin/true` spawned the same way as the baseline
/// (the cost of starting any process here). Target: an ordinary prompt well under 50 ms.
enum HookBenchmark {
    static let runs = 41

    static func run() throws -> [BenchmarkRow] {
        let exe = URL(
            fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0]
        )
        let binary = exe.deletingLastPathComponent().appendingPathComponent("jarvis-tui").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchmarkFailure("\(binary) not found: build jarvis-tui in the same configuration first")
        }
        let folder = FixtureFolders.make("jarvis-bench-hooks")
        defer { FixtureFolders.remove(folder) }
        let payloads = try Payloads(folder: folder)

        // Baselines: any process (/bin/true), and jarvis-tui doing nothing (`--version`: the Swift runtime,
        // Foundation and the argument parser loading), which every hook pays before its own work.
        let processStart = try median { try spawn("/bin/true", [], stdin: payloads.ordinary) }
        let hook = HookTimer(
            binary: binary,
            baseline: try median { try spawn(binary, ["--version"], stdin: payloads.ordinary) },
            baselinePeak: try MeasuredChild.run([binary, "--version"], stdinPath: payloads.ordinary).peakMB
        )
        var rows = [
            BenchmarkRow(
                name: "jarvis-tui --version (start-up only)",
                value: hook.baseline * 1000,
                unit: "ms",
                baselineName: "/bin/true",
                baseline: processStart * 1000,
                target: "—"
            )
        ]
        rows += try hook.rows(payloads)
        rows += try installedRows(built: binary, input: payloads.ordinary)
        // In-process: the decision itself, without process start-up.
        let handler = HookHandler(environment: [:])
        let data = try Data(contentsOf: URL(fileURLWithPath: payloads.ordinary))
        let decide = medianSeconds(runs: 2_001) { _ = handler.handle(.userPromptSubmit, input: data) }
        rows.append(
            BenchmarkRow(
                name: "decision in process (ordinary prompt)",
                value: decide * 1_000_000,
                unit: "µs",
                target: "—"
            )
        )
        return rows
    }

    /// A project with a configured departure phrase and a checkpoint, and the hook payloads (files) run on it.
    private struct Payloads {
        let ordinary: String, farewell: String, configured: String, start: String, end: String

        init(folder: URL) throws {
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent(".claude"),
                withIntermediateDirectories: true
            )
            try AtomicFile.write(
                "session_completion:\n  departure_phrases: [\"over and out\"]\n",
                to: Project(root: folder).configFile
            )
            try AtomicFile.write(
                "---\ncreated: 2026-11-25T10:00:00.000Z\nstatus: completed\n---\n\nContinue with: the tests\n",
                to: Project(root: folder).checkpointFile
            )
            func payload(_ event: String, _ extra: String) throws -> String {
                let path = folder.appendingPathComponent("\(event)-\(UUID().uuidString.prefix(4)).json").path
                let text =
                    "{\"session_id\": \"bench\", \"transcript_path\": \"/tmp/bench.jsonl\", \"cwd\": \(OrderedJSON.quote(folder.path)), "
                    + "\"hook_event_name\": \"\(event)\", \(extra)}"
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                return path
            }
            ordinary = try payload(
                "UserPromptSubmit",
                "\"prompt\": \"refactor the token refresh to use the new lock helper and add tests\""
            )
            farewell = try payload("UserPromptSubmit", "\"prompt\": \"thanks, goodbye!\"")
            configured = try payload("UserPromptSubmit", "\"prompt\": \"over and out\"")
            start = try payload("SessionStart", "\"source\": \"startup\"")
            end = try payload("SessionEnd", "\"reason\": \"logout\"")
        }
    }

    /// Times `jarvis-tui hook …` against `jarvis-tui --version`, the start-up every hook pays.
    private struct HookTimer {
        let binary: String
        let baseline: Double
        let baselinePeak: Double

        func rows(_ payloads: Payloads) throws -> [BenchmarkRow] {
            let prompt = ["hook", "user-prompt-submit"]
            return [
                try row(
                    "hook user-prompt-submit, ordinary prompt",
                    prompt,
                    payloads.ordinary,
                    target: "< 50 ms",
                    limitMS: 50
                ),
                try row(
                    "hook user-prompt-submit, \"goodbye\"",
                    prompt,
                    payloads.farewell,
                    target: "< 50 ms",
                    limitMS: 50
                ),
                try row(
                    "hook user-prompt-submit, config phrase (YAML read)",
                    prompt,
                    payloads.configured,
                    target: "< 50 ms",
                    limitMS: 50
                ),
                try row(
                    "hook session-start (checkpoint)",
                    ["hook", "session-start"],
                    payloads.start,
                    target: "< 200 ms",
                    limitMS: 200
                ),
                try row(
                    "hook session-end (record)",
                    ["hook", "session-end"],
                    payloads.end,
                    target: "< 1.5 s (Claude Code's limit)",
                    limitMS: 1_500
                ),
            ]
        }

        private func row(
            _ name: String,
            _ arguments: [String],
            _ input: String,
            target: String,
            limitMS: Double
        ) throws -> BenchmarkRow {
            let seconds = try HookBenchmark.median { try HookBenchmark.spawn(binary, arguments, stdin: input) }
            let peak = try MeasuredChild.run([binary] + arguments, stdinPath: input).peakMB
            return BenchmarkRow(
                name: name,
                value: seconds * 1000,
                unit: "ms",
                baselineName: "jarvis-tui --version",
                baseline: baseline * 1000,
                target: target,
                peakMB: peak,
                baselinePeakMB: baselinePeak,
                meets: seconds * 1000 < limitMS
            )
        }
    }

    /// The installed binary (`scripts/install`: the Swift runtime linked statically) beside the one built here, on
    /// the ordinary prompt: what Claude Code waits for on a user's machine. `JARVIS_INSTALLED_BINARY` names it,
    /// else `~/.local/bin/jarvis-tui`; without one the row is left out and the reason printed.
    private static func installedRows(built: String, input: String) throws -> [BenchmarkRow] {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [
            environment["JARVIS_INSTALLED_BINARY"], environment["HOME"].map { "\($0)/.local/bin/jarvis-tui" },
        ]
        guard
            let installed = candidates.compactMap({ $0 }).first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else {
            let reason =
                "hooks: no installed jarvis-tui (scripts/install, or JARVIS_INSTALLED_BINARY): its row is left out\n"
            FileHandle.standardError.write(Data(reason.utf8))
            return []
        }
        let arguments = ["hook", "user-prompt-submit"]
        let builtSeconds = try median { try spawn(built, arguments, stdin: input) }
        let seconds = try median { try spawn(installed, arguments, stdin: input) }
        let peak = try MeasuredChild.run([installed] + arguments, stdinPath: input).peakMB
        let builtPeak = try MeasuredChild.run([built] + arguments, stdinPath: input).peakMB
        return [
            BenchmarkRow(
                name: "hook user-prompt-submit, ordinary prompt, installed static binary",
                value: seconds * 1000,
                unit: "ms",
                baselineName: "the same hook, binary built here",
                baseline: builtSeconds * 1000,
                target: "< 50 ms",
                peakMB: peak,
                baselinePeakMB: builtPeak,
                meets: seconds * 1000 < 50
            )
        ]
    }

    private static func median(_ body: () throws -> Void) throws -> Double {
        try body()  // warm the page cache
        return try medianSeconds(runs: runs, body)
    }

    /// stdin from a file, stdout and stderr to /dev/null: nothing else in the measurement.
    private static func spawn(_ program: String, _ arguments: [String], stdin: String) throws {
        _ = try MeasuredChild.run([program] + arguments, stdinPath: stdin)
    }
}
