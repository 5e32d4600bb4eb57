import Foundation
import Testing

@testable import Completion

/// The kinds of symlink a repository or a user can leave where the tool keeps its files.
enum LinkKind: String, CaseIterable, Sendable {
    case relativeToFolder, absoluteToFolder, relativeToFile, absoluteToFile, dangling
}

/// Every folder the tool reads or writes under `.claude/`.
let toolFolders = [
    ".claude/state/jarvis-tui", ".claude/state/jarvis-tui/backup", ".claude/reports", ".claude/reports/sessions",
    ".claude/logs", ".claude/context", ".claude/metrics", ".claude/state/temp", ".claude/cache", ".claude/archives",
]

/// A folder holding a project (`app`) and an outside "victim" folder that links in the project point to. The
/// victim holds files named like the tool's own, so a write or delete that followed a link would show.
struct LinkSandbox {
    let folder: URL
    var root: URL { folder.appendingPathComponent("app") }
    var victim: URL { folder.appendingPathComponent("victim") }

    static func make(in folder: URL? = nil) throws -> LinkSandbox {
        let base =
            folder
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("jt-links-\(UUID().uuidString.prefix(8))")
        let sandbox = LinkSandbox(folder: base)
        let files = [
            "notes.txt": "outside notes\n", "sessions/2026-01-01-session-1.md": "# old summary\n",
            "backup/20260101T000000Z-old/0": "old backup\n", "session-state.md": "# Someone else's state\n",
            "session-completion.log": "their log\n", "x.md": "theirs\n",
        ]
        for (path, text) in files {
            let url = sandbox.victim.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(
            at: sandbox.root.appendingPathComponent(".claude"),
            withIntermediateDirectories: true
        )
        return sandbox
    }

    /// Puts a link of `kind` at `relative` (replacing whatever is there), making the folders above it.
    func link(_ relative: String, _ kind: LinkKind) throws {
        let url = root.appendingPathComponent(relative)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let up = String(repeating: "../", count: relative.split(separator: "/").count)
        let target =
            switch kind {
            case .relativeToFolder: up + "victim"
            case .absoluteToFolder: victim.path
            case .relativeToFile: up + "victim/notes.txt"
            case .absoluteToFile: victim.appendingPathComponent("notes.txt").path
            case .dangling: up + "victim/not-there"
            }
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    /// Every entry under the victim (folders and links included) with the bytes of each file and its mode.
    func victimListing() -> [String: String] {
        var result: [String: String] = [
            "": "entries: \((try? FileManager.default.contentsOfDirectory(atPath: victim.path).sorted()) ?? [])"
        ]
        let walker = FileManager.default.enumerator(atPath: victim.path)
        while let path = walker?.nextObject() as? String {
            var info = stat()
            guard lstat(victim.appendingPathComponent(path).path, &info) == 0 else { continue }
            let content = FileManager.default.contents(atPath: victim.appendingPathComponent(path).path)
            result[path] =
                "mode \(String(info.st_mode, radix: 8)) size \(info.st_size) \(content.map { ContentFingerprint.of($0) } ?? "-")"
        }
        return result
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// Expects `body` to be refused because of the link at `path` (the refusal names it).
func expectRefused(
    _ path: String,
    _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("\(what) under the link \(path) was not refused", sourceLocation: sourceLocation)
    } catch let refusal as RefusedPath {
        #expect(refusal.path == path, "\(what): \(refusal)", sourceLocation: sourceLocation)
        #expect(refusal.description.contains("refused \(path)"), sourceLocation: sourceLocation)
    } catch {
        Issue.record("\(what) failed with \(error) instead of a refusal", sourceLocation: sourceLocation)
    }
}
