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
