import Foundation
import Testing

@testable import Completion

/// `ProjectFiles` on real files: every kind of link in every folder the tool uses is refused by every operation,
/// names itself, and leaves the outside folder it points to exactly as it was.
@Suite("Project files")
struct ProjectFilesTests {
    @Test(arguments: toolFolders)
    func aLinkedToolFolderIsRefusedByEveryOperation(_ folder: String) throws {
        for kind in LinkKind.allCases {
            let sandbox = try LinkSandbox.make()
            defer { sandbox.remove() }
            try sandbox.link(folder, kind)
            let before = sandbox.victimListing()
            let files = ProjectFiles(root: sandbox.root)
            let link = sandbox.root.appendingPathComponent(folder)
            // A file directly in the linked folder, and one in a subfolder that does not exist yet.
            let direct = link.appendingPathComponent("x.md")
            let deeper = link.appendingPathComponent("sessions/new/x.md")
            let what = "\(kind) at \(folder)"
            expectRefused(folder, "write (\(what))") { try files.write("x", to: direct) }
            expectRefused(folder, "write deeper (\(what))") { try files.write("x", to: deeper) }
            expectRefused(folder, "append (\(what))") { try files.append("x\n", to: direct) }
            expectRefused(folder, "read (\(what))") { _ = try files.read(direct) }
            expectRefused(folder, "list (\(what))") { _ = try files.list(link) }
            expectRefused(folder, "make folder (\(what))") { try files.makeFolder(deeper.deletingLastPathComponent()) }
            expectRefused(folder, "remove inside (\(what))") { try files.remove(direct) }
            expectRefused(folder, "remove an empty folder (\(what))") { _ = try files.removeEmptyFolder(link) }
            expectRefused(folder, "remove an empty folder inside (\(what))") {
                _ = try files.removeEmptyFolder(deeper.deletingLastPathComponent())
            }
            #expect(files.readIfSafe(direct) == nil)
            #expect(sandbox.victimListing() == before, "the outside folder changed: \(what)")
            // The link itself may go: removed as an entry, its target untouched.
            #expect(try files.remove(link))
            #expect(!PathSafety.isSymlink(link))
            #expect(sandbox.victimListing() == before, "removing the link changed its target: \(what)")
        }
    }

    @Test(arguments: [
        ".claude/context/session-state.md", ".claude/logs/session-completion.log",
        ".claude/state/jarvis-tui/last-run.json", ".claude/metrics/AC-09-sessions.jsonl",
    ])
    func aLinkedStateFileIsNeitherReadNorWrittenThrough(_ file: String) throws {
        for kind in LinkKind.allCases {
            let sandbox = try LinkSandbox.make()
            defer { sandbox.remove() }
            try sandbox.link(file, kind)
            let before = sandbox.victimListing()
            let files = ProjectFiles(root: sandbox.root)
            let url = sandbox.root.appendingPathComponent(file)
            expectRefused(file, "read (\(kind))") { _ = try files.read(url) }
            expectRefused(file, "write (\(kind))") { try files.write("mine\n", to: url) }
            expectRefused(file, "append (\(kind))") { try files.append("mine\n", to: url) }
            #expect(sandbox.victimListing() == before, "\(kind) at \(file)")
            #expect(PathSafety.isSymlink(url), "the link was replaced by a file")
        }
    }

    @Test func pathsThatClimbOutOrLieElsewhereAreRefused() throws {
        let sandbox = try LinkSandbox.make()
        defer { sandbox.remove() }
        let files = ProjectFiles(root: sandbox.root)
        let before = sandbox.victimListing()
        let climbing = URL(fileURLWithPath: sandbox.root.path + "/.claude/../../victim/notes.txt")
        #expect(throws: RefusedPath.self) { try files.write("x", to: climbing) }
        #expect(throws: RefusedPath.self) { try files.remove(climbing) }
        #expect(throws: RefusedPath.self) { _ = try files.read(sandbox.victim.appendingPathComponent("notes.txt")) }
        #expect(sandbox.victimListing() == before)
    }

    @Test func aRecursiveDeleteRemovesLinksInsideButNeverWhatTheyPointTo() throws {
        let sandbox = try LinkSandbox.make()
        defer { sandbox.remove() }
        let cache = sandbox.root.appendingPathComponent(".claude/cache")
        let files = ProjectFiles(root: sandbox.root)
        try files.write("blob\n", to: cache.appendingPathComponent("deep/a/b/blob"))
        try FileManager.default.createSymbolicLink(
            at: cache.appendingPathComponent("deep/a/to-victim"),
            withDestinationURL: sandbox.victim
        )
        try FileManager.default.createSymbolicLink(
            atPath: cache.appendingPathComponent("deep/to-file").path,
            withDestinationPath: "../../../../victim/notes.txt"
        )
        let before = sandbox.victimListing()
        #expect(try files.remove(cache.appendingPathComponent("deep")))
        #expect(try files.list(cache) == [])
        #expect(sandbox.victimListing() == before)
    }

    @Test func missingFoldersAreMadeOneByOneAndRefusedBelowALink() throws {
        let sandbox = try LinkSandbox.make()
        defer { sandbox.remove() }
        let files = ProjectFiles(root: sandbox.root)
        let summary = sandbox.root.appendingPathComponent(".claude/reports/sessions/session-2026-12-02.md")
        try files.write("# Summary\n", to: summary)
        #expect(try files.read(summary) == Data("# Summary\n".utf8))
        try sandbox.link(".claude/reports", .relativeToFolder)  // the victim has a `sessions` folder to write into
        let before = sandbox.victimListing()
        expectRefused(".claude/reports", "a summary below a linked reports folder") {
            try files.write("# S\n", to: summary)
        }
        #expect(sandbox.victimListing() == before)
    }
}

/// The modes of what the tool creates, and appends that never rewrite a file.
@Suite("Project files: modes and appends")
struct ProjectFileModesTests {
    func mode(_ url: URL) -> mode_t {
        var info = stat()
        lstat(url.path, &info)
        return info.st_mode & 0o7777
    }

    @Test func createdFilesGetNormalModesAndReplacedFilesKeepTheirs() throws {
        let sandbox = try LinkSandbox.make()
        defer { sandbox.remove() }
        let files = ProjectFiles(root: sandbox.root)
        let plain = sandbox.root.appendingPathComponent(".claude/context/session-state.md")
        let secret = sandbox.root.appendingPathComponent(".claude/state/jarvis-tui/backup/run/0")
        let log = sandbox.root.appendingPathComponent(".claude/logs/session-completion.log")
        try files.write("# State\n", to: plain)
        try files.write("old bytes\n", to: secret, newFileMode: 0o600)
        try files.append("line\n", to: log)
        #expect(mode(plain) == 0o644)
        #expect(mode(secret) == 0o600)
        #expect(mode(log) == 0o644)
        #expect(mode(plain.deletingLastPathComponent()) == 0o755)
        chmod(plain.path, 0o640)
        try files.write("# State 2\n", to: plain)
        #expect(mode(plain) == 0o640, "a replaced file keeps the mode its owner gave it")
    }

    @Test func appendKeepsTheFileAndALineAnotherProcessAppendsMeanwhile() async throws {
        let sandbox = try LinkSandbox.make()
        defer { sandbox.remove() }
        let files = ProjectFiles(root: sandbox.root)
        let stats = sandbox.root.appendingPathComponent(".claude/logs/session-stats.jsonl")
        try files.append("{\"first\":true}", to: stats)  // no newline: the next append supplies it
        var before = stat()
        lstat(stats.path, &before)
        let count = 400
        // A real second process appending to the same file at the same time (as a second session would).
        let other = Task.detached {
            try ProcessRunner.run(
                ["bash", "-c", "for i in $(seq 1 \(count)); do echo \"{\\\"other\\\":$i}\" >> '\(stats.path)'; done"],
                timeout: .seconds(60)
            )
        }
        for index in 1...count { try files.append("{\"mine\":\(index)}\n", to: stats) }
        #expect(try await other.value.succeeded)
        var after = stat()
        lstat(stats.path, &after)
        #expect(after.st_ino == before.st_ino, "append replaced the file instead of appending to it")
        let lines = String(decoding: try #require(try files.read(stats)), as: UTF8.self).split(separator: "\n").map(
            String.init
        )
        #expect(lines.count == 1 + 2 * count)
        #expect(lines.first == "{\"first\":true}")
        for index in 1...count {
            #expect(
                lines.contains("{\"mine\":\(index)}") && lines.contains("{\"other\":\(index)}"),
                "line \(index) lost"
            )
        }
    }
}
