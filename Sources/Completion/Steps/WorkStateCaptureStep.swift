import Foundation

/// Step 1: `.claude/context/session-state.md` gets the fields this step owns (status, last updated, last
/// completed, current work, next step) and its capture block (pending todos, files modified, decisions, blockers
/// as found); every other line stays as the user wrote it. A missing file is created with a minimal layout.
package struct WorkStateCaptureStep: CompletionStep {
    package let id = StepID.stateCapture
    package init() {}

    package func run(in context: StepContext) async -> Outcome {
        StateArchiving.runChosen(in: context)
        let url = context.project.sessionStateFile
        // Streamed, and as bytes: a state file of tens of megabytes is never held, and a line the user wrote in
        // Latin-1 is copied through as it was, not as U+FFFD.
        let existing: MarkdownFile?
        do { existing = try MarkdownFile.open(url, files: ProjectFiles(context.project)) } catch {
            return .failed(ErrorSentence.describe(error))
        }
        let record = context.record
        let verb = existing == nil ? "create" : "update"
        if context.dryRun {
            context.progress(
                "would \(verb) \(context.relative(url)) (\(record.pendingTodos.count) pending, \(record.filesModified.count) files)"
            )
            return .skipped("dry run: nothing written")
        }
        do {
            if var file = existing {
                Self.apply(record, to: &file, now: context.now())
                try file.write(via: context.writer)
            } else {
                var document = MarkdownDocument(text: "# Session State\n\n")
                Self.apply(record, to: &document, now: context.now())
                try context.writer.write(document.data, to: url)
            }
        } catch {
            return .failed(ErrorSentence.describe(error))
        }
        context.progress(
            "\(verb)d \(context.relative(url)): next step \(record.nextStep.map { "“\($0)”" } ?? "not set")"
        )
        context.progress(
            "\(record.pendingTodos.count) pending todo(s), \(record.filesModified.count) file(s) modified, \(record.blockers.count) blocker(s)"
        )
        if record.nextStep == nil {
            context.warn(
                "no next step found: add a **Next Step** line to session-state.md or an unchecked item to current-priorities.md"
            )
        }
        return .done
    }

    /// The step's edit, on a document in memory or a streamed file alike. The agent's sections are compared with
    /// the user's as the file was read, before any field changes.
    static func apply(_ record: SessionRecord, to document: inout some MarkdownEditing, now: Date) {
        let agentLines = agentSections(record, document: document)
        document.setField("Last Updated", to: Timestamp.local(now))
        document.setField("Status", to: "Session completed \(Timestamp.local(now)) (\(record.sessionID))")
        if let first = record.accomplishments.last { document.setField("Last Completed", to: first) }
        document.setField("Current Work", to: record.currentWork ?? StatePlaceholder.noCurrentWork)
        document.setField("Next Step", to: record.nextStep ?? StatePlaceholder.noNextStep)
        var block = ["## Session Capture — \(Timestamp.local(now))", ""]
        block.append("### Pending Todos")
        block +=
            record.pendingTodos.isEmpty
            ? ["- None"] : record.pendingTodos.map { "- [ ] \(MarkdownDocument.oneLine($0))" }
        block += ["", "### Files Modified"]
        let shown = record.filesModified.prefix(50)
        block +=
            shown.isEmpty
            ? ["- None"]
            : shown.map { file in
                let purpose = record.filePurposes[file.path].map { ": \(MarkdownDocument.oneLine($0))" } ?? ""
                return "- `\(EscapedName.markdown(file.path))` (\(file.change.label))\(purpose)"
            }
        if record.filesModified.count > shown.count {
            block.append("- … and \(record.filesModified.count - shown.count) more")
        }
        block += agentLines
        if !record.heldBack.isEmpty {
            block += ["", "### Held Back From the Commit"]
            block += record.heldBack.map {
                "- `\(EscapedName.markdown($0.path))`: \(MarkdownDocument.oneLine($0.reason))"
            }
        }
        // The block names files, whose names come from outside like the rest of the record's text.
        document.setBlock("session-capture", to: SecretRedaction.redact(block))
    }

    /// Decisions, blockers and corrections that the user's own sections do not hold already (the agent's notes),
    /// under headings the gathering never reads back as the user's words.
    static func agentSections(_ record: SessionRecord, document: some MarkdownEditing) -> [String] {
        let lists = [
            (title: "Decisions This Session", items: record.decisions, userTitles: ["Key Decisions", "Decisions"]),
            (title: "Blockers This Session", items: record.blockers, userTitles: ["Blockers"]),
            (title: "Corrections This Session", items: record.corrections, userTitles: []),
        ]
        // Only the keys of the agent's items are kept, and the user's sections are all read in one pass: they may
        // be millions of lines long.
        let wanted = lists.map { Set($0.items.map(AgentNotes.sameKey)) }
        var known = lists.map { _ in Set<String>() }
        let asked = lists.indices.filter { !wanted[$0].isEmpty && !lists[$0].userTitles.isEmpty }
        if !asked.isEmpty {
            document.forEachSectionItem(in: asked.map { lists[$0].userTitles }) { index, item in
                let list = asked[index]
                let key = AgentNotes.sameKey(item)
                if wanted[list].contains(key) { known[list].insert(key) }
            }
        }
        var lines: [String] = []
        for (index, list) in lists.enumerated() {
            let new = list.items.filter { !known[index].contains(AgentNotes.sameKey($0)) }
            guard !new.isEmpty else { continue }
            lines += ["", "### \(list.title)"] + new.map { "- \(MarkdownDocument.oneLine($0))" }
        }
        return lines
    }
}
