import Foundation
import Testing

@testable import Completion

/// Step 5 end to end on a real repository with a bare remote: secrets never reach a commit, near-misses do.
@Suite("Git secret guard, end to end")
struct GitSecretGuardIntegrationTests {
    @Test("secret fixtures (one per family) stay out of the commit and the remote; near-misses are committed")
    func secretsNeverCommitted() async throws {
        let repo = try GitTestRepository()
        for (index, fixture) in GitSecretFixtures.secrets.enumerated() {
            try repo.write("src/leak-\(index)-\(fixture.family).txt", "// config\n" + fixture.text)
        }
        for (index, text) in GitSecretFixtures.nearMisses.enumerated() {
            try repo.write("src/fine-\(index).txt", text)
        }
        let byName = [
            ".env", "config/.env.production", "certs/server.pem", "deploy/app.key", "home/id_rsa", "home/id_ed25519",
            "keystore.p12", "credentials-prod.json", ".claude/settings.local.json",
        ]
        for path in byName { try repo.write(path, "not scanned, held back by name\n") }
        let samples = [".env.example", "home/id_rsa.pub"]
        for path in samples { try repo.write(path, "SAMPLE=1\n") }

        let run = await repo.complete()

        #expect(run.gitOutcome == .done)
        #expect(repo.headSubject.hasPrefix("Session: "))
        #expect(repo.remoteHead == repo.head, "the session commit is pushed")
        let history = try repo.git(["log", "--all", "-p", "--format=%H"])
        for fixture in GitSecretFixtures.secrets {
            let secretLine =
                fixture.text.split(separator: "\n").first { $0.count > 12 }.map(String.init) ?? fixture.text
            #expect(!history.contains(secretLine), "secret reached a commit: \(secretLine)")
        }
        let committed = repo.committedPaths
        for index in GitSecretFixtures.secrets.indices {
            #expect(!committed.contains { $0.hasPrefix("src/leak-\(index)-") })
        }
        for index in GitSecretFixtures.nearMisses.indices { #expect(committed.contains("src/fine-\(index).txt")) }
        for path in byName { #expect(!committed.contains(path), "\(path) committed") }
        for path in samples { #expect(committed.contains(path), "\(path) held back") }

        // Held back files are named with their reason, untouched on disk, and the only changes left.
        // `init` makes git ignore the personal `.claude/settings.local.json`, so it is not a change left over.
        let leftOver = Set(repo.statusLines.map { String($0.dropFirst(3)) })
        let heldBack = Set(
            GitSecretFixtures.secrets.indices.map { "src/leak-\($0)-\(GitSecretFixtures.secrets[$0].family).txt" }
                + byName.filter { $0 != Project.localSettingsPath }
        )
        #expect(leftOver == heldBack)
        for (index, fixture) in GitSecretFixtures.secrets.enumerated() {
            #expect(repo.read("src/leak-\(index)-\(fixture.family).txt") == Data(("// config\n" + fixture.text).utf8))
        }
        #expect(run.finalSummary.contains("Held back from the commit"))
        #expect(
            run.finalSummary.contains("`src/leak-2-aws-access-key.txt`: secret by content (AWS access key, line 2)")
        )
        #expect(run.warnings.contains { $0.contains("certs/server.pem") && $0.contains("secret by name") })
        let body = try repo.git(["log", "-1", "--format=%b"])
        #expect(
            body.contains("src/fine-0.txt") && !body.contains("certs/server.pem") && !body.contains("leak-"),
            "the body lists only committed files"
        )
    }

    @Test("git.allow lets a false positive through; git.exclude and stage: paths hold files back with the reason")
    func policy() async throws {
        let repo = try GitTestRepository()
        try repo.write("tests/fixtures/fake-token.txt", "ghp_" + GitSecretFixtures.body36 + "\n")
        try repo.write("notes/scratch.log", "debug\n")
        try repo.write("src/main.swift", "print(1)\n")
        let run = await repo.complete(
            repo.configuration {
                $0.git.allow = ["tests/fixtures/"]
                $0.git.exclude = ["*.log"]
            }
        )
        #expect(run.gitOutcome == .done)
        #expect(repo.committedPaths.isSuperset(of: ["tests/fixtures/fake-token.txt", "src/main.swift"]))
        #expect(!repo.committedPaths.contains("notes/scratch.log"))
        #expect(run.finalSummary.contains("`notes/scratch.log`: excluded by git.exclude (`*.log`)"))

        try repo.write("src/other.swift", "print(2)\n")
        try repo.write("docs/guide.md", "# Guide\n")
        let second = await repo.complete(
            repo.configuration {
                $0.git.stage = .paths
                $0.git.paths = ["docs/", ".claude/"]
                $0.git.exclude = ["*.log"]
            }
        )
        #expect(second.gitOutcome == .done)
        #expect(repo.committedPaths.contains("docs/guide.md"))
        #expect(!repo.committedPaths.contains("src/other.swift"))
        #expect(second.warnings.contains { $0.contains("src/other.swift") && $0.contains("not in git.paths") })
    }

    @Test("a file with a non-UTF-8 name and one with spaces are committed; a 50 MB file is held back by size")
    func awkwardFiles() async throws {
        let repo = try GitTestRepository()
        let rawName: [UInt8] = Array("data/caf".utf8) + [0xE9] + Array(".txt".utf8)
        try FileManager.default.createDirectory(at: repo.url("data"), withIntermediateDirectories: true)
        let fd = (Array(repo.root.path.utf8) + [UInt8(ascii: "/")] + rawName + [0]).withUnsafeBufferPointer {
            $0.baseAddress!.withMemoryRebound(to: CChar.self, capacity: $0.count) {
                open($0, O_WRONLY | O_CREAT, 0o644)
            }
        }
        #expect(fd >= 0)
        _ = "latin-1 name\n".withCString { write(fd, $0, 13) }
        close(fd)
        try repo.write("my notes/meeting notes.md", "# Notes\n")
        let big = repo.url("assets/video.bin")
        try FileManager.default.createDirectory(at: big.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 50 << 20)
        try handle.close()

        let run = await repo.complete()

        #expect(run.gitOutcome == .done)
        let tree = try repo.gitData(["ls-tree", "-r", "-z", "--name-only", "HEAD"])
        let names = tree.split(separator: 0).map { Array($0) }
        #expect(names.contains(rawName))
        #expect(repo.committedPaths.contains("my notes/meeting notes.md"))
        #expect(!repo.committedPaths.contains("assets/video.bin"))
        #expect(run.warnings.contains { $0.contains("assets/video.bin") && $0.contains("50.0 MB > 10 MB") })
        #expect((try? FileManager.default.attributesOfItem(atPath: big.path)[.size] as? Int) == 50 << 20)
        #expect(repo.statusLines == ["?? assets/video.bin"])
    }
}
