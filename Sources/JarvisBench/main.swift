import Foundation

/// `swift run -c release jarvis-bench [NAME …]`: runs the named benchmarks (all when none are named) and prints
/// one table of figures with their baselines measured in the same run.
let benchmarks: [String: () throws -> [BenchmarkRow]] = [
    "completion": CompletionBenchmark.run,
    "transcript": TranscriptBenchmark.run,
    "memory": MemoryBenchmark.run,
    "hooks": HookBenchmark.run,
    "ui": UIBenchmark.run,
    "git": gitBenchmark,
]

// `jarvis-bench make-fixture small|large FOLDER`: builds one fixture of the whole-completion benchmark and keeps
// it, to profile a run by hand (`jarvis-tui --plain --yes --cycles none --push --transcript …` in its acme-app/).
if CommandLine.arguments.count == 4, CommandLine.arguments[1] == "make-fixture" {
    let parent = URL(fileURLWithPath: CommandLine.arguments[3])
    let environment = benchEnvironment()
    let fixture = CommandLine.arguments[2] == "large"
        ? try CompletionFixture.large(in: parent, transcriptMB: Int(environment["JARVIS_BENCH_TRANSCRIPT_MB"] ?? "") ?? 200, environment: environment)
        : try CompletionFixture.small(in: parent)
    print("\(fixture.root.path)\n\(fixture.transcript.path)")
    exit(0)
}

let wanted = CommandLine.arguments.dropFirst()
let names = wanted.isEmpty ? benchmarks.keys.sorted() : Array(wanted)
var rows: [BenchmarkRow] = []
for name in names {
    guard let benchmark = benchmarks[name] else {
        FileHandle.standardError.write(Data("unknown benchmark \(name); known: \(benchmarks.keys.sorted().joined(separator: ", "))\n".utf8))
        exit(2)
    }
    do { rows += try benchmark() } catch {
        FileHandle.standardError.write(Data("benchmark \(name) failed: \(error)\n".utf8))
        exit(1)
    }
}
print(BenchmarkRow.table(rows))
