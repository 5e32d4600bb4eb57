import Foundation
import Testing

@testable import Completion

/// A push publishes every commit the remote does not have yet, not only the session commit the guard just
/// checked: those commits are scanned first, and a held-back file the user had staged is unstaged. Real git,
/// a real bare remote, the engine in-process.
@Suite("Push scan and unstaging of held-back files")
struct PushScanTests {
    static let stripe = "sk_live_LYrvadWwbDVrEOdUmtqeVT6FbNKHRizF"
    static let gitHub = "ghp_HAZt9xslXTTIQrh6bpy0VAq3GZuO2R8UziJd"

    @Test("a commit made before the run that adds a secret is not pushed; the warning names the commit and the file")
    func earlierCommitWithASecretIsNotPushed() async throws {
        let repo = try GitTestRepository()
        try repo.write("src/pay.py", "import stripe\n\nstripe.api_key = \"\(Self.stripe)\"\n")
        try repo.git(["add", "src/pay.py"])
        try repo.git(["commit", "--quiet", "-m", "Add payments"])
        let agentCommit = repo.head
        try repo.write("notes.txt", "the session's own change\n")
        let remoteBefore = repo.remoteHead

        let run = await repo.complete(push: .always)
        #expect(repo.remoteHead == remoteBefore, "nothing may reach the remote")
        #expect(repo.headSubject.hasPrefix("Session: "), "the session commit is still made")
        #expect(try repo.git(["cat-file", "-t", agentCommit]) == "commit", "the commit itself stays")
        let short = String(agentCommit.prefix(7))
        let expected = "push pending: commit \(short) adds a Stripe key in src/pay.py (line 3)"
        #expect(
            run.warnings.contains { $0.hasPrefix(expected) && $0.contains("git rebase -i \(short)^") },
            "\(run.warnings)"
        )
        #expect(run.gitOutcome == .degraded(expected), "\(String(describing: run.gitOutcome))")
        #expect(run.finalSummary.contains("**Push pending**: commit \(short) adds a Stripe key in src/pay.py (line 3)"))
        #expect(PendingPushStore(project: repo.project).load().records.map(\.commit) == [repo.head])
        for event in run.warnings + [run.finalSummary] { #expect(!event.contains(Self.stripe)) }

        // Taken out of history, the next run pushes everything.
        try repo.git([
            "rebase", "--quiet", "--exec",
            "sed -i 's/sk_live_[A-Za-z0-9]*/REMOVED/' src/pay.py"
                + " && git commit --quiet --amend --no-edit -a", remoteBefore,
        ])
        try repo.write("more.txt", "more\n")
        let second = await repo.complete(push: .always)
        #expect(repo.remoteHead == repo.head, "\(second.warnings)")
    }

    @Test("a commit whose message holds a secret is not pushed, and the warning does not repeat the secret")
    func secretInACommitMessageIsNotPushed() async throws {
        let repo = try GitTestRepository()
        try repo.write("ci.yml", "steps: []\n")
        try repo.git(["add", "ci.yml"])
        try repo.git(["commit", "--quiet", "-m", "Use token \(Self.gitHub) in CI"])
        let agentCommit = repo.head
        try repo.write("notes.txt", "x\n")
        let remoteBefore = repo.remoteHead

        let run = await repo.complete(push: .always)
        #expect(repo.remoteHead == remoteBefore)
        let expected = "push pending: commit \(agentCommit.prefix(7)) has a GitHub token in its message"
        #expect(run.warnings.contains { $0.hasPrefix(expected) }, "\(run.warnings)")
        // The session commit's message lists the earlier commit's subject as an accomplishment, redacted.
        let message = try repo.git(["log", "-1", "--format=%B"])
        #expect(message.contains("Use token [REDACTED:github-token] in CI"), "\(message)")
        for text in run.warnings + run.gitProgress + [run.finalSummary, message] {
            #expect(!text.contains(Self.gitHub))
        }
    }

    @Test("clean earlier commits are pushed with the session commit; a path in git.allow is not scanned")
    func cleanAndAllowedCommitsArePushed() async throws {
        let repo = try GitTestRepository()
        try repo.write("src/app.py", "print('hello')\n")
        try repo.git(["add", "src/app.py"])
        try repo.git(["commit", "--quiet", "-m", "Say hello"])
        try repo.write("fixtures/fake.py", "KEY = \"\(Self.stripe)\"\n")
        try repo.git(["add", "fixtures/fake.py"])
        try repo.git(["commit", "--quiet", "-m", "Add a fixture"])
        try repo.write("notes.txt", "x\n")
        let run = await repo.complete(repo.configuration { $0.git.allow = ["fixtures/*"] }, push: .always)
        #expect(repo.remoteHead == repo.head, "\(run.warnings)")
        #expect(run.gitOutcome == .done)
    }

    @Test("a test-mode key only warns in the guard: a commit adding one is pushed")
    func testModeKeyDoesNotHoldThePush() async throws {
        let repo = try GitTestRepository()
        try repo.write("tests/stripe_test.py", "KEY = \"sk_test_4eC39HqLyjWDarjtT1zdp7dcXk2mQ9\"\n")
        try repo.git(["add", "tests/stripe_test.py"])
        try repo.git(["commit", "--quiet", "-m", "Stripe test fixture"])
        try repo.write("notes.txt", "x\n")
        let run = await repo.complete(push: .always)
        #expect(repo.remoteHead == repo.head, "\(run.warnings)")
    }

    @Test("without an upstream the secret, not the missing upstream, is what the warning reports")
    func noUpstreamStillReportsTheSecret() async throws {
        let repo = try GitTestRepository()
        try repo.git(["checkout", "--quiet", "-b", "feature/pay"])
        try repo.write("pay.py", "TOKEN = '\(Self.gitHub)'\n")
        try repo.git(["add", "pay.py"])
        try repo.git(["commit", "--quiet", "-m", "Wire payments"])
        try repo.write("notes.txt", "x\n")
        let run = await repo.complete(push: .always)
        #expect(run.warnings.contains { $0.contains("adds a GitHub token in pay.py (line 1)") }, "\(run.warnings)")
    }

    @Test("the scan reads file names git quotes, reports the line in the file, and stops at its size cap")
    func scannerDetails() throws {
        let repo = try GitTestRepository()
        let base = repo.head
        let name = "odd \"name\"\tné.txt"
        try repo.write(name, "one\ntwo\nkey: \(Self.gitHub)\n")
        try repo.git(["add", "--all"])
        try repo.git(["commit", "--quiet", "-m", "Odd name"])
        let git = GitRepository(root: repo.root, environment: repo.environment)
        let scan = PushScan(repo: git, allow: [])
        let result = scan.scan(tip: "HEAD", excluding: [base])
        #expect(result == .secret(PushScan.Finding(commit: repo.head, path: name, family: .gitHubToken, line: 3)))

        try repo.write("big.txt", String(repeating: "plain text line\n", count: 2_000))
        try repo.git(["add", "big.txt"])
        try repo.git(["commit", "--quiet", "-m", "Big"])
        var small = PushScan(repo: git, allow: [])
        small.byteLimit = 4_096
        #expect(small.scan(tip: "HEAD", excluding: ["HEAD~1"]) == .tooLarge(limit: 4_096))
        #expect(scan.scan(tip: "HEAD", excluding: ["HEAD~1"]) == .clean)
        #expect(scan.scan(tip: "no-such-revision", excluding: [base]).isFailure)
    }

    @Test("a secret the user had staged is unstaged; the file on disk is unchanged and the warning says so")
    func stagedSecretIsUnstaged() async throws {
        let repo = try GitTestRepository()
        try repo.write("config.py", "DEBUG = True\n")
        try repo.git(["add", "config.py"])
        try repo.git(["commit", "--quiet", "-m", "Config"])
        try repo.git(["push", "--quiet"])
        let env = "STRIPE_KEY=\(Self.stripe)\n"
        try repo.write(".env", env)
        let config = "DEBUG = True\nstripe_key = \"\(Self.stripe)\"\n"
        try repo.write("config.py", config)
        try repo.git(["add", "--force", ".env", "config.py"])
        try repo.write("notes.txt", "the session's own change\n")

        let run = await repo.complete(push: .always)
        #expect(repo.headSubject.hasPrefix("Session: "))
        #expect(!repo.committedPaths.contains(".env") && repo.committedPaths.contains("notes.txt"))
        let cached = try repo.git(["diff", "--cached"])
        #expect(cached.isEmpty, "still staged: \(cached)")
        #expect(String(decoding: repo.read(".env") ?? Data(), as: UTF8.self) == env)
        #expect(String(decoding: repo.read("config.py") ?? Data(), as: UTF8.self) == config)
        let status = Set(repo.statusLines.map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(status == ["M config.py", "?? .env"], "\(repo.statusLines)")
        let unstaged = "unstaged .env, config.py: held back from the commit, but staged"
        #expect(run.warnings.contains { $0.hasPrefix(unstaged) }, "\(run.warnings)")
        #expect(repo.remoteHead == repo.head)
    }
}

extension PushScan.Result {
    var isFailure: Bool { if case .failed = self { true } else { false } }
}
