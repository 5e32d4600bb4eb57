import Foundation

/// `swift run -c release jarvis-bench all | NAME …`: runs the named benchmarks (every one with `all`) and prints
/// one table of figures with their baselines measured in the same run. Without a name it prints its usage: the
/// whole run generates gigabytes of fixtures and takes a long while, so it is never started by accident.
let benchmarks: [String: () throws -> [BenchmarkRow]] = [
    "completion": CompletionBenchmark.run,
    "transcript": TranscriptBenchmark.run,
    "memory": MemoryBenchmark.run,
    "hooks": HookBenchmark.run,
    "ui": UIBenchmark.run,
    "git": gitBenchmark,
    "secrets": SecretScanBenchmark.run,
    "sizes": SizeBenchmark.run,
]

let usage = """
    usage: jarvis-bench all | NAME … | make-fixture small|large FOLDER
      all           every benchmark, each in a process of its own (the completion one generates about 9 GB)
      NAME          one or more of: \(benchmarks.keys.sorted().joined(separator: ", "))
      make-fixture  build one whole-completion fixture in FOLDER and keep it, to profile a run by hand
    Fixtures are generated in $TMPDIR and removed at the end, also on SIGINT, SIGTERM, SIGPIPE and SIGHUP.

    """

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.isEmpty {
    FileHandle.standardError.write(Data(usage.utf8))
    exit(2)
}
if ["help", "-h", "--help"].contains(arguments[0]) {
    print(usage, terminator: "")
    exit(0)
}
InterruptCleanup.install()

// `jarvis-bench make-fixture small|large FOLDER`: builds one fixture of the whole-completion benchmark and keeps
// it, to profile a run by hand (`jarvis-tui --plain --yes --cycles none --push --transcript …` in its acme-app/).
if arguments.count == 3, arguments[0] == "make-fixture" {
    let parent = URL(fileURLWithPath: arguments[2])
    let environment = benchEnvironment()
    let transcriptMB = Int(environment["JARVIS_BENCH_TRANSCRIPT_MB"] ?? "") ?? 200
    let fixture =
        arguments[1] == "large"
        ? try CompletionFixture.large(in: parent, transcriptMB: transcriptMB, environment: environment)
        : try CompletionFixture.small(in: parent)
    print("\(fixture.root.path)\n\(fixture.transcript.path)")
    exit(0)
}

let names = arguments == ["all"] ? benchmarks.keys.sorted() : arguments
for name in names where benchmarks[name] == nil {
    FileHandle.standardError.write(Data("jarvis-bench: unknown benchmark \(name)\n\(usage)".utf8))
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
    let output = FixtureFolders.make("jarvis-bench-\(name)-table")
    defer { FixtureFolders.remove(output) }
    let run = try MeasuredChild.run(
        [siblingExecutable("jarvis-bench"), name],
        stdoutPath: output.path,
        stderrPath: nil
    )
    guard run.succeeded else { exit(run.status) }
    let table = try String(contentsOf: output, encoding: .utf8).split(separator: "\n").map(String.init)
    lines += lines.isEmpty ? table : Array(table.dropFirst(2))
}
print(lines.joined(separator: "\n"))
