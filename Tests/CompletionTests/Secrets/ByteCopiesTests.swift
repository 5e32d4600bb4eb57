import Foundation
import Testing

@testable import Completion

/// Two files keep outside text as it was, unredacted: the zstd copy of the transcript and the rollback backups of
/// the files a run rewrote. Both stay on the user's disk: git ignores them, the session commit never holds them,
/// and no push publishes them, even after the user stages them by hand.
@Suite("Byte copies stay local")
struct ByteCopiesTests {
    /// The project-relative paths of the transcript copies and the rollback backups.
    static func byteCopies(in root: URL) -> [String] {
        var found: [String] = []
        for folder in [".claude/archives/sessions", ".claude/state/jarvis-tui/backup"] {
            let base = root.appendingPathComponent(folder)
            let walker = FileManager.default.enumerator(atPath: base.path)
            while let path = walker?.nextObject() as? String {
                var isFolder: ObjCBool = false
                FileManager.default.fileExists(atPath: base.appendingPathComponent(path).path, isDirectory: &isFolder)
                if !isFolder.boolValue && (folder.hasSuffix("backup") || path.hasSuffix(".jsonl.zst")) {
                    found.append(folder + "/" + path)
                }
            }
        }
        return found.sorted()
    }

    @Test func theTranscriptCopyAndTheBackupsAreIgnoredAndNeverPushed() throws {
        let fixture = try PlantedProject.make(secretInCommitSubject: false)
        defer { fixture.base.remove() }
        let first = try fixture.run(["--plain"])
        #expect(first.status == 0, "\(first.output.suffix(1500))\(first.errorOutput)")
        let copies = Self.byteCopies(in: fixture.root)
        #expect(copies.contains { $0.hasSuffix(".jsonl.zst") }, "no transcript copy: \(copies)")
        #expect(copies.contains { $0.contains("/backup/") }, "no rollback backup: \(copies)")
        // Unredacted, so readable by their owner only.
        for copy in copies {
            var info = stat()
            #expect(stat(fixture.root.appendingPathComponent(copy).path, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o600, "\(copy) has mode \(String(info.st_mode & 0o777, radix: 8))")
        }
        let ignored = try ProcessRunner.run(["git", "check-ignore", "--no-index"] + copies, in: fixture.root)
        #expect(ignored.output.split(separator: "\n").count == copies.count, "not ignored: \(ignored.output)")

        // Staged by hand, as a user might before ending the session: the next run still publishes none of them.
        try fixture.base.git(["add", "-f", "--"] + copies)
        try fixture.base.write("src/more.py", "x = 2\n")
        let second = try fixture.run(["--plain"])
        #expect(second.status == 0, "\(second.output.suffix(1500))\(second.errorOutput)")
        let published = try fixture.base.git(["ls-tree", "-r", "--name-only", "main"], in: fixture.base.remote)
        #expect(published.contains("src/more.py"), "the session's work was not pushed: \(published)")
        for copy in copies { #expect(!published.contains(copy), "\(copy) reached the remote") }
        let staged = try fixture.base.git(["diff", "--cached", "--name-only"])
        #expect(staged.isEmpty, "left staged for the next commit: \(staged)")
        #expect(second.output.contains("transcript copy or rollback backup file(s)"), "\(second.output)")
    }
}
