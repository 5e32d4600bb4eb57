import Foundation

/// Step 3: `current-priorities.md` gets its recently-completed block, the next-step pointer and the
/// last-updated field; the user's priorities stay as written. A missing file is reported, not invented. Changed
/// pattern and config files and the roadmap are refreshed first (`ContextRefresh`).
package struct ContextFilesStep: CompletionStep {
    package let id = StepID.contextFiles
    package static let recentLimit = 15
    package init() {}

    package func run(in context: StepContext) async -> Outcome {
        let problems = ContextRefresh(context: context).run()
        let url = context.project.prioritiesFile
        let found: Data?
        do { found = try ProjectFiles(context.project).read(url) } catch {
            return .failed(ErrorSentence.describe(error))
        }
        guard let data = found else {
            context.warn("\(context.relative(url)) not found: create it to track priorities across sessions")
            return .skipped("\(context.relative(url)) does not exist")
        }
        var document = MarkdownDocument(data: data)
        let added = Self.apply(context.record, to: &document, now: context.now())
        if context.dryRun {
            context.progress("would update \(context.relative(url)) (\(added) newly completed)")
            return .skipped("dry run: nothing written")
        }
        do {
            try context.writer.write(document.data, to: url)
        } catch {
            return .failed(ErrorSentence.describe(error))
        }
        context.progress("updated \(context.relative(url)): \(added) item(s) added to Recently Completed")
        return problems.isEmpty ? .done : .degraded(problems.joined(separator: "; "))
    }

    /// The accomplishment of a `- YYYY-MM-DD: text` line (the whole line after `- ` when it has no date).
    static func itemText(_ line: String) -> String {
        let body = line.hasPrefix("- ") ? Substring(line.dropFirst(2)) : Substring(line)
        if body.count > 12, body.prefix(10).allSatisfy({ $0.isNumber || $0 == "-" }), body.dropFirst(10).hasPrefix(": ")
        {
            return body.dropFirst(12).trimmingCharacters(in: .whitespaces)
        }
        return body.trimmingCharacters(in: .whitespaces)
    }

    /// Returns how many accomplishments were new to the block.
    @discardableResult
    static func apply(_ record: SessionRecord, to document: inout MarkdownDocument, now: Date) -> Int {
        document.setField("Last Updated", to: Timestamp.local(now))
        document.setField("Next Step", to: record.nextStep ?? StatePlaceholder.notRecorded)
        let previous = (document.block("recently-completed") ?? []).filter { $0.hasPrefix("- ") && $0 != "- None yet" }
        let known = Set(previous.map(Self.itemText))
        var seen = known
        let fresh = record.accomplishments.map { MarkdownDocument.oneLine($0) }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
            .map { "- \(record.day): \($0)" }
        let items = Array((fresh.reversed() + previous).prefix(recentLimit))
        document.setBlock(
            "recently-completed",
            to: ["## Recently Completed", ""] + (items.isEmpty ? ["- None yet"] : items)
        )
        return fresh.count
    }
}
