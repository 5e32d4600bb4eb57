import Foundation

/// Writes the run's metrics: the JSONL metric lines (90-day retention), the daily aggregate (1 year), and the
/// session stats line Jarvis' own tools read.
package struct MetricsRecorder {
    package static let retentionDays = 90
    package static let aggregateRetentionDays = 365

    let project: Project
    let writer: ProjectWriter

    init(project: Project, writer: ProjectWriter) {
        self.project = project
        self.writer = writer
    }

    package struct Figures: Sendable {
        package var offerShown: Bool
        package var cyclesRun: Int
        package var commitsCreated: Int
        package var pushesCompleted: Int
        package var memoryEntitiesCreated: Int
        package var summaryWritten: Bool
        package var handoffQuality: Int
        package var completionSeconds: Double
        package var filesUpdated: Int
        package var commitSucceeded: Bool
        /// False for a run stopped before its end: the run that finishes the session counts it.
        package var sessionCompleted = true
        /// The run took longer than `alert_seconds`: its `completion_time` line says so.
        package var pastAlert = false
    }

    package static func lines(_ f: Figures, at date: Date) -> [MetricLine] {
        let t = Timestamp.iso(date)
        return [
            MetricLine(
                timestamp: t,
                metric: "sessions_completed",
                value: .number(f.sessionCompleted ? 1 : 0),
                unit: "count"
            ),
            MetricLine(
                timestamp: t,
                metric: "pre_completion_offers",
                value: .number(f.offerShown ? 1 : 0),
                unit: "count"
            ),
            MetricLine(timestamp: t, metric: "tier2_cycles_run", value: .number(Double(f.cyclesRun)), unit: "count"),
            MetricLine(
                timestamp: t,
                metric: "commits_created",
                value: .number(Double(f.commitsCreated)),
                unit: "count"
            ),
            MetricLine(
                timestamp: t,
                metric: "pushes_completed",
                value: .number(Double(f.pushesCompleted)),
                unit: "count"
            ),
            MetricLine(
                timestamp: t,
                metric: "memory_entities_created",
                value: .number(Double(f.memoryEntitiesCreated)),
                unit: "count"
            ),
            MetricLine(
                timestamp: t,
                metric: "summaries_generated",
                value: .number(f.summaryWritten ? 1 : 0),
                unit: "count"
            ),
            MetricLine(
                timestamp: t,
                metric: "handoff_quality_score",
                value: .number(Double(f.handoffQuality)),
                unit: "percent"
            ),
            MetricLine(
                timestamp: t,
                metric: "completion_time",
                value: .number((f.completionSeconds * 1000).rounded() / 1000),
                unit: "seconds",
                alert: f.pastAlert ? true : nil
            ),
            MetricLine(timestamp: t, metric: "files_updated", value: .number(Double(f.filesUpdated)), unit: "count"),
            MetricLine(timestamp: t, metric: "commit_success", value: .bool(f.commitSucceeded), unit: "boolean"),
        ]
    }

    /// Appends this run's lines, drops lines past the retention, and rewrites today's aggregate.
    package func record(_ figures: Figures, at date: Date, stats: SessionStatsLine) throws {
        let new = Self.lines(figures, at: date)
        let existing =
            try ProjectFiles(project).read(project.metricsFile).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let cutoff = date.addingTimeInterval(-Double(Self.retentionDays) * 86_400)
        var kept: [String] = []
        var dropped = 0
        for line in existing.split(separator: "\n", omittingEmptySubsequences: true) {
            // Lines we cannot read are kept: they are someone's data, not ours to drop.
            if let parsed = try? JSONDecoder().decode(MetricLine.self, from: Data(line.utf8)),
                let time = Timestamp.parseISO(parsed.timestamp), time < cutoff
            {
                dropped += 1; continue
            }
            kept.append(String(line))
        }
        let all = kept + new.map(\.json)
        // Appended when nothing expired, so a line another run appends meanwhile is kept; rewritten to drop lines.
        if dropped == 0 {
            try writer.appendRecorded(new.map(\.json).joined(separator: "\n") + "\n", to: project.metricsFile)
        } else {
            try writer.write(all.joined(separator: "\n") + "\n", to: project.metricsFile)
        }
        try writeDailyAggregate(lines: all, day: SessionGatherer.dayStamp(date))
        pruneAggregates(before: date.addingTimeInterval(-Double(Self.aggregateRetentionDays) * 86_400))
        try writer.append(stats.json, to: project.sessionStatsFile)
    }

    private func writeDailyAggregate(lines: [String], day: String) throws {
        var sums: [String: (count: Int, sum: Double, min: Double, max: Double, unit: String)] = [:]
        for line in lines {
            guard let parsed = try? JSONDecoder().decode(MetricLine.self, from: Data(line.utf8)),
                let time = Timestamp.parseISO(parsed.timestamp), SessionGatherer.dayStamp(time) == day
            else { continue }
            let v = parsed.value.numeric
            if var entry = sums[parsed.metric] {
                entry.count += 1; entry.sum += v; entry.min = min(entry.min, v); entry.max = max(entry.max, v)
                sums[parsed.metric] = entry
            } else {
                sums[parsed.metric] = (1, v, v, v, parsed.unit)
            }
        }
        var metrics: [String: Any] = [:]
        for (name, e) in sums {
            metrics[name] = [
                "count": e.count, "sum": e.sum, "min": e.min, "max": e.max, "mean": e.sum / Double(e.count),
                "unit": e.unit,
            ]
        }
        let object: [String: Any] = ["date": day, "component": "AC-09", "metrics": metrics]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try writer.write(
            data + Data("\n".utf8),
            to: project.dailyAggregatesFolder.appendingPathComponent("\(day).json")
        )
    }

    private func pruneAggregates(before cutoff: Date) {
        let folder = project.dailyAggregatesFolder
        let cutoffDay = SessionGatherer.dayStamp(cutoff)
        let files = ProjectFiles(project)
        for name in (try? files.list(folder)) ?? [] where name.hasSuffix(".json") {
            let day = String(name.dropLast(5))
            if day.count == 10, day < cutoffDay { _ = try? files.remove(folder.appendingPathComponent(name)) }
        }
    }
}

/// The line appended to `.claude/logs/session-stats.jsonl`.
package struct SessionStatsLine: Codable, Sendable {
    package let date: String
    package let duration_minutes: Int?
    package let tokens_used: Int?
    package let commits: Int
    package let files_modified: Int
    package let tier2_cycles_run: Int
    package let handoff_quality: Int

    /// Every key is present; unknown figures are `null` (JSONEncoder would drop them).
    package var json: String {
        func number(_ value: Int?) -> String { value.map(String.init) ?? "null" }
        return
            "{\"date\":\"\(date)\",\"duration_minutes\":\(number(duration_minutes)),\"tokens_used\":\(number(tokens_used)),"
            + "\"commits\":\(commits),\"files_modified\":\(files_modified),\"tier2_cycles_run\":\(tier2_cycles_run),\"handoff_quality\":\(handoff_quality)}"
    }
}
