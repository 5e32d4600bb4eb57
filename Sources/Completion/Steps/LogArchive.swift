import Foundation

/// Step 7's `archive_logs`: logs of finished sessions move to `.claude/archives/logs/`, gzip-compressed — the
/// rotated `.claude/logs/*.log.N` files (named with the time they were archived, as rotation reuses the names)
/// and Jarvis' `.claude/logs/telemetry/events-YYYY-MM-DD.jsonl` older than `log_retention_days`. A file is
/// removed only after its archive was written; nothing is followed through a link.
struct LogArchive {
    let context: StepContext

    var folder: URL { context.project.claude.appendingPathComponent("archives/logs", isDirectory: true) }

    /// Returns the problems (a file that could not be archived, left where it was).
    func run() -> [String] {
        let candidates = rotatedLogs() + oldTelemetry()
        guard !candidates.isEmpty else { return [] }
        if context.dryRun {
            context.progress("would archive \(candidates.count) finished log(s) to \(context.relative(folder))")
            return []
        }
        var problems: [String] = []
        for (source, name) in candidates {
            do {
                try archive(source, as: name)
            } catch {
                problems.append("could not archive \(context.relative(source)): \(ErrorSentence.describe(error))")
            }
        }
        let moved = candidates.count - problems.count
        if moved > 0 { context.progress("archived \(moved) finished log(s) to \(context.relative(folder))") }
        return problems
    }

    private func archive(_ source: URL, as name: String) throws {
        let files = ProjectFiles(context.project)
        guard try files.find(source) == .file else { return }
        var compressed = Data()
        try GzipStream.compress(source) { compressed.append(contentsOf: $0) }
        try files.write(compressed, to: folder.appendingPathComponent(name))
        try files.remove(source)
    }

    /// `name.log.N` in the logs folder, to be archived as `name.log.N.<UTC time>.gz`.
    func rotatedLogs() -> [(URL, String)] {
        let logs = context.project.logsFolder
        let names = ((try? ProjectFiles(context.project).list(logs)) ?? []).sorted()
        let stamp = Timestamp.compactUTC(context.now())
        return names.filter(Self.isRotatedLog).map { (logs.appendingPathComponent($0), "\($0).\(stamp).gz") }
    }

    static func isRotatedLog(_ name: String) -> Bool {
        guard let range = name.range(of: ".log.", options: .backwards) else { return false }
        let generation = name[range.upperBound...]
        return !generation.isEmpty && generation.allSatisfy(\.isNumber)
    }

    /// Telemetry files of days before the retention, to be archived as `telemetry-events-YYYY-MM-DD.jsonl.gz`.
    func oldTelemetry() -> [(URL, String)] {
        let telemetry = context.project.logsFolder.appendingPathComponent("telemetry", isDirectory: true)
        let retention = TimeInterval(context.configuration.logRetentionDays) * 86_400
        let cutoff = String(Timestamp.iso(context.now().addingTimeInterval(-retention)).prefix(10))
        let names = ((try? ProjectFiles(context.project).list(telemetry)) ?? []).sorted()
        return names.compactMap { name in
            guard name.hasPrefix("events-"), name.hasSuffix(".jsonl") else { return nil }
            let day = name.dropFirst("events-".count).dropLast(".jsonl".count)
            guard day.count == 10, day < cutoff else { return nil }
            return (telemetry.appendingPathComponent(name), "telemetry-\(name).gz")
        }
    }
}
