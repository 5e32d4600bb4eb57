import Foundation

/// Maintenance's checks of the whole `.claude/` folder. They only report: removing is step 7's work or the
/// user's decision.
extension BuiltInMaintenance {
    /// Files past this size are named: a state or log file this large slows every session that reads it.
    static let oversizedBytes = 10 << 20
    /// Session-state past this many lines is worth archiving (Jarvis keeps it short the same way).
    static let sessionStateLineLimit = SessionStateArchive.lineLimit
    /// A walk stops after this many entries, so a huge `.claude/` cannot make maintenance slow.
    static let walkLimit = 100_000

    /// Symlinks under `.claude/` whose target is gone, and files over `oversizedBytes`; links are never followed.
    func linksAndSizes() throws -> [String] {
        var broken: [String] = []
        var large: [(String, Int)] = []
        var seen = 0
        var folders = [project.claude]
        while let folder = folders.popLast(), seen < Self.walkLimit {
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
                seen += 1
                let url = folder.appendingPathComponent(name)
                var info = stat()
                guard lstat(url.path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR where name != ".git": folders.append(url)
                case S_IFLNK:
                    var target = stat()
                    if stat(url.path, &target) != 0 {
                        let to = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "?"
                        broken.append("\(project.relativePath(of: url)) → \(TerminalText.inert(to))")
                    }
                case S_IFREG where Int(info.st_size) > Self.oversizedBytes:
                    large.append((project.relativePath(of: url), Int(info.st_size)))
                default: continue
                }
            }
        }
        var lines: [String] = []
        lines.append(
            broken.isEmpty
                ? "links: no broken symlinks in .claude/"
                : "links: \(broken.count) broken symlink(s): \(Self.listed(broken)); remove or repoint them"
        )
        let sizes = large.sorted { $0.1 > $1.1 }.map { "\($0.0) (\(ByteCount.text($0.1)))" }
        lines.append(
            sizes.isEmpty
                ? "file sizes: nothing in .claude/ over \(ByteCount.text(Self.oversizedBytes))"
                : "file sizes: \(sizes.count) file(s) over \(ByteCount.text(Self.oversizedBytes)): \(Self.listed(sizes))"
        )
        if seen >= Self.walkLimit { lines.append("links and sizes: stopped after \(Self.walkLimit) entries") }
        return lines
    }

    /// The handoff checkpoint and the memory queue when they are older than `staleAfterDays`.
    func checkpointAndQueue() throws -> [String] {
        let cutoff = now.addingTimeInterval(-Double(Self.staleAfterDays) * 86_400)
        var lines: [String] = []
        let checkpoint = project.checkpointFile
        if let modified = (try? FileManager.default.attributesOfItem(atPath: checkpoint.path))?[.modificationDate]
            as? Date
        {
            let days = Int(now.timeIntervalSince(modified) / 86_400)
            lines.append(
                modified < cutoff
                    ? "checkpoint: \(project.relativePath(of: checkpoint)) is \(days) days old (stale): "
                        + "the next session would pick up old work"
                    : "checkpoint: \(project.relativePath(of: checkpoint)) is current"
            )
        } else {
            lines.append("checkpoint: none yet")
        }
        let queue = MemoryQueue(project: project)
        let entries = queue.read().entries
        let old = entries.filter { entry in
            guard let queued = entry.batch?.queuedAt, let time = Timestamp.parseISO(queued) else { return false }
            return time < cutoff
        }
        if entries.isEmpty {
            lines.append("memory queue: empty")
        } else {
            lines.append(
                "memory queue: \(entries.count) write(s) waiting in \(queue.displayPath)"
                    + (old.isEmpty
                        ? ""
                        : ", \(old.count) older than \(Self.staleAfterDays) days (stale): "
                            + "check the memory server")
            )
        }
        return lines
    }

    /// Session summaries against `summary_retention_days`: counted and reported, never removed.
    func summaryRetention() throws -> [String] {
        let names = (try ProjectFiles(project).list(project.summariesFolder) ?? [])
            .filter { $0.hasPrefix("session-") && $0.hasSuffix(".md") }
        guard let days = summaryRetentionDays else {
            return ["session summaries: \(names.count) kept (summary_retention_days is not set: all are kept)"]
        }
        let cutoff = Timestamp.day(now.addingTimeInterval(-Double(days) * 86_400))
        let old = names.filter { String($0.dropFirst("session-".count).prefix(10)) < cutoff }
        guard !old.isEmpty else {
            return ["session summaries: \(names.count), none older than \(days) days (summary_retention_days)"]
        }
        return [
            "session summaries: \(old.count) of \(names.count) older than \(days) days (summary_retention_days); "
                + "report only, nothing removed: archive or delete them by hand"
        ]
    }

    /// Session-state past `sessionStateLineLimit` lines: the end-session offer has a choice that archives its
    /// older history (`SessionStateArchive`); the report says so, or why there is nothing it could move.
    func sessionStateLength() throws -> [String] {
        // Read in chunks: a long history of tens of megabytes is never held.
        guard let (lines, plan) = try SessionStateArchive.plan(project) else {
            return ["session state: no \(project.relativePath(of: project.sessionStateFile)) yet"]
        }
        let name = project.relativePath(of: project.sessionStateFile)
        guard let archive = plan else {
            return ["session state: \(name) has \(lines) lines (under \(Self.sessionStateLineLimit))"]
        }
        guard archive.hasOlderHistory else {
            return [
                "session state: \(name) has \(lines) lines, over \(Self.sessionStateLineLimit), and no older "
                    + "session sections to archive: shorten its current work by hand"
            ]
        }
        return [
            "session state: \(name) has \(lines) lines, over \(Self.sessionStateLineLimit): the end-session offer "
                + "has the choice \"Archive session-state history\" (or `--cycles archive-state`), which moves "
                + "\(archive.moving.count) older section(s) (\(archive.movedLineCount) lines) to "
                + "\(SessionStateArchive.folder)/ under `## Archived History`"
        ]
    }

    static func listed(_ items: [String]) -> String {
        items.prefix(5).joined(separator: ", ") + (items.count > 5 ? ", …" : "")
    }
}
