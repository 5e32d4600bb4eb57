import Foundation

/// The edits the steps make to a state file, the same on a document held in memory (`MarkdownDocument`) and on a
/// file streamed from disk (`MarkdownFile`), so one function describes an edit for both.
package protocol MarkdownEditing {
    /// Updates the `**Name**: value` line outside owned blocks, or adds it after the title.
    mutating func setField(_ name: String, to value: String)
    /// Replaces the owned block `name`, or appends it at the end of the file.
    mutating func setBlock(_ name: String, to content: [String])
    /// Calls `body` with each item of the user's section whose heading starts with one of `titles`, in order.
    func forEachSectionItem(_ titles: [String], _ body: (String) -> Void)
}

extension MarkdownDocument: MarkdownEditing {
    package func forEachSectionItem(_ titles: [String], _ body: (String) -> Void) {
        sectionItems(titles).forEach(body)
    }
}
