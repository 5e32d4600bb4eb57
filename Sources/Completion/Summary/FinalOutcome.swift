import Foundation

/// What happened after the summary was saved: the summary is written before step 5 so that it is part of the
/// session commit, so it cannot know the commit, the push or the cleanup, nor how the steps whose work goes on
/// during the commit ended (memory, the chat history's archive). The final outcome of those steps and of 5–7, a
/// pending push with its reason and command, the final handoff score and every warning are kept beside it
/// (`.claude/state/jarvis-tui/outcomes/<summary file name>`, ignored by git), and every later look at the summary
/// shows both, so nobody reads a stale state.
package enum FinalOutcome {
    static let folderName = "outcomes"

    package static func file(for summaryPath: String, project: Project) -> URL {
        project.toolStateFolder.appendingPathComponent(folderName, isDirectory: true)
            .appendingPathComponent(URL(fileURLWithPath: summaryPath).lastPathComponent)
    }

    /// The Markdown appended to the saved summary wherever it is shown.
    package static func render(_ record: SessionRecord, quality: Int, at date: Date) -> String {
        var out = [
            "---", "", "## Final Outcome", "",
            "*Recorded when the run ended (\(Timestamp.local(date))), after this summary was saved.*", "",
            "| Step | Outcome | Time |", "| --- | --- | --- |",
        ]
        for step in StepID.allCases where step.finishesAfterTheSummary {
            if let report = record.steps.first(where: { $0.step == step }) {
                out.append(
                    "| \(step.number). \(step.title) | \(SummaryRenderer.outcomeText(report.outcome)) | \(report.duration.shortDescription) |"
                )
            } else {
                out.append("| \(step.number). \(step.title) | not run | — |")
            }
        }
        out.append("")
        if let commit = record.sessionCommit { out.append("- **Session commit**: `\(commit.prefix(12))`") }
        out.append(
            "- **Push**: "
                + (record.pushPending.map { "pending: \(SummaryRenderer.cell($0))" }
                    ?? (record.sessionCommit == nil ? "nothing to push" : "done"))
        )
        out.append("- **Handoff quality**: \(quality)/100")
        out += ["", "### Warnings (\(record.warnings.count))", ""]
        out += SummaryRenderer.list(record.warnings, empty: "None.")
        return SecretRedaction.redact(out.joined(separator: "\n") + "\n")
    }

    /// The saved summary with its final outcome appended, when one was recorded for it.
    package static func appended(to markdown: String, summaryPath: String, project: Project?) -> String {
        guard let outcome = read(summaryPath: summaryPath, project: project) else { return markdown }
        return markdown + (markdown.hasSuffix("\n") ? "\n" : "\n\n") + outcome
    }

    /// The final outcome of a summary inside `project`'s summaries folder (nil: none recorded, or another file).
    package static func read(summaryPath: String, project: Project?) -> String? {
        guard let project else { return nil }
        let summary = URL(fileURLWithPath: summaryPath).standardizedFileURL
        guard summary.deletingLastPathComponent().path == project.summariesFolder.standardizedFileURL.path else {
            return nil
        }
        let url = file(for: summary.path, project: project)
        // Through the safe walk: a linked state folder or record must not show an outside file as the outcome.
        guard let size = (try? ProjectFiles(project).size(of: url)) ?? nil, size < 4 * 1024 * 1024,
            let data = ProjectFiles(project).readIfSafe(url)
        else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
