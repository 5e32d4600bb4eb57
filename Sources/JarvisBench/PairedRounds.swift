import Foundation

/// The rounds of one whole-completion measurement, each a pair run on identical copies in the same round: the
/// tool and the same work by hand. A shared machine's load moves both sides of a round alike, so the ratio of each
/// pair says more than the ratio of two medians; the target is judged on every pair, not only the middle one.
struct PairedRounds {
    struct Pair {
        var ours: Double
        var byHand: Double
        var oursFirst: Bool
        var ratio: Double { byHand == 0 ? .infinity : ours / byHand }
    }

    var pairs: [Pair] = []
    var oursPeakMB: Double = 0
    var byHandPeakMB: Double = 0

    var ours: Double { median(pairs.map(\.ours)) }
    var byHand: Double { median(pairs.map(\.byHand)) }
    var medianRatio: Double { median(pairs.map(\.ratio)) }
    var worstRatio: Double { pairs.map(\.ratio).max() ?? .infinity }

    /// "min 1.92 / median 2.10 / max 2.61 s" for one side.
    static func spread(_ values: [Double]) -> String {
        let sorted = values.sorted()
        guard let first = sorted.first, let last = sorted.last else { return "no rounds" }
        let figures = [first, median(sorted), last].map(BenchmarkRow.format)
        return "min \(figures[0]) / median \(figures[1]) / max \(figures[2]) s"
    }

    /// One report-only row per pair, in the order they ran.
    func pairRows(label: String, baselineName: String) -> [BenchmarkRow] {
        pairs.enumerated().map { index, pair in
            BenchmarkRow(
                name: "\(label), round \(index + 1) of \(pairs.count) (\(pair.oursFirst ? "ours" : "by hand") first)",
                value: pair.ours,
                unit: "s",
                baselineName: baselineName,
                baseline: pair.byHand,
                target: "the pair's ratio (report only)",
                meets: nil
            )
        }
    }
}
