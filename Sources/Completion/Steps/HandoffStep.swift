import Foundation

/// Step 6: `.claude/context/.checkpoint.md` for the next session (front matter, Next Session Instructions,
/// Session Summary). The session-state "Next Step" was set by step 1 so that it is part of the commit.
package struct HandoffStep: CompletionStep {
    package let id = StepID.handoff
    package init() {}

    package func run(in context: StepContext) async -> Outcome {
        let url = context.project.checkpointFile
        let text = Self.render(context: context)
        if context.dryRun {
            context.progress("would write \(context.relative(url))")
            return .skipped("dry run: nothing written")
        }
        do {
            try context.writer.write(text, to: url)
        } catch {
            return .failed(ErrorSentence.describe(error))
        }
        context.progress(
            "wrote \(context.relative(url)): continue with \(context.record.nextStep.map { "“\($0)”" } ?? "(not recorded)")"
        )
        return .done
    }

    static func render(context: StepContext) -> String {
        let record = context.record
        let partial =
            record.steps.contains { if case .failed = $0.outcome { true } else { false } } || record.pushPending != nil
        var lines = [
            "---",
            "created: \(Timestamp.iso(context.now()))",
            "session: \(yamlScalar(record.sessionID))",
            "status: \(partial ? "partial" : "completed")",
            "---",
            "",
            "# Session Checkpoint",
            "",
            "## Next Session Instructions",
            "",
            "**Continue with**: \(record.nextStep ?? StatePlaceholder.notRecorded + ": ask the user what to work on")",
            "",
            "**Context files to read**:",
        ]
        // Only files the walk reaches as the project's own: the next session reads what is listed here, and a
        // summary replaced by a link would send it to a file outside the project.
        let summary = context.summary?.path.map { URL(fileURLWithPath: $0) }
        let files = [context.project.sessionStateFile, context.project.prioritiesFile] + (summary.map { [$0] } ?? [])
        lines += files.filter { (try? ProjectFiles(context.project).find($0)) == .file }
            .map { "- `\(context.relative($0))`" }
        if !record.rereadNextSession.isEmpty {
            lines += ["", "**Re-read next session** (changed this session):"]
            lines += record.rereadNextSession.map { "- `\(EscapedName.markdown($0))`" }
        }
        lines += ["", "**MCPs suggested**:"]
        lines +=
            MCPSuggestions.suggest(record, project: context.project).map { "- `\($0.server)`: \($0.reason)" } + [""]
        if let pending = record.pushPending { lines += ["**Push pending**: \(pending)", ""] }
        if !record.blockers.isEmpty {
            lines += ["**Open blockers**:"] + record.blockers.map { "- \($0)" } + [""]
        }
        if !record.decisions.isEmpty {
            lines += ["**Key decisions**:"] + record.decisions.prefix(10).map { "- \($0)" } + [""]
        }
        let purposes = record.filePurposes.sorted { $0.key < $1.key }.prefix(20)
        if !purposes.isEmpty {
            lines += ["**Files and what they are for**:"] + purposes.map { "- `\($0.key)`: \($0.value)" } + [""]
        }
        if !record.corrections.isEmpty {
            lines += ["**Lessons (corrections)**:"] + record.corrections.prefix(10).map { "- \($0)" } + [""]
        }
        if !record.pendingTodos.isEmpty {
            lines += ["**Pending todos**:"] + record.pendingTodos.map { "- [ ] \($0)" } + [""]
        }
        lines += ["## Session Summary", "", record.headline, ""]
        lines += record.accomplishments.prefix(10).map { "- \($0)" }
        if let commit = record.sessionCommit { lines += ["", "Session commit: `\(commit.prefix(12))`"] }
        if !record.transcriptPointer.isEmpty { lines += [""] + record.transcriptPointer }
        // The next session reads this file first (the session-start hook hands it over): nothing secret in it.
        return SecretRedaction.redact(lines.joined(separator: "\n") + "\n")
    }

    static func yamlScalar(_ text: String) -> String {
        let safe = text.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }
        return safe
            ? text
            : "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
    }
}
