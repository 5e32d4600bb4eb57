import Foundation

/// Names the summary files: `session-YYYY-MM-DD.md`, then `-2`, `-3` … for later sessions that day.
/// Inside a project the folder is looked at through `ProjectFiles`, so a linked reports folder is not listed.
package struct SummaryLocator {
    package let folder: URL
    let files: ProjectFiles?

    package init(folder: URL) {
        self.folder = folder
        files = nil
    }

    package init(project: Project) {
        folder = project.summariesFolder
        files = ProjectFiles(project)
    }

    package func nextOrdinal(day: String) -> Int {
        var ordinal = 1
        while exists(url(day: day, ordinal: ordinal)) { ordinal += 1 }
        return ordinal
    }

    private func exists(_ url: URL) -> Bool {
        guard let files else { return FileManager.default.fileExists(atPath: url.path) }
        return ((try? files.find(url)) ?? .missing) != .missing
    }

    package func url(day: String, ordinal: Int) -> URL {
        folder.appendingPathComponent(ordinal > 1 ? "session-\(day)-\(ordinal).md" : "session-\(day).md")
    }

    /// The newest summary in the folder, by name (dates sort lexically; ordinals numerically).
    package func latest() -> URL? {
        let listed =
            files.map { (try? $0.list(folder)) ?? nil }
            ?? (try? FileManager.default.contentsOfDirectory(atPath: folder.path))
        guard let names = listed else { return nil }
        let summaries = names.filter { $0.hasPrefix("session-") && $0.hasSuffix(".md") }
        func key(_ name: String) -> (String, Int) {
            let stem = name.dropFirst("session-".count).dropLast(3)
            let day = String(stem.prefix(10))
            let ordinal = stem.count > 11 ? Int(stem.dropFirst(11)) ?? 1 : 1
            return (day, ordinal)
        }
        return summaries.max { key($0) < key($1) }.map { folder.appendingPathComponent($0) }
    }
}
