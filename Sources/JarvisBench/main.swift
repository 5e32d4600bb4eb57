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
for name in names where benchmarks[name] == nil {
    FileHandle.standardError.write(Data("unknown benchmark \(name); known: \(benchmarks.keys.sorted().joined(separator: ", "))\n".utf8))
    exit(2)
}
if names.count == 1 {
    do { print(BenchmarkRow.table(try benchmarks[names[0]]!())) } catch {
        FileHandle.standardError.write(Data("benchmark \(names[0]) failed: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
// Several: each in a process of its own, so no benchmark's peak memory includes what an earlier one left behind.
var lines: [String] = []
for name in names {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("jarvis-bench-\(name)-\(getpid()).md")
    defer { try? FileManager.default.removeItem(at: output) }
    let run = Process()
    run.executableURL = URL(fileURLWithPath: siblingExecutable("jarvis-bench"))
    run.arguments = [name]
    FileManager.default.createFile(atPath: output.path, contents: nil)
    run.standardOutput = try FileHandle(forWritingTo: output)
    try run.run()
    run.waitUntilExit()
    guard run.terminationStatus == 0 else { exit(run.terminationStatus) }
    let table = try String(contentsOf: output, encoding: .utf8).split(separator: "\n").map(String.init)
    lines += lines.isEmpty ? table : Array(table.dropFirst(2))
}
print(lines.joined(separator: "\n"))
