import Completion
import Foundation
import Testing

/// SplitMix64 from a printed seed: the same seed draws the same kill moments and the same edits.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Every process of a tree killed at once: the root is stopped first, then each child found under it, until the
/// tree holds still (a stopped process starts nothing), and then every one gets SIGKILL. Git's children run in
/// process groups of their own, so a kill of the root's group alone would miss them.
enum ProcessTree {
    static func killAll(from root: pid_t) {
        var tree: Set<pid_t> = [root]
        kill(root, SIGSTOP)
        while true {
            let found = descendants(of: tree).subtracting(tree)
            if found.isEmpty { break }
            for pid in found { kill(pid, SIGSTOP) }
            tree.formUnion(found)
        }
        for pid in tree { kill(pid, SIGKILL) }
    }

    /// The processes whose parent is in `parents`, read from `/proc/<pid>/stat`.
    static func descendants(of parents: Set<pid_t>) -> Set<pid_t> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        var children: Set<pid_t> = []
        for name in names {
            guard let pid = pid_t(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // After the command name: state, then the parent's pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = pid_t(fields[1]), parents.contains(parent) { children.insert(pid) }
        }
        return children
    }
}

/// The fixture project grown to `files` tracked files, committed and pushed in one `git add` and one commit.
enum KillRoundProject {
    static func make(files: Int) throws -> FixtureProject {
        let fixture = try FixtureProject.make()
        for index in 0..<files {
            let folder = "gen/m\(index / 100)"
            try fixture.write("\(folder)/f\(index).txt", "module \(index)\nline two of \(index)\n")
        }
        try fixture.git(["add", "gen"])
        try fixture.git(["commit", "--quiet", "-m", "Generated modules"])
        try fixture.git(["push", "--quiet", "origin", "main"])
        // A conversation of about 2 MB, so that step 4 (its copy and digest) takes a share of the run's time.
        let sample = SampleTranscript(
            sessionID: "kill",
            cwd: fixture.root.path,
            start: Date(timeIntervalSince1970: 1_764_000_000)
        )
        _ = try sample.write(to: fixture.folder.appendingPathComponent("transcript.jsonl"), targetBytes: 2 << 20)
        return fixture
    }
}

/// One session of the kill test: the user's edits before the run, and what must hold after the re-run.
struct KillRound {
    let fixture: FixtureProject
    let number: Int
    /// Relative path → the exact bytes the user left there.
    private(set) var userFiles: [String: [UInt8]] = [:]
    private(set) var userStateLine = ""
    private var baseCommit = ""
    private let picks: [Int]

    init(fixture: FixtureProject, number: Int, random: inout SeededGenerator) {
        self.fixture = fixture
        self.number = number
        picks = (0..<12).map { _ in Int.random(in: 0..<RandomKillTests.trackedFiles, using: &random) }
    }

    var sessionID: String { "kill-round-\(number)" }
    var transcript: URL { fixture.folder.appendingPathComponent("transcript.jsonl") }
    var arguments: [String] {
        ["--plain", "--yes", "--cycles", "none", "--session-id", sessionID, "--transcript", transcript.path]
    }

    /// The session's work: tracked files rewritten (one with a Latin-1 byte), new files, a line in session-state.
    mutating func prepare() throws {
        baseCommit = try fixture.git(["rev-parse", "HEAD"])
        for (k, index) in picks.enumerated() {
            let path = "gen/m\(index / 100)/f\(index).txt"
            var bytes = Array("module \(index)\nround \(number) edit \(k)\n".utf8)
            if k == 0 { bytes += [0x63, 0x61, 0x66, 0xE9, 0x0A] }  // "café" in Latin-1
            userFiles[path] = bytes
        }
        for k in 0..<3 { userFiles["new/r\(number)-\(k).txt"] = Array("new in round \(number), \(k)\n".utf8) }
        for (path, bytes) in userFiles {
            let url = fixture.root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(bytes).write(to: url)
        }
        userStateLine = "Round \(number) note: keep me exactly."
        let state = fixture.root.appendingPathComponent(".claude/context/session-state.md")
        let before = (try? Data(contentsOf: state)) ?? Data()
        try (before + Data("\n\(userStateLine)\n".utf8)).write(to: state)
    }

    /// What is wrong after the round, one sentence each; empty when all is well.
    func problems() throws -> [String] {
        var problems: [String] = []
        let subjects = try fixture.git(["log", "--format=%s", "\(baseCommit)..HEAD"]).split(separator: "\n")
        let sessions = subjects.filter { $0.hasPrefix("Session: ") }
        if sessions.count != 1 { problems.append("\(sessions.count) session commits: \(subjects)") }
        let head = try fixture.git(["rev-parse", "HEAD"])
        let pushed = try fixture.git(["rev-parse", "main"], in: fixture.remote)
        if head != pushed { problems.append("HEAD \(head.prefix(8)) is not pushed (remote at \(pushed.prefix(8)))") }
        for (path, bytes) in userFiles.sorted(by: { $0.key < $1.key }) {
            let onDisk = FileManager.default.contents(atPath: fixture.root.appendingPathComponent(path).path)
            if onDisk.map(Array.init) != bytes { problems.append("\(path) changed on disk") }
            let committed = try ProcessRunner.run(["git", "show", "HEAD:\(path)"], in: fixture.root)
            if Array(committed.stdout) != bytes { problems.append("\(path) is not committed as the user wrote it") }
        }
        problems += stateProblems()
        problems += leftovers()
        return problems
    }

    private func stateProblems() -> [String] {
        guard let state = fixture.read(".claude/context/session-state.md") else { return ["session-state.md is gone"] }
        var problems: [String] = []
        let lines = state.components(separatedBy: "\n")
        if !lines.contains(userStateLine) { problems.append("the user's line “\(userStateLine)” is lost") }
        for line in FixtureProject.sessionState.components(separatedBy: "\n") where !line.hasPrefix("**") {
            if !lines.contains(line) { problems.append("session-state lost the user line “\(line)”") }
        }
        let opens = lines.filter { $0 == "<!-- jarvis-tui:session-capture -->" }.count
        let closes = lines.filter { $0 == "<!-- /jarvis-tui:session-capture -->" }.count
        if opens != 1 || closes != 1 { problems.append("session-state has \(opens) capture blocks, \(closes) ends") }
        let checkpoint = fixture.read(".claude/context/.checkpoint.md") ?? ""
        if !checkpoint.hasPrefix("---\n") || !checkpoint.contains("## Next Session Instructions") {
            problems.append("the checkpoint is torn: \(checkpoint.prefix(200))")
        }
        if let journal = FileManager.default.contents(
            atPath: fixture.project.toolStateFolder.appendingPathComponent("journal.json").path
        ),
            (try? JSONSerialization.jsonObject(with: journal)) == nil
        {
            problems.append("journal.json is not JSON")
        }
        return problems
    }

    /// Temporary files, message files and git locks a killed run may leave, after the re-run.
    private func leftovers() -> [String] {
        var problems = KilledRun.leftoverTempFiles(fixture.root).map { "\($0) left behind" }
        let git = fixture.root.appendingPathComponent(".git")
        for name in ["JARVIS_SESSION_MSG", "index.lock"]
        where FileManager.default.fileExists(atPath: git.appendingPathComponent(name).path) {
            problems.append(".git/\(name) left behind")
        }
        let state = fixture.project.toolStateFolder.path
        let messages = ((try? FileManager.default.contentsOfDirectory(atPath: state)) ?? []).filter {
            $0.hasPrefix(".session-message.")
        }
        if !messages.isEmpty { problems.append("message files left: \(messages)") }
        return problems
    }
}
