import Foundation

/// Step 7: removes transient files (only inside `.claude/`, never through a symlink, never the checkpoint or the
/// memory queue), stops the watcher named by its PID file only if that process is the watcher, and rotates the
/// completion log. Statistics and metrics are appended by the engine right after, from the final outcomes.
package struct CleanupStep: CompletionStep {
    package let id = StepID.cleanup
    package static let logRotationBytes = 1_000_000
    package static let logGenerations = 5
    package init() {}

    package func run(in context: StepContext) async -> Outcome {
        var problems: [String] = []
        if context.configuration.cleanupTransients {
            let targets = Self.transientTargets(context.project)
            if context.dryRun {
                context.progress("would remove \(targets.count) transient file(s)")
            } else {
                var removed = 0
                for url in targets {
                    do {
                        // A link is removed itself; a folder is emptied without entering any link inside it.
                        try ProjectFiles(context.project).remove(url)
                        removed += 1
                        PausePoint.reach("cleanup:after-first-removal")
                    } catch {
                        problems.append("could not remove \(context.relative(url)): \(ErrorSentence.describe(error))")
                    }
                }
                context.progress("removed \(removed) transient file(s)")
            }
        } else {
            context.progress("transient cleanup is off in the config")
        }
        if context.configuration.stopWatcher {
            stopWatchers(context)
        }
        if !context.dryRun { rotateLog(context) }
        if context.configuration.archiveLogs { problems += LogArchive(context: context).run() }
        for problem in problems { context.warn(problem) }
        if context.dryRun { return .skipped("dry run: nothing removed") }
        return problems.isEmpty ? .done : .degraded("\(problems.count) file(s) could not be removed or archived")
    }

    /// The transient files: the soft-restart checkpoint and the contents of `state/temp/` and `cache/`.
    /// A folder that is itself a symlink is not entered.
    static func transientTargets(_ project: Project) -> [URL] {
        var targets: [URL] = []
        let files = ProjectFiles(project)
        if (try? files.entryInfo(project.softRestartCheckpoint)) != nil {
            targets.append(project.softRestartCheckpoint)
        }
        for folder in [project.tempStateFolder, project.cacheFolder] {
            let names = (try? files.list(folder)) ?? []
            targets += names.sorted().map { folder.appendingPathComponent($0) }
        }
        let keep: Set<String> = [project.checkpointFile.path, project.memoryQueueFile.path]
        return targets.filter { !keep.contains($0.path) }
    }

    /// Every watcher PID file there is: Jarvis v5's names and v6's `.jicm-watcher.pid` can sit side by side.
    private func stopWatchers(_ context: StepContext) {
        let candidates = [
            context.project.watcherPIDFile, context.project.contextFolder.appendingPathComponent(".watcher-pid"),
            context.project.jicmWatcherPIDFile,
        ]
        let files = ProjectFiles(context.project)
        let found = candidates.filter { (try? files.find($0)) == .file }
        if found.isEmpty { context.progress("no watcher PID file: nothing to stop") }
        for pidFile in found { stopWatcher(named: pidFile, context) }
    }

    private func stopWatcher(named pidFile: URL, _ context: StepContext) {
        let files = ProjectFiles(context.project)
        let text = files.readIfSafe(pidFile).map { String(decoding: $0, as: UTF8.self) } ?? ""
        guard let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1 else {
            context.warn("\(context.relative(pidFile)) does not hold a process id; watcher not signalled")
            return
        }
        guard let commandLine = Self.commandLine(of: pid) else {
            context.progress("watcher \(pid) is not running")
            if !context.dryRun { _ = try? files.remove(pidFile) }
            return
        }
        guard commandLine.lowercased().contains("watcher") else {
            context.warn(
                "process \(pid) from \(context.relative(pidFile)) is not the watcher (\(TerminalText.inert(String(commandLine.prefix(80))))); left alone"
            )
            return
        }
        if context.dryRun {
            context.progress("would stop watcher \(pid)")
            return
        }
        if kill(pid, SIGTERM) == 0 {
            context.progress("stopped watcher \(pid)")
            _ = try? files.remove(pidFile)
        } else {
            context.warn("could not signal watcher \(pid): \(String(cString: strerror(errno)))")
        }
    }

    /// The command line of a live process, from /proc; nil when there is no such process.
    static func commandLine(of pid: Int32) -> String? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { return nil }
        return String(decoding: data.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }

    private func rotateLog(_ context: StepContext) {
        let log = context.project.completionLog
        guard let info = try? ProjectFiles(context.project).entryInfo(log), (info.st_mode & S_IFMT) == S_IFREG,
            Int(info.st_size) > Self.logRotationBytes
        else { return }
        let size = Int(info.st_size)
        do {
            try LogRotation.rotate(log, generations: Self.logGenerations, files: ProjectFiles(context.project))
            context.progress("rotated \(context.relative(log)) (\(size / 1024) KiB)")
        } catch {
            context.warn("could not rotate \(context.relative(log)): \(ErrorSentence.describe(error))")
        }
    }
}
