import Completion
import Foundation

/// The secret scan of step 5's guard on a realistic tree (`RealisticTree`: sources in three languages, docs,
/// manifests, lockfiles, a minified bundle, fixtures, images, and credentials pasted among them) against
/// `detect-secrets scan` (PyPI) on the same files in the same run. Both sides print what they found: the files
/// held back by ours (of those with a planted credential) and the files detect-secrets reports.
enum SecretScanBenchmark {
    static let target = "≥ 50× faster than detect-secrets (ratio ≤ 0.02×)"

    static func run() throws -> [BenchmarkRow] {
        let folder = FixtureFolders.make("jarvis-bench-secrets")
        defer { FixtureFolders.remove(folder) }
        FileHandle.standardError.write(Data("secrets: building a realistic tree…\n".utf8))
        let tree = try RealisticTree.write(in: folder)
        let megabytes = Double(tree.bytes) / 1_048_576
        let inputs = tree.files.map { (path: Array($0.path.utf8), size: Optional<Int>.none) }
        var checks: [SecretScanner.FileCheck] = []
        resetPeakMemory()
        let ours = medianSeconds(runs: 5) { checks = SecretScanner.check(filesAt: inputs) }
        let peak = peakMemoryMB()
        let held = zip(tree.files, checks).filter { if case .secret = $1.result { true } else { false } }
            .map { String($0.0.path.dropFirst(tree.root.path.count + 1)) }
        let heldPlanted = held.filter(tree.planted.contains).count
        let shape =
            "secret scan of a realistic tree (\(tree.files.count) files, \(String(format: "%.1f", megabytes)) MB: "
            + "Python, TypeScript, Go, docs, manifests, lockfiles, a minified bundle, fixtures, images; "
            + "\(tree.planted.count) with a pasted credential): ours held back \(held.count) "
            + "(\(heldPlanted) of the \(tree.planted.count))"

        let environment = benchEnvironment()
        guard let detectSecrets = ExecutableLocator.find("detect-secrets", path: environment["PATH"]) else {
            return [
                BenchmarkRow(
                    name: shape + "; skipped: detect-secrets not installed",
                    value: ours,
                    unit: "s",
                    baselineName: nil,
                    baseline: nil,
                    target: target,
                    peakMB: peak
                )
            ]
        }
        let report = folder.appendingPathComponent("detect-secrets.json")
        let relative = tree.files.map { String($0.path.dropFirst(tree.root.path.count + 1)) }
        let baseline = try MeasuredChild.run(
            [detectSecrets, "scan"] + relative,
            in: tree.root,
            environment: environment,
            stdoutPath: report.path
        )
        let flagged = reportedFiles(report)
        let theirs =
            flagged.map { files in
                let found = files.filter(tree.planted.contains).count
                return "detect-secrets reported \(files.count) (\(found) of the \(tree.planted.count))"
            } ?? "detect-secrets failed (exit \(baseline.status))"
        return [
            BenchmarkRow(
                name: shape + ", \(theirs): \(Int((baseline.seconds / ours).rounded()))× faster",
                value: ours,
                unit: "s",
                baselineName: "detect-secrets scan" + (baseline.succeeded ? "" : " (failed)"),
                baseline: baseline.seconds,
                target: target,
                peakMB: peak,
                baselinePeakMB: baseline.peakMB,
                meets: baseline.succeeded && ours * 50 <= baseline.seconds
            )
        ]
    }

    /// The files detect-secrets' JSON report names under `results`; nil when there is no readable report.
    static func reportedFiles(_ report: URL) -> Set<String>? {
        guard let data = try? Data(contentsOf: report),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let results = json["results"] as? [String: Any]
        else { return nil }
        return Set(results.keys)
    }
}
