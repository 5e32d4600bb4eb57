import Foundation
import Testing

@testable import Completion

/// A repository can commit symlinks (`git add -f`) where the tool keeps its own files. Whoever clones it and ends
/// a session there runs the real binary on those links: nothing outside the clone may change, the run names the
/// refused path, and everything else (the session commit, the push) still happens.
@Suite("Clone attack")
struct CloneAttackTests {
    @Test func aCommittedBackupLinkToTheParentFolderDeletesNoSiblingProject() throws {
        let attack = try ClonedAttack.make { repo in
            try repo.link(".claude/state/jarvis-tui/backup", to: "../../../..")
        }
        defer { attack.remove() }
        let before = attack.victimsSnapshot()
        // Two runs: the second has a backup to keep and more entries to prune than the first.
        for round in 1...2 {
            try attack.write("src/work\(round).py", "x = \(round)\n")
            let result = try JarvisBinary.run(["--plain", "--yes", "--cycles", "none"], in: attack.clone)
            #expect(result.status == 0, "\(result.output)\n\(result.errorOutput)")
            #expect(
                result.output.contains("refused .claude/state/jarvis-tui/backup: it is a symlink (to ../../../..)"),
                "\(result.output)"
            )
            #expect(!result.output.contains(" 0 warnings"), "\(result.output)")
            #expect(attack.victimsSnapshot() == before, "a folder beside the clone changed in round \(round)")
            #expect(try attack.git(["log", "-1", "--format=%s"]).hasPrefix("Session: "), "the session commit is made")
            #expect(try attack.git(["status", "--porcelain", "--", "src"]).isEmpty)
        }
        #expect(
            try attack.git(["rev-parse", "HEAD"]) == attack.git(["rev-parse", "origin/main"]),
            "the commit is pushed"
        )
        #expect(PathSafety.isSymlink(attack.clone.appendingPathComponent(".claude/state/jarvis-tui/backup")))
    }

    @Test func aSessionStateLinkedToAnOutsideFileIsNeitherReadNorCommittedNorPushed() throws {
        let marker = "OUTSIDE-NOTES-7f3a9c-never-publish"
        let attack = try ClonedAttack.make { repo in
            try repo.link(".claude/context/session-state.md", to: "../../../victim-1/notes.md")
        }
        defer { attack.remove() }
        try Data("**Next Step**: \(marker)\n".utf8).write(to: attack.parent.appendingPathComponent("victim-1/notes.md"))
        let before = attack.victimsSnapshot()
        try attack.write("src/work.py", "x = 1\n")
        let result = try JarvisBinary.run(["--plain", "--yes", "--cycles", "none"], in: attack.clone)
        #expect(result.status == 0, "\(result.output)\n\(result.errorOutput)")
        #expect(result.output.contains("refused .claude/context/session-state.md: it is a symlink"), "\(result.output)")
        #expect(!result.output.contains(marker))
        #expect(attack.victimsSnapshot() == before)
        #expect(try attack.git(["status", "--porcelain", "--", "src"]).isEmpty, "the rest is committed")
        let published = try attack.git(["log", "--all", "-p", "--format=%H %s%n%b"], in: attack.remote)
        #expect(published.contains("src/work.py"), "the session commit reached the remote")
        #expect(!published.contains(marker), "the outside file's content reached the remote")
        for file in try attack.git(["ls-files"]).split(separator: "\n") {
            let url = attack.clone.appendingPathComponent(String(file))
            guard !PathSafety.isSymlink(url), let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            #expect(!text.contains(marker), "\(file) holds the outside file's content")
        }
    }
}

/// A parent folder holding sibling "victim" projects, a bare remote, the attacker's repository pushed to it, and
/// a fresh clone of it (the project a victim ends a session in).
struct ClonedAttack {
    let parent: URL
    var remote: URL { parent.appendingPathComponent("remote.git") }
    var clone: URL { parent.appendingPathComponent("clone") }
    static let victims = (1...7).map { "victim-\($0)" }

    struct Repository {
        let root: URL
        func link(_ relative: String, to target: String) throws {
            let url = root.appendingPathComponent(relative)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
        }
    }

    static func make(plant: (Repository) throws -> Void) throws -> ClonedAttack {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent(
            "jt-clone-attack-\(UUID().uuidString.prefix(8))"
        )
        let attack = ClonedAttack(parent: parent)
        for (index, name) in victims.enumerated() {
            let folder = parent.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent("src"),
                withIntermediateDirectories: true
            )
            try Data("victim \(index)\n".utf8).write(to: folder.appendingPathComponent("src/main.c"))
            try Data("# \(name)\n".utf8).write(to: folder.appendingPathComponent("README.md"))
            // Older than anything the run makes: these are the entries a prune keeping the 5 newest deletes.
            let old = Date(timeIntervalSinceNow: -86_400 * Double(10 + index))
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: folder.path)
        }
        let source = Repository(
            root: FileManager.default.temporaryDirectory
                .appendingPathComponent("jt-clone-source-\(UUID().uuidString.prefix(8))")
        )
        defer { try? FileManager.default.removeItem(at: source.root) }
        try attack.git(["init", "--quiet", "--bare", "--initial-branch=main", attack.remote.path], in: parent)
        try attack.git(["init", "--quiet", "--initial-branch=main", source.root.path], in: parent)
        let files = [
            ("README.md", "# Useful tool\n"), ("src/app.py", "print('hi')\n"),
            (".claude/context/current-priorities.md", FixtureProject.priorities),
            (".claude/config/autonomy-config.yaml", FixtureProject.config),
        ]
        for (path, text) in files {
            let url = source.root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(text.utf8).write(to: url)
        }
        try plant(source)
        try attack.git(["add", "-f", "--all"], in: source.root)
        try attack.git(
            ["-c", "user.name=Attacker", "-c", "user.email=a@example.com", "commit", "--quiet", "-m", "Initial"],
            in: source.root
        )
        try attack.git(["push", "--quiet", attack.remote.path, "main"], in: source.root)
        try attack.git(["clone", "--quiet", attack.remote.path, attack.clone.path], in: parent)
        for (key, value) in [("user.name", "Victim"), ("user.email", "v@example.com"), ("commit.gpgsign", "false")] {
            try attack.git(["config", key, value])
        }
        return attack
    }

    func write(_ relative: String, _ text: String) throws {
        let url = clone.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Every entry beside the clone, with the bytes of every file in the victims: what must not change.
    func victimsSnapshot() -> [String: Data] {
        var result: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name != "clone" {
            result["entry " + name] = Data()
        }
        for name in Self.victims {
            for (path, data) in snapshotTree(parent.appendingPathComponent(name)) { result[name + path] = data }
        }
        return result
    }

    @discardableResult
    func git(_ arguments: [String], in directory: URL? = nil) throws -> String {
        var env = ProcessInfo.processInfo.environment
        env["GIT_TERMINAL_PROMPT"] = "0"
        let result = try ProcessRunner.run(["git"] + arguments, in: directory ?? clone, environment: env)
        guard result.succeeded else {
            throw GitError(command: "git " + arguments.joined(separator: " "), output: result.errorOutput)
        }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func remove() { try? FileManager.default.removeItem(at: parent) }
}
