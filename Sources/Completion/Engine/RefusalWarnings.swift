import Foundation

extension CompletionEngine {
    /// Turns the paths `ProjectFiles` refused since the last call into warnings of the run, each path once, so a
    /// refusal deep inside a writer or cleaner reaches the summary and the output instead of passing silently.
    func reportRefusals(_ warnings: inout [String], step: StepID?) {
        for refusal in RefusedPaths.drain(plan.project)
        where !warnings.contains(where: { $0.contains(refusal.description) }) {
            warnings.append(refusal.description)
            emit(.warning(step, refusal.description))
        }
    }
}

extension ProjectFiles {
    /// Walks every folder the tool reads or writes, so a link among them is refused (and reported) before the
    /// run writes anything, and the warning is in the summary that step 5 commits.
    func auditToolFolders(_ project: Project) {
        let folders = [
            project.contextFolder, project.configFile.deletingLastPathComponent(), project.toolStateFolder,
            project.toolStateFolder.appendingPathComponent("backup"), project.summariesFolder,
            project.archivesFolder, project.metricsFile.deletingLastPathComponent(), project.dailyAggregatesFolder,
            project.logsFolder, project.tempStateFolder, project.cacheFolder,
        ]
        for folder in folders { _ = try? find(folder) }
    }
}
