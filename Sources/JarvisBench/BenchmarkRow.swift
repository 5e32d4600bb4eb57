import Completion
import Foundation

/// One line of the benchmark table: a figure, its baseline measured in the same run, the target, the peak
/// memory of each side where it was measured, and whether the target is met where it can be judged.
struct BenchmarkRow {
    var name: String
    var value: Double
    var unit: String
    var baselineName: String?
    var baseline: Double?
    var target: String
    var peakMB: Double? = nil
    var baselinePeakMB: Double? = nil
    var meets: Bool? = nil
    /// The ratio to show instead of value / baseline: the median of paired rounds' own ratios.
    var pairedRatio: Double? = nil

    var ratio: Double? { pairedRatio ?? baseline.map { $0 == 0 ? .infinity : value / $0 } }

    static func table(_ rows: [BenchmarkRow]) -> String {
        var lines = [
            "| figure | median | baseline (same run) | ratio | peak memory: ours / baseline | target | met |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for row in rows {
            let baseline =
                row.baseline.map { "\(row.baselineName ?? "baseline"): \(format($0)) \(row.unit)" }
                ?? (row.baselineName ?? "—")
            let ratio = row.ratio.map { String(format: "%.2f×", $0) } ?? "—"
            let memory =
                row.peakMB.map { "\(format($0)) MB / " + (row.baselinePeakMB.map { "\(format($0)) MB" } ?? "—") } ?? "—"
            let met = row.meets.map { $0 ? "yes" : "NO" } ?? "—"
            lines.append(
                "| \(row.name) | \(format(row.value)) \(row.unit) | \(baseline) | \(ratio) | \(memory) | \(row.target) | \(met) |"
            )
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ v: Double) -> String {
        v >= 100 ? String(format: "%.0f", v) : v >= 1 ? String(format: "%.2f", v) : String(format: "%.3f", v)
    }
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// The median wall-clock seconds of `runs` calls.
func medianSeconds(runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    times.sort()
    return times[times.count / 2]
}

/// Peak resident memory of this process so far, in MB (VmHWM).
func peakMemoryMB() -> Double { PeakMemory.megabytes() ?? 0 }

/// Resets VmHWM (Linux: writing 5 to clear_refs) so the peak covers only what follows.
func resetPeakMemory() {
    if let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") {
        handle.write(Data("5".utf8))
        try? handle.close()
    }
}

func currentMemoryMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
        let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kb / 1024
}
