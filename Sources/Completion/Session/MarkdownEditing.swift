import Foundation

/// The edits the steps make to a state file, the same on a document held in memory (`MarkdownDocument`) and on a
/// file streamed from disk (`MarkdownFile`), so one function describes an edit for both.
package protocol MarkdownEditing {
    /// Updates the `**Name**: value` line outside owned blocks, or adds it after the title.
    mutating func setField(_ name: String, to value: String)
    /// Replaces the owned block `name`, or appends it at the end of the file.
    mutating func setBlock(_ name: String, to content: [String])
    /// Calls `body` with each item of the user's sections, each given by the titles its heading may start with:
    /// the index of its section in `sections` and the item, in order within each section (one pass over a file).
    func forEachSectionItem(in sections: [[String]], _ body: (Int, String) -> Void)
}

extension MarkdownDocument: MarkdownEditing {
    package func forEachSectionItem(in sections: [[String]], _ body: (Int, String) -> Void) {
        for (index, titles) in sections.enumerated() {
            for item in sectionItems(titles) { body(index, item) }
        }
    }
}
