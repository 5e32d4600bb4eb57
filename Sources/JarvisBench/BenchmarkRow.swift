import Foundation

/// One line of the benchmark table: a figure, its baseline measured in the same run, and the target.
struct BenchmarkRow {
    var name: String
    var value: Double
    var unit: String
    var baselineName: String?
    var baseline: Double?
    var target: String

    var ratio: Double? { baseline.map { $0 == 0 ? .infinity : value / $0 } }

    static func table(_ rows: [BenchmarkRow]) -> String {
        var lines = ["| figure | median | baseline | ratio | target |", "| --- | --- | --- | --- | --- |"]
        for row in rows {
            let baseline = row.baseline.map { "\(row.baselineName ?? "baseline"): \(format($0)) \(row.unit)" } ?? "—"
            let ratio = row.ratio.map { String(format: "%.2f×", $0) } ?? "—"
            lines.append("| \(row.name) | \(format(row.value)) \(row.unit) | \(baseline) | \(ratio) | \(row.target) |")
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ v: Double) -> String {
        v >= 100 ? String(format: "%.0f", v) : v >= 1 ? String(format: "%.2f", v) : String(format: "%.3f", v)
    }
}

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
func peakMemoryMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kb / 1024
}
