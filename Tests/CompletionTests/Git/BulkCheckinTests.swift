import Foundation
import Testing

@testable import Completion

/// A large session's blobs go into one pack that git finishes when staging ends, instead of a loose file each; a
/// small session's stay loose, and so does everything an older git would split into a pack per blob. On real
/// repositories with a bare remote.
@Suite("A large session's files hashed into one pack")
struct BulkCheckinTests {
    static func writeFiles(_ count: Int, into repo: GitTestRepository) throws {
        for n in 0..<count {
            try repo.write("src/f\(n).swift", "let value\(n) = \(n) // \(String(repeating: "v", count: n % 40))\n")
        }
    }

    /// `git status` entries for the files `writeFiles` wrote, as new files.
    static func untracked(_ count: Int) -> [StatusEntry] {
        (0..<count).map { StreamedStagingTests.entry("src/f\($0).swift") }
    }

    static func packs(_ repo: GitTestRepository) throws -> Set<String> {
        let folder = repo.url(".git/objects/pack")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return Set(names.filter { $0.hasSuffix(".pack") })
    }

    /// The files among `count` whose blob git wrote as a loose object.
    static func looseBlobs(_ count: Int, in repo: GitTestRepository, at revision: String = "HEAD") throws -> Int {
        try (0..<count).filter { n in
            let blob = try repo.git(["rev-parse", "\(revision):src/f\(n).swift"])
            let loose = repo.url(".git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))")
            return FileManager.default.fileExists(atPath: loose.path)
        }.count
    }

    @Test("git's version line is read as git prints it on each platform; any other line is no version")
    func versionLines() {
        #expect(GitVersion(versionOutput: "git version 2.39.5\n") == GitVersion(major: 2, minor: 39))
        #expect(GitVersion(versionOutput: "git version 2.39.3 (Apple Git-145)") == GitVersion(major: 2, minor: 39))
        #expect(GitVersion(versionOutput: "git version 2.44.0.windows.1") == GitVersion(major: 2, minor: 44))
        for line in ["", "git version", "git version 2", "git version two.x", "hub version 2.40.0", "git version .37"] {
            #expect(GitVersion(versionOutput: line) == nil, "\(line)")
        }
        #expect(GitVersion(versionOutput: String(decoding: [0x67, 0xFF, 0x00, 0x32], as: UTF8.self)) == nil)
        #expect(GitVersion(major: 2, minor: 36) < BulkCheckin.minimumVersion)
        #expect(GitVersion(major: 2, minor: 9) < BulkCheckin.minimumVersion)
        #expect(GitVersion(major: 3, minor: 0) > BulkCheckin.minimumVersion)
    }

    @Test("a session of many files is committed from one new pack and reaches the remote intact")
    func largeSessionPacks() async throws {
        let repo = try GitTestRepository()
        let count = BulkCheckin.minimumPaths + 20
        try Self.writeFiles(count, into: repo)
        let before = try Self.packs(repo)
        let run = await repo.complete(push: .always)
        #expect(run.gitOutcome == .done, "\(run.warnings)")
        #expect(run.gitProgress.contains { $0.contains("were hashed while the earlier steps ran") })
        let added = try Self.packs(repo).subtracting(before)
        #expect(added.count == 1, "one pack for the session's blobs: \(added)")
        #expect(try Self.looseBlobs(count, in: repo) == 0)
        #expect(repo.remoteHead == repo.head)
        try repo.git(["--git-dir", repo.remote.path, "fsck", "--strict", "--no-dangling"], in: repo.folder.url)
        let clone = repo.folder.url.appendingPathComponent("clone")
        try repo.git(["clone", "--quiet", repo.remote.path, clone.path], in: repo.folder.url)
        for n in [0, count / 2, count - 1] {
            let pushed = FileManager.default.contents(atPath: clone.appendingPathComponent("src/f\(n).swift").path)
            #expect(pushed == repo.read("src/f\(n).swift"))
        }
        #expect(repo.statusLines.isEmpty, "\(repo.statusLines)")
    }

    @Test("a small session's blobs stay loose: no pack for a handful of files")
    func smallSessionStaysLoose() async throws {
        let repo = try GitTestRepository()
        let count = 12
        try Self.writeFiles(count, into: repo)
        let before = try Self.packs(repo)
        let run = await repo.complete(push: .always)
        #expect(run.gitOutcome == .done, "\(run.warnings)")
        #expect(try Self.packs(repo) == before)
        #expect(try Self.looseBlobs(count, in: repo) == count)
        #expect(repo.remoteHead == repo.head)
    }

    @Test("step 5 staging on its own packs a large staging, but not the few files left after the early hashing")
    func reconciledStagingPacksOnlyWhenAskedTo() throws {
        for mayPack in [true, false] {
            let repo = try GitTestRepository()
            let count = BulkCheckin.minimumPaths
            try Self.writeFiles(count, into: repo)
            let entries = Self.untracked(count)
            let before = try Self.packs(repo)
            let repository = GitRepository(root: repo.root, environment: repo.environment)
            let report = try ReconciledStaging(repo: repository, mayPack: mayPack).stage(entries)
            #expect(report.failure == nil && report.missing.isEmpty)
            #expect(report.staged.count == count)
            #expect(try Self.packs(repo).subtracting(before).count == (mayPack ? 1 : 0))
            #expect(try Self.looseBlobs(count, in: repo, at: "") == (mayPack ? 0 : count))
        }
    }

    /// git before 2.37 does not wrap `update-index`'s input in one transaction and would write a pack per blob.
    /// No such git exists on this machine, so a wrapper on the PATH answers `git version` as 2.34 does and hands
    /// every other command to the real git: the only stand-in in this suite.
    @Test("an older git gets no pack option, so it never writes a pack per blob")
    func olderGitStaysLoose() throws {
        let repo = try GitTestRepository()
        let realGit = try #require(ExecutableLocator.find("git", path: repo.environment["PATH"]))
        let bin = repo.folder.url.appendingPathComponent("old-git-bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let wrapper = bin.appendingPathComponent("git")
        let script = """
            #!/bin/sh
            if [ "$1" = version ]; then echo "git version 2.34.1"; exit 0; fi
            exec \(realGit) "$@"

            """
        try Data(script.utf8).write(to: wrapper)
        chmod(wrapper.path, 0o755)
        var environment = repo.environment
        environment["PATH"] = "\(bin.path):\(environment["PATH"] ?? "/usr/bin:/bin")"
        #expect(GitVersion.installed(environment: environment) == GitVersion(major: 2, minor: 34))
        #expect(BulkCheckin.options(pathCount: 5_000, environment: environment).isEmpty)
        #expect(!BulkCheckin.options(pathCount: 5_000, environment: repo.environment).isEmpty)

        let count = BulkCheckin.minimumPaths + 5
        try Self.writeFiles(count, into: repo)
        let entries = Self.untracked(count)
        let before = try Self.packs(repo)
        let report = try ReconciledStaging(
            repo: GitRepository(root: repo.root, environment: environment),
            mayPack: true
        )
        .stage(entries)
        #expect(report.staged.count == count)
        #expect(try Self.packs(repo) == before)
        #expect(try Self.looseBlobs(count, in: repo, at: "") == count)
    }
}
