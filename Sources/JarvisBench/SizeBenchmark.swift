import Completion
import Foundation

/// `jarvis-bench sizes`: inputs far larger than a session makes, which must cost time and memory linear in their
/// size. A prompt of 16 000 key-like tokens through the digest's redaction (in process), beside a prompt of the same
/// size without keys; an 85 MB session-state.md and a 92 MB todo file, each through a whole `jarvis-tui` run on a
/// project without git, beside `sed` rewriting one line of the same state file and Python's `json.load` of the
/// same todo file. Sizes can be changed with JARVIS_BENCH_STATE_MB / _TODOS_MB.
enum SizeBenchmark {
    static func run() throws -> [BenchmarkRow] {
        let environment = ProcessInfo.processInfo.environment
        let stateMB = Int(environment["JARVIS_BENCH_STATE_MB"] ?? "") ?? 85
        let todosMB = Int(environment["JARVIS_BENCH_TODOS_MB"] ?? "") ?? 92
        let folder = FixtureFolders.make("jarvis-bench-sizes")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { FixtureFolders.remove(folder) }
        return try [digestRow(folder)] + stateRows(folder, megabytes: stateMB) + todoRows(folder, megabytes: todosMB)
    }

    /// One user prompt of `tokens` pieces of 21 bytes: AWS-shaped keys, or words when `keys` is false.
    static func promptTranscript(_ url: URL, tokens: Int, keys: Bool) throws {
        var generator = SeededRandom(seed: keys ? 7 : 8)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
        var prompt = [UInt8]()
        prompt.reserveCapacity(tokens * 21)
        for index in 0..<tokens {
            if keys {
                prompt += Array("AKIA".utf8) + (0..<16).map { _ in alphabet[Int(generator.next() % 32)] }
            } else {
                prompt += Array(String(format: "word%015d", index).utf8)
            }
            prompt.append(0x20)
        }
        let text = String(decoding: prompt, as: UTF8.self)
        let line =
            "{\"type\":\"user\",\"sessionId\":\"bench\",\"timestamp\":\"2026-11-25T10:00:00.000Z\","
            + "\"message\":{\"role\":\"user\",\"content\":\(SampleTranscript.jsonString(text))}}\n"
        try Data(line.utf8).write(to: url)
    }

    static func digestRow(_ folder: URL) throws -> BenchmarkRow {
        let keys = folder.appendingPathComponent("keys.jsonl"), words = folder.appendingPathComponent("words.jsonl")
        try promptTranscript(keys, tokens: 16_000, keys: true)
        try promptTranscript(words, tokens: 16_000, keys: false)
        let redactor = TranscriptRedactor()
        var redacted = 0
        resetPeakMemory()
        let ours = try medianSeconds(runs: 5) {
            redacted =
                try TranscriptDigest.render(keys, redactor: redactor).components(separatedBy: "[REDACTED:").count - 1
        }
        let peak = peakMemoryMB()
        let baseline = try medianSeconds(runs: 5) { _ = try TranscriptDigest.render(words, redactor: redactor) }
        log("digest: \(redacted) of 16000 keys redacted")
        return BenchmarkRow(
            name: "digest of one prompt of 16 000 key-like tokens (336 KB)",
            value: ours,
            unit: "s",
            baselineName: "the same size of words, no key",
            baseline: baseline,
            target: "< 1 s",
            peakMB: peak,
            meets: ours < 1 && redacted >= 15_900
        )
    }

    /// A project with `.claude/` and no git (step 5 has nothing to do, so the run is the state files' work).
    static func project(_ folder: URL, stateText: Data) throws -> URL {
        let root = folder.appendingPathComponent("project-\(UUID().uuidString.prefix(6))")
        let context = root.appendingPathComponent(".claude/context")
        try FileManager.default.createDirectory(at: context, withIntermediateDirectories: true)
        try stateText.write(to: context.appendingPathComponent("session-state.md"))
        try Data("# Current Priorities\n\n- [ ] Ship the importer\n".utf8).write(
            to: context.appendingPathComponent("current-priorities.md")
        )
        return root
    }

    static func run(_ root: URL, _ extra: [String], environment: [String: String]) throws -> MeasuredChild {
        let run = try MeasuredChild.run(
            [siblingExecutable("jarvis-tui"), "--plain", "--yes", "--cycles", "none", "--project", root.path] + extra,
            in: root,
            environment: environment
        )
        guard run.status == 0 else { throw BenchmarkFailure("jarvis-tui exited \(run.status) on \(root.path)") }
        return run
    }

    /// An 85 MB session-state.md: the user's notes, decisions, blockers and todos, a third each.
    static func stateRows(_ folder: URL, megabytes: Int) throws -> [BenchmarkRow] {
        var text = "# Session State\n\n**Status**: Active\n**Current Work**: the importer\n**Next Step**: the BOM\n\n"
        let part = (megabytes << 20) / 4
        func fill(_ heading: String, _ line: (Int) -> String) {
            text += "\n## \(heading)\n\n"
            let start = text.utf8.count
            var index = 0
            while text.utf8.count - start < part {
                text += line(index) + "\n"
                index += 1
            }
        }
        fill("Notes") { "Note \($0): the importer reads the nightly export and keeps the operator's comments." }
        fill("Key Decisions") { "- Decision \($0): stream the file instead of loading it, for memory" }
        fill("Blockers") { "- Blocker \($0): waiting on the sample files from finance" }
        fill("Pending Todos") { "- [ ] Todo \($0): handle CSV files with a byte order mark" }
        let bytes = Data(text.utf8)
        text = ""
        let mb = Double(bytes.count) / 1_048_576
        let root = try project(folder, stateText: bytes)
        let state = root.appendingPathComponent(".claude/context/session-state.md")
        let environment = benchEnvironment()
        let ours = try run(root, [], environment: environment)
        let after = (try? FileManager.default.attributesOfItem(atPath: state.path)[.size] as? Int) ?? 0
        let sed = try MeasuredChild.run(
            ["sed", "-e", "s/^\\*\\*Status\\*\\*: .*/**Status**: Session completed/", state.path],
            stdoutPath: folder.appendingPathComponent("sed.out").path
        )
        log("session-state: \(String(format: "%.1f", mb)) MB → \(String(format: "%.1f", Double(after) / 1_048_576)) MB")
        return [
            BenchmarkRow(
                name: "whole run on a \(Int(mb.rounded())) MB session-state.md",
                value: ours.seconds,
                unit: "s",
                baselineName: "sed rewriting its Status line",
                baseline: sed.seconds,
                target: "< 5 s and < 100 MB; the file grows < 1 MB",
                peakMB: ours.peakMB,
                baselinePeakMB: sed.peakMB,
                meets: ours.seconds < 5 && ours.peakMB < 100 && after - bytes.count < 1 << 20
            )
        ]
    }

    /// A 92 MB todo file of the session (`$CLAUDE_CONFIG_DIR/todos/<session>-agent-<session>.json`).
    static func todoRows(_ folder: URL, megabytes: Int) throws -> [BenchmarkRow] {
        let config = folder.appendingPathComponent("claude-config")
        let todos = config.appendingPathComponent("todos")
        try FileManager.default.createDirectory(at: todos, withIntermediateDirectories: true)
        let file = todos.appendingPathComponent("bench-agent-bench.json")
        var json = Data("[".utf8)
        var index = 0
        while json.count < megabytes << 20 {
            let status = ["pending", "in_progress", "completed"][index % 3]
            let item =
                "\(index == 0 ? "" : ","){\"content\":\"Todo \(index): migrate the importer's CSV reader to the streaming API\","
                + "\"status\":\"\(status)\",\"activeForm\":\"Migrating the importer's CSV reader \(index)\"}"
            json.append(contentsOf: item.utf8)
            index += 1
        }
        json.append(contentsOf: "]".utf8)
        try json.write(to: file)
        let mb = Double(json.count) / 1_048_576
        json = Data()
        let root = try project(folder, stateText: Data("# Session State\n\n**Status**: Active\n".utf8))
        let state = root.appendingPathComponent(".claude/context/session-state.md")
        var environment = benchEnvironment()
        environment["CLAUDE_CONFIG_DIR"] = config.path
        let ours = try run(root, ["--session-id", "bench"], environment: environment)
        let after = (try? FileManager.default.attributesOfItem(atPath: state.path)[.size] as? Int) ?? 0
        let python = try MeasuredChild.run([
            "python3", "-c", "import json,sys; json.load(open(sys.argv[1]))", file.path,
        ])
        log("todos: \(index) items, \(String(format: "%.1f", mb)) MB; session-state now \(after) bytes")
        return [
            BenchmarkRow(
                name: "whole run with a \(Int(mb.rounded())) MB todo file (\(index) todos)",
                value: ours.seconds,
                unit: "s",
                baselineName: python.succeeded ? "python3 json.load of the file" : "python3: not available",
                baseline: python.succeeded ? python.seconds : nil,
                target: "< 5 s and < 100 MB; session-state stays < 1 MB",
                peakMB: ours.peakMB,
                baselinePeakMB: python.succeeded ? python.peakMB : nil,
                meets: ours.seconds < 5 && ours.peakMB < 100 && after < 1 << 20
            )
        ]
    }

    static func log(_ text: String) {
        FileHandle.standardError.write(Data("sizes: \(text)\n".utf8))
    }
}
