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
        // Bytes, not text: a line the user wrote in Latin-1 is written back as it was, not as U+FFFD.
        let existing: Data?
        do { existing = try ProjectFiles(context.project).read(url) } catch {
            return .failed(ErrorSentence.describe(error))
        }
        var document = existing.map(MarkdownDocument.init(data:)) ?? MarkdownDocument(text: "# Session State\n\n")
        let record = context.record
        Self.apply(record, to: &document, now: context.now())
        let verb = existing == nil ? "create" : "update"
        if context.dryRun {
            context.progress(
                "would \(verb) \(context.relative(url)) (\(record.pendingTodos.count) pending, \(record.filesModified.count) files)"
            )
            return .skipped("dry run: nothing written")
        }
        do {
            try context.writer.write(document.data, to: url)
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

    static func apply(_ record: SessionRecord, to document: inout MarkdownDocument, now: Date) {
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
        block += agentSections(record, document: document)
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
    static func agentSections(_ record: SessionRecord, document: MarkdownDocument) -> [String] {
        let userDecisions = document.sectionItems(["Key Decisions", "Decisions"])
        let userBlockers = document.sectionItems(["Blockers"])
        var lines: [String] = []
        for (title, items, user) in [
            ("Decisions This Session", record.decisions, userDecisions),
            ("Blockers This Session", record.blockers, userBlockers),
            ("Corrections This Session", record.corrections, []),
        ] {
            // Keys in a set: comparing every item with every user item cost the product of two long lists.
            let known = Set(user.map(AgentNotes.sameKey))
            let new = items.filter { !known.contains(AgentNotes.sameKey($0)) }
            guard !new.isEmpty else { continue }
            lines += ["", "### \(title)"] + new.map { "- \(MarkdownDocument.oneLine($0))" }
        }
        return lines
    }
}
