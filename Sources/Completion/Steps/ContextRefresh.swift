import Foundation

/// Step 3's refresh of what the session changed besides the priorities: pattern and config files changed this
/// session are listed for the next session to re-read (the checkpoint's "Re-read next session"), changed configs
/// are parsed again (a broken one is a warning naming file and line), and roadmap milestones completed this
/// session are ticked.
struct ContextRefresh {
    static let watchedFolders = [".claude/context/patterns/", ".claude/config/"]
    let context: StepContext

    /// Returns the problems that keep the step from being done (a roadmap that could not be written).
    func run() -> [String] {
        let changed = context.record.filesModified.filter { file in
            Self.watchedFolders.contains { file.path.hasPrefix($0) }
        }
        context.record.rereadNextSession = changed.filter { $0.change != .deleted }.map(\.path)
        if !changed.isEmpty {
            context.progress("\(changed.count) pattern/config file(s) changed: listed to re-read next session")
        }
        let files = ProjectFiles(context.project)
        for path in context.record.rereadNextSession where path.hasPrefix(".claude/config/") {
            let url = context.project.root.appendingPathComponent(path)
            guard let data = files.readIfSafe(url), let problem = ConfigSyntaxCheck.problem(in: data, path: path)
            else { continue }
            context.warn(problem)
        }
        return RoadmapMilestones.locations.compactMap(tickRoadmap)
    }

    /// Ticks one roadmap; returns a problem when it could not be written.
    private func tickRoadmap(_ path: String) -> String? {
        let url = context.project.root.appendingPathComponent(path)
        guard let data = ProjectFiles(context.project).readIfSafe(url) else { return nil }
        let completed = RoadmapMilestones.ids(in: context.record.accomplishments.joined(separator: "\n"))
        let (updated, ticked) = RoadmapMilestones.tick(data, completed: completed)
        guard !ticked.isEmpty else { return nil }
        if context.dryRun {
            context.progress("would tick \(ticked.count) milestone(s) in \(path)")
            return nil
        }
        do {
            try context.writer.write(updated, to: url)
        } catch {
            return "\(path) was not updated: \(ErrorSentence.describe(error))"
        }
        context.progress("ticked \(ticked.count) milestone(s) in \(path): \(ticked.joined(separator: "; "))")
        return nil
    }
}
