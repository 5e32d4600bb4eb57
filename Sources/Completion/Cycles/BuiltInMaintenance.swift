import Foundation

/// Maintenance (AC-08) when no command is configured for it: useful with no configuration at all.
/// - metrics past the 90-day retention pruned, daily aggregates older than a year removed;
/// - `session-completion.log` rotated when it is over the size limit;
/// - stale transient files reported (not removed: step 7 owns removal);
/// - repository health and size (`git count-objects -vH`, `git fsck --connectivity-only` with a time limit);
/// - the config validated against the known keys.
/// Every finding is streamed as output and returned for the session summary.
struct BuiltInMaintenance: Sendable {
    static let staleAfterDays = 7
    static let fsckTimeLimit: Duration = .seconds(60)

    let project: Project
    let environment: [String: String]
    let now: Date
    let control: RunControl
    let output: @Sendable (String) -> Void
    var grace: Duration = .seconds(3)
    /// `summary_retention_days`: summaries older than this are reported (nil: all are kept).
    var summaryRetentionDays: Int?
    private let interrupted = Locked<String?>(nil)

    /// A skip or stop from the front end, remembered once seen (a skip request is used up when read).
    private func interruption() -> String? {
        CycleInterruption.check(remembered: interrupted, control: control)
    }

    /// A git command in its own process group, ended by a skip or stop like any cycle command.
    private func runGit(
        _ arguments: [String],
        timeout: Duration
    ) throws -> (status: Int32?, output: String, ending: String?) {
        guard let executable = ExecutableLocator.find("git", path: environment["PATH"]) else {
            throw SpawnError(description: "git not found on PATH")
        }
        let collector = OutputCollector()
        let ending = try GroupProcess.run(
            executable: executable,
            argv: ["git"] + arguments,
            directory: project.root.path,
            environment: environment,
            timeout: timeout,
            grace: grace,
            feed: collector.feed,
            finish: {},
            interrupt: interruption
        )
        let status: Int32? = ending.exitedNormally ? ending.exitCode : nil
        return (ending.interruption == nil ? status : nil, collector.text, ending.interruption)
    }

    func run() -> CycleRun {
        var findings: [String] = []
        var problems: [String] = []
        let tasks: [(String, () throws -> [String])] = [
            ("metrics", pruneMetrics),
            ("aggregates", pruneAggregates),
            ("log", rotateLog),
            ("transients", staleTransients),
            ("repository", repositoryHealth),
            ("config", validateConfig),
            ("links and sizes", linksAndSizes),
            ("checkpoint and queue", checkpointAndQueue),
            ("summaries", summaryRetention),
            ("session state", sessionStateLength),
        ]
        for (name, task) in tasks {
            if interrupted.current != nil || interruption() != nil {
                return CycleRun(
                    outcome: .skipped(
                        "\(interrupted.current ?? "skipped by the user") after \(findings.count) finding(s)"
                    ),
                    findings: findings
                )
            }
            do {
                for line in try task() {
                    output(line)
                    findings.append("Maintenance: \(line)")
                }
            } catch {
                let line = "\(name) check could not run: \(ErrorSentence.describe(error))"
                output(line)
                findings.append("Maintenance: \(line)")
                problems.append(name)
            }
        }
        if problems.isEmpty { return CycleRun(outcome: .done, findings: findings) }
        return CycleRun(outcome: .degraded("could not run: \(problems.joined(separator: ", "))"), findings: findings)
    }

    // MARK: metrics

    func pruneMetrics() throws -> [String] {
        let url = project.metricsFile
        guard let data = try ProjectFiles(project).read(url) else {
            return ["no metrics file yet (\(project.relativePath(of: url)))"]
        }
        let cutoff = now.addingTimeInterval(-Double(MetricsRecorder.retentionDays) * 86_400)
        var kept: [Substring] = []
        var pruned = 0
        let text = String(decoding: data, as: UTF8.self)
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            // Unreadable lines are someone's data: kept.
            if let parsed = try? JSONDecoder().decode(MetricLine.self, from: Data(line.utf8)),
                let time = Timestamp.parseISO(parsed.timestamp), time < cutoff
            {
                pruned += 1
                continue
            }
            kept.append(line)
        }
        guard pruned > 0 else {
            return ["metrics: nothing older than \(MetricsRecorder.retentionDays) days (\(kept.count) line(s))"]
        }
        try ProjectFiles(project).write(kept.isEmpty ? "" : kept.joined(separator: "\n") + "\n", to: url)
        return [
            "metrics: pruned \(pruned) line(s) older than \(MetricsRecorder.retentionDays) days, \(kept.count) kept"
        ]
    }

    func pruneAggregates() throws -> [String] {
        let folder = project.dailyAggregatesFolder
        let cutoff = SessionGatherer.dayStamp(
            now.addingTimeInterval(-Double(MetricsRecorder.aggregateRetentionDays) * 86_400)
        )
        let names = (try ProjectFiles(project).list(folder) ?? []).filter { $0.hasSuffix(".json") }
        var removed = 0
        for name in names {
            let day = String(name.dropLast(5))
            guard day.count == 10, day < cutoff else { continue }
            try ProjectFiles(project).remove(folder.appendingPathComponent(name))
            removed += 1
        }
        if removed == 0 { return ["daily aggregates: none older than a year (\(names.count) kept)"] }
        return ["daily aggregates: removed \(removed) older than a year, \(names.count - removed) kept"]
    }

    // MARK: log

    func rotateLog() throws -> [String] {
        let log = project.completionLog
        guard let info = try ProjectFiles(project).entryInfo(log), (info.st_mode & S_IFMT) == S_IFREG else {
            return ["completion log: none yet"]
        }
        let size = Int(info.st_size)
        guard size > CleanupStep.logRotationBytes else {
            return [
                "completion log: \(ByteCount.text(size)), under the \(ByteCount.text(CleanupStep.logRotationBytes)) rotation limit"
            ]
        }
        try LogRotation.rotate(log, generations: CleanupStep.logGenerations, files: ProjectFiles(project))
        return ["completion log: rotated (\(ByteCount.text(size)); \(CleanupStep.logGenerations) generations kept)"]
    }

    // MARK: transient files

    func staleTransients() throws -> [String] {
        let cutoff = now.addingTimeInterval(-Double(Self.staleAfterDays) * 86_400)
        var stale: [(String, Int)] = []
        for folder in [project.tempStateFolder, project.cacheFolder]
        where (try? ProjectFiles(project).find(folder)) == .folder {
            for url in Self.files(in: folder, depth: 4) {
                guard let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey]),
                    let modified = values.contentModificationDate, modified < cutoff
                else { continue }
                stale.append((project.relativePath(of: url), values.fileSize ?? 0))
            }
        }
        // Temp files an interrupted atomic write left behind (`.name.PID.RANDOM.tmp`).
        let claude = (try? ProjectFiles(project).find(project.claude)) == .folder ? [project.claude] : []
        for url in claude.flatMap({ Self.files(in: $0, depth: 6) })
        where url.lastPathComponent.hasPrefix(".") && url.lastPathComponent.hasSuffix(".tmp") {
            let size = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
            if !stale.contains(where: { $0.0 == project.relativePath(of: url) }) {
                stale.append((project.relativePath(of: url), size))
            }
        }
        if let info = try? ProjectFiles(project).entryInfo(project.softRestartCheckpoint),
            Double(info.st_mtim.tv_sec) < now.addingTimeInterval(-86_400).timeIntervalSince1970
        {
            stale.append((project.relativePath(of: project.softRestartCheckpoint), 0))
        }
        guard !stale.isEmpty else { return ["transient files: none stale (older than \(Self.staleAfterDays) days)"] }
        let total = stale.reduce(0) { $0 + $1.1 }
        let shown = stale.prefix(5).map(\.0).joined(separator: ", ")
        return [
            "transient files: \(stale.count) stale (\(ByteCount.text(total))): \(shown)\(stale.count > 5 ? ", …" : ""); step 7 removes temp/ and cache/ contents"
        ]
    }

    static func files(in folder: URL, depth: Int) -> [URL] {
        guard depth > 0, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            return []
        }
        var result: [URL] = []
        for name in names.sorted() {
            let url = folder.appendingPathComponent(name)
            guard !PathSafety.isSymlink(url) else { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if name != ".git" { result += files(in: url, depth: depth - 1) }
            } else {
                result.append(url)
            }
        }
        return result
    }

    // MARK: repository

    func repositoryHealth() throws -> [String] {
        guard GitRepository.gitAvailable(environment: environment) else {
            return ["repository: git is not installed; not checked"]
        }
        guard GitRepository(root: project.root, environment: environment).isRepository else {
            return ["repository: \(project.name) is not a git repository; not checked"]
        }
        var lines: [String] = []
        let counted = try runGit(["count-objects", "-vH"], timeout: .seconds(30))
        if let ending = counted.ending { return ["repository: not checked (\(ending))"] }
        if counted.status == 0 {
            var fields: [String: String] = [:]
            for line in counted.output.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2 { fields[parts[0]] = parts[1] }
            }
            var text = "repository size: \(fields["size-pack"] ?? "?") packed (\(fields["in-pack"] ?? "?") objects), "
            text += "\(fields["count"] ?? "?") loose objects (\(fields["size"] ?? "?"))"
            if let garbage = fields["garbage"], garbage != "0" {
                text += ", \(garbage) garbage file(s) (\(fields["size-garbage"] ?? "?"))"
            }
            lines.append(text)
        } else {
            lines.append(
                "repository size: `git count-objects` failed: \(TerminalText.inert(String(counted.output.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))))"
            )
        }
        let fsck = try runGit(["fsck", "--no-progress", "--connectivity-only"], timeout: Self.fsckTimeLimit)
        let notes = fsck.output.split(separator: "\n").filter { !$0.hasPrefix("dangling") }
        if let ending = fsck.ending {
            lines.append(
                ending.hasPrefix("timed out")
                    ? "repository health: `git fsck` did not finish within \(Self.fsckTimeLimit.shortDescription); run it by hand"
                    : "repository health: not checked (\(ending))"
            )
        } else if fsck.status == 0 {
            lines.append(
                notes.isEmpty
                    ? "repository health: `git fsck --connectivity-only` found no problems"
                    : "repository health: git fsck notes: \(TerminalText.inert(notes.prefix(3).joined(separator: "; ")))"
            )
        } else {
            lines.append(
                "repository health: PROBLEM — `git fsck` exited with \(fsck.status.map(String.init) ?? "a signal"): \(TerminalText.inert(notes.prefix(3).joined(separator: "; ")))"
            )
        }
        return lines
    }

    // MARK: configuration

    func validateConfig() throws -> [String] {
        let file = project.configFile
        guard (try? ProjectFiles(project).entryInfo(file)) != nil else {
            return [
                "config: \(project.relativePath(of: file)) does not exist; defaults apply (`jarvis-tui init` writes one)"
            ]
        }
        do {
            let loaded = try ConfigurationLoader.load(from: file, files: ProjectFiles(project))
            if loaded.warnings.isEmpty { return ["config: \(project.relativePath(of: file)) uses only known keys"] }
            return loaded.warnings.map { "config: \($0.description)" }
        } catch {
            return ["config: PROBLEM — \(error.description)"]
        }
    }
}

enum ByteCount {
    static func text(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return String(format: "%.1f KiB", Double(bytes) / 1024) }
        return String(format: "%.1f MiB", Double(bytes) / 1024 / 1024)
    }
}

/// `file` → `file.1` → … → `file.N` (the oldest is dropped). The log's folder is reached through `ProjectFiles`;
/// a generation that is a link is renamed or deleted as a link, never followed.
enum LogRotation {
    static func rotate(_ file: URL, generations: Int, files: ProjectFiles) throws {
        guard try files.find(file) == .file else { return }
        try files.remove(URL(fileURLWithPath: file.path + ".\(generations)"))
        for generation in stride(from: generations - 1, through: 1, by: -1) {
            try move(file.path + ".\(generation)", to: file.path + ".\(generation + 1)")
        }
        try move(file.path, to: file.path + ".1")
    }

    private static func move(_ from: String, to: String) throws {
        guard rename(from, to) == 0 || errno == ENOENT else {
            throw FileWriteError(path: to, reason: String(cString: strerror(errno)))
        }
    }
}
