import Foundation

/// Renders the session summary in the standard template (the sections the README lists under "The summary and the review").
package enum SummaryRenderer {
    package static func render(_ record: SessionRecord, project: Project, final: Bool) -> String {
        var out = header(record, project: project)
        out += workSections(record)
        out += nextSession(record, project: project)
        out += statistics(record, final: final)
        out += cycles(record)
        out += completionSteps(record, final: final)
        out.append("")
        out.append("## Warnings")
        out.append("")
        out += list(warnings(record, final: final), empty: "None.")
        out.append("")
        out.append("---")
        out.append("")
        out.append("*Session ended: \(Timestamp.local(record.endedAt))*")
        // File names, warnings and step reasons come from outside too; the record's own text is redacted already.
        let standard = out.joined(separator: "\n") + "\n"
        let laidOut = SummaryTemplate.load(project).map {
            $0.render(standard: standard, fields: fields(record, project))
        }
        return SecretRedaction.redact(laidOut ?? standard)
    }

    /// The title and the project, branch and session lines.
    static func header(_ record: SessionRecord, project: Project) -> [String] {
        var out: [String] = []
        // The second summary of a day is "2026-12-02 (2)": a date followed by "-2" reads as another date.
        out.append("# Session Summary — \(record.day)\(record.ordinal > 1 ? " (\(record.ordinal))" : "")")
        out.append("")
        out.append("**Project**: \(cell(project.name))  ")
        if let branch = record.branch { out.append("**Branch**: \(cell(branch))  ") }
        out.append("**Session**: \(cell(record.sessionID))")
        return out
    }

    /// Accomplishments, key decisions, the files modified (and held back), blockers and corrections.
    static func workSections(_ record: SessionRecord) -> [String] {
        var out: [String] = ["", "## Accomplishments", ""]
        out += list(
            record.accomplishments,
            empty: "No accomplishments were recorded (no commits, checked priorities or completed todos)."
        )
        out += ["", "## Key Decisions", ""]
        out += list(record.decisions, empty: "None recorded.")
        out += ["", "## Files Modified", ""]
        if record.filesModified.isEmpty {
            out.append("No files changed in this session.")
        } else {
            out += filesTable(record)
        }
        if !record.heldBack.isEmpty {
            out += ["", "Held back from the commit (left untouched in the working tree):", ""]
            out += record.heldBack.map { "- `\(cell(EscapedName.markdown($0.path)))`: \(cell($0.reason))" }
        }
        out += ["", "## Blockers", ""]
        out += list(record.blockers, empty: "None.")
        if !record.corrections.isEmpty {
            out += ["", "## Corrections", ""]
            out += list(record.corrections, empty: "")
        }
        return out
    }

    /// Where the next session picks up: the next step, suggested servers, todos, a pending push, the conversation.
    static func nextSession(_ record: SessionRecord, project: Project) -> [String] {
        var out: [String] = ["", "## Next Session", ""]
        out.append("- **Continue with**: \(cell(record.nextStep ?? "not recorded"))")
        let servers = MCPSuggestions.suggest(record, project: project).map(\.text).joined(separator: "; ")
        out.append("- **MCPs suggested**: \(cell(servers))")
        if !record.pendingTodos.isEmpty {
            out.append("- **Pending todos**:")
            out += record.pendingTodos.map { "  - [ ] \(cell($0))" }
        }
        if let pending = record.pushPending { out.append("- **Push pending**: \(cell(pending))") }
        if !record.transcriptPointer.isEmpty {
            out.append("- **Conversation**:")
            out += record.transcriptPointer.map { "  - \(cell($0))" }
        }
        return out
    }

    /// The Statistics table; before the commit, the commit count and the score say they are not final yet.
    static func statistics(_ record: SessionRecord, final: Bool) -> [String] {
        var out: [String] = ["", "## Statistics", "", "| Measure | Value |", "| --- | --- |"]
        out.append("| Duration | \(record.duration.map(durationText) ?? "unknown (session start not recorded)") |")
        out.append("| Tokens used | \(tokensText(record)) |")
        let commits = record.commitsDuringSession + (record.sessionCommit == nil ? 0 : 1)
        out.append("| Commits | \(commits)\(final ? "" : " before the session commit") |")
        out.append("| Files modified | \(record.filesModified.count) |")
        let ran = record.cycles.filter { if case .skipped = $0.outcome { false } else { true } }
        out.append(
            "| Tier 2 cycles run | \(ran.count) of \(record.cycles.count) selected (\(ran.filter { $0.outcome.isDone }.count) done) |"
        )
        if let model = record.model { out.append("| Model | \(cell(model)) |") }
        if let memory = record.steps.first(where: { $0.step == .memory }) {
            let state =
                memory.outcome.isDone
                ? "stored"
                : memory.outcome.kind == .degraded ? "queued in .claude/context/memory-queue.jsonl" : "not written"
            out.append("| Memory entity | `\(record.memoryEntityName)` (\(state)) |")
        }
        let quality = HandoffQuality.assess(record)
        if final {
            out.append("| Handoff quality | \(quality.percent)/100 |")
        } else {
            out.append(
                "| Handoff quality | \(quality.score) of \(quality.possible) points so far (steps 5–7 add the rest) |"
            )
        }
        return out
    }

    /// The Tier 2 Cycles table (when any ran) and the cycles' findings.
    static func cycles(_ record: SessionRecord) -> [String] {
        var out: [String] = []
        if !record.cycles.isEmpty {
            out += ["", "## Tier 2 Cycles", "", "| Cycle | Outcome | Time |", "| --- | --- | --- |"]
            for cycle in record.cycles {
                out.append(
                    "| \(cycle.cycle.title) (\(cycle.cycle.component)) | \(outcomeText(cycle.outcome)) | \(cycle.duration.shortDescription) |"
                )
            }
        }
        if !record.findings.isEmpty {
            out.append("")
            out += list(record.findings, empty: "")
        }
        return out
    }

    /// One row per step in order; a step without a report has not run (yet).
    static func completionSteps(_ record: SessionRecord, final: Bool) -> [String] {
        var out: [String] = ["", "## Completion Steps", "", "| Step | Outcome | Time |", "| --- | --- | --- |"]
        for step in StepID.allCases {
            if let report = record.steps.first(where: { $0.step == step }) {
                out.append(
                    "| \(step.number). \(step.title) | \(outcomeText(report.outcome)) | \(report.duration.shortDescription) |"
                )
            } else {
                let pending =
                    step.phase == .beforeCommit
                    ? "still running when this summary was written" : "runs after this summary is written"
                out.append("| \(step.number). \(step.title) | \(final ? "not run" : pending) | — |")
            }
        }
        return out
    }

    /// The single-line `{field}`s of a summary template (the sections are fields too, see `SummaryTemplate`).
    static func fields(_ record: SessionRecord, _ project: Project) -> [String: String] {
        [
            "date": "\(record.day)\(record.ordinal > 1 ? " (\(record.ordinal))" : "")",
            "project": cell(project.name),
            "branch": cell(record.branch ?? "unknown"),
            "session": cell(record.sessionID),
            "headline": cell(record.headline),
            "next_step": cell(record.nextStep ?? "not recorded"),
            "timestamp": Timestamp.local(record.endedAt),
        ]
    }

    /// The run's warnings; before the commit also the files the guard will hold back (step 5 warns about them
    /// later, after this summary is saved).
    static func warnings(_ record: SessionRecord, final: Bool) -> [String] {
        guard !final else { return record.warnings }
        let held = record.heldBack.map { "held back from the commit: \($0.path) — \($0.reason)" }
        return record.warnings + held.filter { !record.warnings.contains($0) }
    }

    /// The File / Change Type table; a Purpose column when the agent's notes say what files are for.
    static func filesTable(_ record: SessionRecord) -> [String] {
        let purposes = !record.filePurposes.isEmpty
        var out =
            purposes
            ? ["| File | Change Type | Purpose |", "| --- | --- | --- |"] : ["| File | Change Type |", "| --- | --- |"]
        for file in record.filesModified.prefix(200) {
            let purpose = purposes ? " \(cell(record.filePurposes[file.path] ?? "")) |" : ""
            out.append("| `\(cell(EscapedName.markdown(file.path)))` | \(file.change.label) |\(purpose)")
        }
        if record.filesModified.count > 200 {
            out.append("| … \(record.filesModified.count - 200) more | |" + (purposes ? " |" : ""))
        }
        return out
    }

    static func list(_ items: [String], empty: String) -> [String] {
        items.isEmpty ? [empty] : items.map { "- \(cell($0))" }
    }

    /// Outside text made safe for a Markdown table cell and for terminals.
    static func cell(_ text: String) -> String {
        TerminalText.inert(text).replacingOccurrences(of: "|", with: "\\|")
    }

    static func outcomeText(_ outcome: Outcome) -> String {
        if let reason = outcome.reason { return "\(outcome.name): \(cell(reason))" }
        return outcome.name
    }

    static func durationText(_ seconds: TimeInterval) -> String {
        let minutes = Int(seconds / 60)
        return minutes >= 60 ? "\(minutes / 60) h \(minutes % 60) min" : "\(max(minutes, seconds > 0 ? 1 : 0)) min"
    }

    static func tokensText(_ record: SessionRecord) -> String {
        guard let used = record.tokensUsed else { return "unknown (no transcript statistics)" }
        let context = record.contextUsed.map { " / context \(format($0)) of \(format(record.contextWindow))" } ?? ""
        return format(used) + context
    }

    static func format(_ n: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.groupingSeparator = ","
        return formatter.string(from: NSNumber(value: n)) ?? "\(n)"
    }
}
