import Foundation

/// Every file of a project (outside `.git`) and its bytes, taken before and after a run: what the run changed on
/// disk, found without asking the tool.
struct ProjectSnapshot {
    let files: [String: Data]

    init(_ root: URL) {
        var files: [String: Data] = [:]
        let base = root.standardizedFileURL.path
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            let path = url.standardizedFileURL.path
            let relative = String(path.dropFirst(base.count + 1))
            if relative == ".git" || relative.hasPrefix(".git/") {
                walker?.skipDescendants()
                continue
            }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            files[relative] = FileManager.default.contents(atPath: path)
        }
        self.files = files
    }

    /// The files `after` holds that are new or differ from this snapshot.
    func changed(in after: ProjectSnapshot) -> Set<String> {
        Set(after.files.filter { files[$0.key] != $0.value }.keys)
    }

    /// The tool's records of its own runs: logs, metrics, and its state (journal, backups, lock, outcomes).
    static let runRecords = [".claude/logs/", ".claude/metrics/", ".claude/state/jarvis-tui/"]

    /// The project's files a run updated: what `after` holds new or changed, without the tool's records of runs.
    func updated(in after: ProjectSnapshot) -> Set<String> {
        changed(in: after).filter { path in !Self.runRecords.contains { path.hasPrefix($0) } }
    }
}
