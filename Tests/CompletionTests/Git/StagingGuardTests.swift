import Foundation
import Testing

@testable import Completion

@Suite("Git staging guard (unit)")
struct GitStagingGuardTests {
    static func entry(_ path: String, _ x: Character = "?", _ y: Character = "?") -> StatusEntry {
        StatusEntry(index: x, worktree: y, rawPath: Array(path.utf8), rawOriginalPath: nil)
    }

    @Test("secret names are held back; samples, public keys and ordinary files pass")
    func names() {
        let held = [
            ".env", ".env.local", "config/.env.production", "prod.env", "a/b/server.pem", "tls.key", "id_rsa",
            "keys/id_ed25519",
            "cert.p12", "store.jks", "credentials.json", "credentials-prod.json", ".claude/settings.local.json",
            ".netrc", ".git-credentials",
        ]
        let pass = [
            ".env.example", ".env.sample", ".env.template", "id_rsa.pub", "keyboard.swift", "docs/keys.md",
            "credentials.md",
            ".claude/settings.json", "environment.swift", "src/envoy.c",
        ]
        for path in held { #expect(SecretNames.reason(forPath: path) != nil, "\(path) passed") }
        for path in pass { #expect(SecretNames.reason(forPath: path) == nil, "\(path) held") }
    }

    @Test("tool-owned paths are ignored, deletions are staged, exclusions and stage: paths hold back with reasons")
    func policy() {
        var settings = GitSettings()
        settings.exclude = ["*.log", "build/"]
        let entries = [
            Self.entry(".claude/logs/x.log"), Self.entry(".claude/state/temp/a"), Self.entry("app.log"),
            Self.entry("build/out.o"), Self.entry("src/a.swift", " ", "M"), Self.entry(".env", " ", "D"),
        ]
        let decision = StagingGuard(settings: settings).decide(entries + [Self.entry("vendor/nested-repo/")])
        #expect(decision.heldBackEntries.last?.path == "vendor/nested-repo/")
        #expect(decision.heldBack.last?.reason.contains("git repository inside this one") == true)
        #expect(decision.ignored.map(\.path) == [".claude/logs/x.log", ".claude/state/temp/a"])
        #expect(
            decision.stage.map(\.path) == ["src/a.swift", ".env"],
            "a deleted .env is staged: removing a secret is fine"
        )
        #expect(
            Array(decision.heldBack.prefix(2)) == [
                HeldBackFile(path: "app.log", reason: "excluded by git.exclude (`*.log`)"),
                HeldBackFile(path: "build/out.o", reason: "excluded by git.exclude (`build/`)"),
            ]
        )
        settings.stage = .paths
        settings.paths = ["src/**"]
        let paths = StagingGuard(settings: settings).decide([Self.entry("src/deep/a.swift"), Self.entry("README.md")])
        #expect(paths.stage.map(\.path) == ["src/deep/a.swift"])
        #expect(paths.heldBack.first?.reason == "not in git.paths (stage: paths)")
    }

    @Test("content and size checks read the files; allow-listed files skip the content check but not the size limit")
    func contentAndSize() throws {
        let folder = try GitTestFolder()
        func put(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: folder.url.appendingPathComponent(name))
        }
        try put("leak.txt", "x\n" + GitSecretFixtures.secrets[2].text)
        try put("allowed.txt", GitSecretFixtures.secrets[2].text)
        try put("fine.txt", "hello\n")
        try Data(count: 2 << 20).write(to: folder.url.appendingPathComponent("big.bin"))
        var settings = GitSettings()
        settings.allow = ["allowed.txt", "big.bin"]
        settings.maxFileSizeMB = 1
        let decision = StagingGuard(settings: settings, root: folder.url)
            .decide(["leak.txt", "allowed.txt", "fine.txt", "big.bin", "vanished.txt"].map { Self.entry($0) })
        #expect(decision.stage.map(\.path) == ["allowed.txt", "fine.txt", "vanished.txt"])
        #expect(decision.heldBack.map(\.path) == ["leak.txt", "big.bin"])
        #expect(decision.heldBack[0].reason.hasPrefix("secret by content (AWS access key, line 2)"))
        #expect(decision.heldBack[1].reason.hasPrefix("larger than the size limit (2.0 MB > 1 MB"))
    }

    @Test("globs: names anywhere, paths from the root, folders, **/ and non-UTF-8 bytes")
    func globs() {
        #expect(PathGlob("*.log").matches(Array("a/b/c.log".utf8)))
        #expect(!PathGlob("docs/*.md").matches(Array("src/docs/a.md".utf8)))
        #expect(PathGlob("docs/*.md").matches(Array("docs/a.md".utf8)))
        #expect(PathGlob("vendor/").matches(Array("vendor/x/y".utf8)))
        #expect(!PathGlob("vendor/").matches(Array("vendored/x".utf8)))
        #expect(PathGlob("**/fixtures/*").matches(Array("fixtures/a".utf8)))
        #expect(PathGlob("./README.md").matches(Array("README.md".utf8)))
        #expect(PathGlob("caf*").matches([0x63, 0x61, 0x66, 0xE9]))
        #expect(!PathGlob("").matches(Array("x".utf8)))
    }

    @Test(
        "porcelain v2: branch facts, renames, unmerged, spaces in names; malformed and truncated input does not crash"
    )
    func statusParsing() {
        var text = "# branch.oid 1234abcd\0# branch.head main\0# branch.upstream origin/main\0# branch.ab +2 -1\0"
        text += "1 .M N... 100644 100644 100644 aaa bbb my file.txt\0"
        text += "2 R. N... 100644 100644 100644 aaa bbb R100 new name.txt\0old name.txt\0"
        text += "u UU N... 100644 100644 100644 100644 aaa bbb ccc conflict.txt\0"
        text += "? untracked dir/file.txt\0"
        let snapshot = StatusSnapshot.parse(porcelainV2Z: Data(text.utf8))
        #expect(snapshot.head == "1234abcd" && snapshot.branch == "main" && snapshot.upstream == "origin/main")
        #expect(snapshot.ahead == 2 && snapshot.behind == 1)
        #expect(
            snapshot.entries.map(\.path) == ["my file.txt", "new name.txt", "conflict.txt", "untracked dir/file.txt"]
        )
        #expect(
            snapshot.entries[1].rawOriginalPath == Array("old name.txt".utf8) && snapshot.entries[1].change == .renamed
        )
        #expect(snapshot.unmerged.map(\.path) == ["conflict.txt"])
        let detached = StatusSnapshot.parse(
            porcelainV2Z: Data("# branch.oid (initial)\0# branch.head (detached)\0".utf8)
        )
        #expect(detached.head == nil && detached.branch == nil)
        for garbage in [
            "1", "1 .M", "2 R. N... 1 2 3 a b R100 only\0", "u UU", "# branch.ab", "?", "\0\0\0",
            String(repeating: "1 ", count: 10_000),
        ] {
            _ = StatusSnapshot.parse(porcelainV2Z: Data(garbage.utf8))
        }
        #expect(StatusSnapshot.parse(porcelainV2Z: Data([0xFF, 0x20, 0x00])).entries.isEmpty)
    }

    @Test("push failures are classified with the command to run")
    func pushFailures() {
        let hook = PushFailure.classify(
            stderr: "remote: frozen\nTo x\n ! [remote rejected] main -> main (pre-receive hook declined)\n",
            timedOut: false,
            branch: "main"
        )
        #expect(hook.reason == "rejected by the remote (server hook: frozen)")
        #expect(
            PushFailure.classify(stderr: " ! [rejected] main -> main (fetch first)", timedOut: false, branch: "main")
                .command == "git pull --rebase && git push"
        )
        #expect(
            PushFailure.classify(
                stderr: "fatal: unable to access 'https://x/': Could not resolve host: x",
                timedOut: false,
                branch: "main"
            ).reason.contains("offline")
        )
        #expect(PushFailure.classify(stderr: "", timedOut: true, branch: "main").reason.contains("timed out"))
        #expect(
            PushFailure.classify(stderr: "weird\u{1B}[31m error", timedOut: false, branch: "main").reason
                == "push failed (weird[31m error)"
        )
    }

    @Test(
        "cross-project tracker: the latest session's paths; malformed, hostile and huge files are reported, never trusted"
    )
    func crossProject() throws {
        let good =
            #"{"sessions": {"a": {"lastActivity": "2026-01-01", "projects": {"x": {"path": "/old"}}}, "b": {"lastActivity": "2026-11-25", "projects": {"y": {"path": "~/Code/y"}, "z": {"commits": []}}}}}"#
        #expect(try CrossProjectCommits.paths(from: Data(good.utf8)).get() == ["~/Code/y"])
        #expect(try CrossProjectCommits.paths(from: Data("{}".utf8)).get() == [])
        for bad in ["{", "[1,2]", "{\"sessions\": 3}", "\u{0}"] {
            if case .success = CrossProjectCommits.paths(from: Data(bad.utf8)) { Issue.record("accepted \(bad)") }
        }
        let nested = String(repeating: "[", count: 100_000)
        if case .success = CrossProjectCommits.paths(from: Data(nested.utf8)) { Issue.record("accepted deep nesting") }
        if case .success = CrossProjectCommits.paths(from: Data(count: 17 << 20)) { Issue.record("read a huge file") }
    }

    @Test("a malformed pending-push record is reported and ignored")
    func pendingStore() throws {
        let folder = try GitTestFolder()
        let store = PendingPushStore(project: Project(root: folder.url))
        #expect(store.load().records.isEmpty && store.load().warning == nil)
        try AtomicFile.write("{\"pending\": [{\"branch\": 1}]}", to: store.file)
        #expect(store.load().records.isEmpty)
        #expect(store.load().warning?.contains("pending-push.json is not a valid pending-push record") == true)
        let record = PendingPush(
            repository: "/r",
            branch: "main",
            commit: "abc",
            reason: "offline",
            command: "git push",
            recordedAt: "t"
        )
        try store.save([record])
        #expect(store.load().records == [record])
        try store.save([])
        #expect(!FileManager.default.fileExists(atPath: store.file.path))
    }

    @Test("operations in progress are read from the git directory's marker files")
    func operations() throws {
        let folder = try GitTestFolder()
        #expect(OperationInProgress.detect(gitDirectory: folder.url) == nil)
        for (marker, expected) in [
            ("MERGE_HEAD", OperationInProgress.merge), ("CHERRY_PICK_HEAD", .cherryPick), ("REVERT_HEAD", .revert),
            ("BISECT_LOG", .bisect),
        ] {
            let url = folder.url.appendingPathComponent(marker)
            try Data().write(to: url)
            #expect(OperationInProgress.detect(gitDirectory: folder.url) == expected)
            try FileManager.default.removeItem(at: url)
        }
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("rebase-apply"),
            withIntermediateDirectories: true
        )
        #expect(OperationInProgress.detect(gitDirectory: folder.url) == .rebase)
        try Data().write(to: folder.url.appendingPathComponent("rebase-apply/applying"))
        #expect(OperationInProgress.detect(gitDirectory: folder.url) == .applyMailbox)
    }
}

@Suite("Git step outcome over several repositories (unit)")
struct GitStepOutcomeTests {
    static let primary = RepositoryTarget(root: URL(fileURLWithPath: "/p"), label: "p", isPrimary: true)
    static let lib = RepositoryTarget(root: URL(fileURLWithPath: "/lib"), label: "lib", isPrimary: false)

    @Test(
        "the project's repository decides; another repository's problem degrades; nothing to commit here but a commit there is done"
    )
    func combine() {
        #expect(GitStep.combine([(Self.primary, .done), (Self.lib, GitStep.nothingToCommit)]) == .done)
        #expect(GitStep.combine([(Self.primary, GitStep.nothingToCommit), (Self.lib, .done)]) == .done)
        #expect(GitStep.combine([(Self.primary, .done), (Self.lib, .failed("x"))]) == .degraded("lib: x"))
        #expect(GitStep.combine([(Self.primary, .failed("hook")), (Self.lib, .failed("x"))]) == .failed("hook"))
        #expect(
            GitStep.combine([(Self.primary, .degraded("no upstream")), (Self.lib, .skipped("a merge is in progress"))])
                == .degraded("no upstream; lib: a merge is in progress")
        )
    }
}
