import Foundation

/// When a run's own log says its steps ended and it finished: `+m:ss.mmm` offsets from the start of the run.
/// Every step line is logged before the run takes its completion time; the closing `finished:` line after it. So
/// the completion time lies between the two, to the log's millisecond.
struct RunLogTimes {
    let lastStep: Double
    let finished: Double

    init?(_ text: String) {
        var lastStep: Double?
        var finished: Double?
        for line in text.split(separator: "\n") where line.hasPrefix("+") {
            guard let gap = line.range(of: "  ") else { continue }
            let stamp = line[line.index(after: line.startIndex)..<gap.lowerBound]
            let entry = line[gap.upperBound...]
            let parts = stamp.split(separator: ":")
            guard parts.count == 2, let minutes = Double(parts[0]), let seconds = Double(parts[1]) else { continue }
            let offset = minutes * 60 + seconds
            if entry.hasPrefix("step ") { lastStep = offset }
            if entry.hasPrefix("finished: ") { finished = offset }
        }
        guard let lastStep, let finished else { return nil }
        self.lastStep = lastStep
        self.finished = finished
    }

    /// The logs of the runs that happened between two snapshots of the project.
    static func runs(before: ProjectSnapshot, after: ProjectSnapshot) -> [RunLogTimes] {
        before.changed(in: after).filter { $0.hasPrefix(".claude/logs/runs/") && $0.hasSuffix(".log") }.sorted()
            .compactMap { after.files[$0].flatMap { RunLogTimes(String(decoding: $0, as: UTF8.self)) } }
    }
}
