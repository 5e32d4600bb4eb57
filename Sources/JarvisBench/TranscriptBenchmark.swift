import Completion
import Foundation

/// `jarvis-bench transcript`: statistics throughput and peak memory on a generated 200 MB transcript next to
/// Python's `json` line by line and `jq` counting the same way on the same file (jq takes a while), and the Markdown digest of a 20 MB transcript
/// next to `claude-code-log` (PyPI). Sizes can be changed with JARVIS_BENCH_TRANSCRIPT_MB / _DIGEST_MB.
enum TranscriptBenchmark {
    static func run() throws -> [BenchmarkRow] {
        let environment = ProcessInfo.processInfo.environment
        let bigMB = Int(environment["JARVIS_BENCH_TRANSCRIPT_MB"] ?? "") ?? 200
        let digestMB = Int(environment["JARVIS_BENCH_DIGEST_MB"] ?? "") ?? 20
        let folder = FixtureFolders.make("jarvis-bench-transcript")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { FixtureFolders.remove(folder) }
        let files = try Files(folder: folder, bigMB: bigMB, digestMB: digestMB)
        let ours = try Ours.measure(files)
        var rows = try baselineRows(ours, files)
        rows += [
            BenchmarkRow(
                name: "statistics peak memory, flat in transcript size",
                value: ours.peak,
                unit: "MB",
                baselineName: "the same on a \(Int(files.smallMBs)) MB transcript",
                baseline: ours.smallPeak,
                target: "≤ 1.1× for 10× the size",
                meets: ours.peak <= 1.1 * ours.smallPeak
            )
        ]
        rows.append(try digestRow(files, folder: folder))
        return rows
    }

    /// The generated transcripts: the large one for the statistics, the smaller one for the digest.
    struct Files {
        let big: URL, small: URL
        let bigMBs: Double, smallMBs: Double

        init(folder: URL, bigMB: Int, digestMB: Int) throws {
            let sample = SampleTranscript(
                sessionID: "0f3c1d2e-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
                cwd: "/home/dev/acme-app",
                start: Date(timeIntervalSince1970: 1_764_000_000)
            )
            big = folder.appendingPathComponent("big.jsonl")
            small = folder.appendingPathComponent("digest.jsonl")
            let bigBytes = try sample.write(to: big, targetBytes: bigMB << 20)
            let smallBytes = try sample.write(to: small, targetBytes: digestMB << 20)
            bigMBs = Double(bigBytes) / 1_048_576
            smallMBs = Double(smallBytes) / 1_048_576
            log(
                "generated \(String(format: "%.0f", bigMBs)) MB and \(String(format: "%.0f", smallMBs)) MB transcripts in \(folder.path)"
            )
        }
    }

    /// Our statistics: the median time on the large file and the peak memory on each.
    struct Ours {
        let seconds: Double, peak: Double, smallPeak: Double
        let stats: TranscriptStatistics

        /// Peak memory measured from a reset high-water mark, so generation does not count. The 20 MB file
        /// first: memory must not grow with the transcript (it is streamed, never held), and what the larger run
        /// leaves in the allocator would count for the smaller one.
        static func measure(_ files: Files) throws -> Ours {
            resetPeakMemory()
            _ = try TranscriptAnalyzer().analyze(files.small)
            let smallPeak = peakMemoryMB()
            log(
                "jarvis: peak \(String(format: "%.1f", smallPeak)) MB on the \(String(format: "%.0f", files.smallMBs)) MB transcript"
            )
            resetPeakMemory()
            let before = currentMemoryMB()
            var analysis = TranscriptAnalysis()
            // The previous run's analysis is let go first: a run holds one analysis, never two.
            let ours = try medianSeconds(runs: 3) {
                analysis = TranscriptAnalysis()
                analysis = try TranscriptAnalyzer().analyze(files.big)
            }
            let peak = peakMemoryMB()
            let stats = analysis.statistics
            log(
                "jarvis: tokens \(stats.tokensUsed), context \(stats.contextUsed ?? -1), \(String(format: "%.2f", ours)) s; RSS before \(String(format: "%.1f", before)) MB, peak \(String(format: "%.1f", peak)) MB"
            )
            return Ours(seconds: ours, peak: peak, smallPeak: smallPeak, stats: stats)
        }
    }

    /// Our throughput against Python's `json` and `jq` counting the same way, and our peak memory against
    /// Python's; warns when either count differs from ours.
    static func baselineRows(_ ours: Ours, _ files: Files) throws -> [BenchmarkRow] {
        let stats = ours.stats, bigMBs = files.bigMBs, peak = ours.peak
        var rows: [BenchmarkRow] = []
        let python = try pythonCount(files.big)
        if let python {
            log(
                "python: tokens \(python.tokens), context \(python.context), \(String(format: "%.2f", python.seconds)) s"
            )
        }
        if let python, python.tokens != stats.tokensUsed || python.context != stats.contextUsed ?? -1 {
            log(
                "WARNING: the Python count differs from ours (\(python.tokens)/\(python.context) vs \(stats.tokensUsed)/\(stats.contextUsed ?? -1))"
            )
        }
        rows.append(
            BenchmarkRow(
                name: "transcript statistics, \(Int(bigMBs)) MB",
                value: bigMBs / ours.seconds,
                unit: "MB/s",
                baselineName: python == nil ? "python json: not available" : "python json",
                baseline: python.map { bigMBs / $0.seconds },
                target: "≥ 2× python",
                peakMB: peak,
                baselinePeakMB: python?.peakMB,
                meets: python.map { ours.seconds * 2 <= $0.seconds }
            )
        )
        let jq = try jqCount(files.big)
        if let jq { log("jq: tokens \(jq.tokens), context \(jq.context), \(String(format: "%.2f", jq.seconds)) s") }
        if let jq, jq.tokens != stats.tokensUsed || jq.context != stats.contextUsed ?? -1 {
            log(
                "WARNING: the jq count differs from ours (\(jq.tokens)/\(jq.context) vs \(stats.tokensUsed)/\(stats.contextUsed ?? -1))"
            )
        }
        rows.append(
            BenchmarkRow(
                name: "transcript statistics, \(Int(bigMBs)) MB",
                value: bigMBs / ours.seconds,
                unit: "MB/s",
                baselineName: jq == nil ? "jq: not available" : "jq",
                baseline: jq.map { bigMBs / $0.seconds },
                target: "faster than jq",
                peakMB: peak,
                meets: jq.map { ours.seconds < $0.seconds }
            )
        )
        rows.append(
            BenchmarkRow(
                name: "statistics peak memory (\(Int(bigMBs)) MB file, whole process)",
                value: peak,
                unit: "MB",
                baselineName: python?.peakMB == nil ? nil : "python json",
                baseline: python?.peakMB,
                target: "< 50 MB",
                meets: peak < 50
            )
        )
        return rows
    }

    /// The Markdown digest of the smaller transcript, written as step 4 writes it, against claude-code-log.
    static func digestRow(_ files: Files, folder: URL) throws -> BenchmarkRow {
        let small = files.small
        let digestURL = folder.appendingPathComponent("digest.md")
        resetPeakMemory()
        let digestSeconds = try medianSeconds(runs: 3) {
            // As step 4 writes it: streamed to disk in pieces.
            try AtomicFile.writeStreaming(to: digestURL) { emit in
                try TranscriptDigest.stream(small, redactor: TranscriptRedactor()) { piece in
                    var piece = piece
                    try piece.withUTF8 { try emit(UnsafeRawBufferPointer($0)) }
                }
            }
        }
        let digestPeak = peakMemoryMB()
        let reference = claudeCodeLog(small, output: folder.appendingPathComponent("ccl.md"))
        return BenchmarkRow(
            name: "digest of a \(Int(files.smallMBs)) MB transcript",
            value: digestSeconds,
            unit: "s",
            baselineName: reference == nil ? "claude-code-log: not available" : "claude-code-log",
            baseline: reference,
            target: "≥ 5× faster (ratio ≤ 0.2)",
            peakMB: digestPeak,
            meets: reference.map { digestSeconds * 5 <= $0 }
        )
    }

    struct Count { var tokens: Int; var context: Int; var seconds: Double; var peakMB: Double? = nil }

    static let pythonScript = """
        import json, resource, sys, time
        start = time.perf_counter()
        tokens, context, seen = 0, -1, set()
        with open(sys.argv[1], 'rb') as f:
            for raw in f:
                try:
                    o = json.loads(raw)
                except ValueError:
                    continue
                if not isinstance(o, dict) or o.get('type') != 'assistant':
                    continue
                m = o.get('message') or {}
                u = m.get('usage')
                if not u or m.get('model') == '<synthetic>':
                    continue
                i, out = u.get('input_tokens') or 0, u.get('output_tokens') or 0
                cc, cr = u.get('cache_creation_input_tokens') or 0, u.get('cache_read_input_tokens') or 0
                if not o.get('isSidechain'):
                    context = i + cc + cr
                mid, rid = m.get('id'), o.get('requestId')
                if mid and rid:
                    if (mid, rid) in seen:
                        continue
                    seen.add((mid, rid))
                tokens += i + out + cc + cr
        # VmHWM, not ru_maxrss: Linux counts the image an exec replaced in ru_maxrss (here the benchmark's own).
        hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]
        print(tokens, context, time.perf_counter() - start, int(hwm) / 1024)
        """

    static func pythonCount(_ url: URL) throws -> Count? {
        guard
            let result = try? ProcessRunner.run(
                ["python3", "-c", pythonScript, url.path],
                in: url.deletingLastPathComponent()
            ),
            result.succeeded
        else { return nil }
        let parts = result.output.split(separator: " ").map {
            String($0).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard parts.count == 4, let tokens = Int(parts[0]), let context = Int(parts[1]), let seconds = Double(parts[2])
        else { return nil }
        return Count(tokens: tokens, context: context, seconds: seconds, peakMB: Double(parts[3]))
    }

    static let jqProgram = """
        reduce (inputs | select(.type == "assistant" and .message.usage != null and .message.model != "<synthetic>")) as $l
          ({t: 0, ctx: -1, seen: {}};
           ($l.message.usage) as $u
           | (($u.input_tokens // 0) + ($u.cache_creation_input_tokens // 0) + ($u.cache_read_input_tokens // 0)) as $c
           | (if ($l.isSidechain | not) then .ctx = $c else . end)
           | (($l.message.id // "") + "|" + ($l.requestId // "")) as $k
           | if .seen[$k] then . else .seen[$k] = true | .t += $c + ($u.output_tokens // 0) end)
        | "\\(.t) \\(.ctx)"
        """

    static func jqCount(_ url: URL) throws -> Count? {
        let start = DispatchTime.now().uptimeNanoseconds
        guard
            let result = try? ProcessRunner.run(
                ["jq", "-n", "-r", jqProgram, url.path],
                in: url.deletingLastPathComponent()
            ),
            result.succeeded
        else { return nil }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let parts = result.output.split(separator: " ").map {
            String($0).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard parts.count == 2, let tokens = Int(parts[0]), let context = Int(parts[1]) else { return nil }
        return Count(tokens: tokens, context: context, seconds: seconds)
    }

    /// Seconds `claude-code-log convert FILE -o OUT.md` takes, or nil when it is not installed.
    static func claudeCodeLog(_ url: URL, output: URL) -> Double? {
        let start = DispatchTime.now().uptimeNanoseconds
        guard
            let result = try? ProcessRunner.run(
                ["claude-code-log", "convert", url.path, "-o", output.path],
                in: url.deletingLastPathComponent()
            ),
            result.succeeded, FileManager.default.fileExists(atPath: output.path)
        else {
            log("claude-code-log: not available (pip install claude-code-log)")
            return nil
        }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func log(_ text: String) {
        FileHandle.standardError.write(Data("transcript: \(text)\n".utf8))
    }
}
