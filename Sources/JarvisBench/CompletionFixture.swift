import Completion
import Foundation

/// A project for the whole-completion benchmark, laid out as `jarvis-tui demo` lays one out: `acme-app/` (the
/// repository), `remote.git/` (its bare remote), `memory.jsonl` (the memory server's store) and the session's
/// transcript. Built once, deterministically; every round works on a fresh copy (`copy(to:)`), so each run ends
/// the same session on the same files.
struct CompletionFixture {
    let name: String
    let folder: URL
    /// The transcript, relative to `folder`.
    let transcriptRelativePath: String

    var root: URL { folder.appendingPathComponent("acme-app") }
    var remote: URL { folder.appendingPathComponent("remote.git") }
    var transcript: URL { folder.appendingPathComponent(transcriptRelativePath) }
    var memoryStore: URL { folder.appendingPathComponent("memory.jsonl") }

    /// The demo's sample project: a few files, five exchanges of conversation, an empty memory store.
    static func small(in parent: URL) throws -> CompletionFixture {
        let demo = try DemoProject.create(in: parent)
        return CompletionFixture(
            name: "small",
            folder: demo.folder,
            transcriptRelativePath: String(demo.transcriptPath.path.dropFirst(demo.folder.path.count + 1))
        )
    }

    /// The sample project grown to the issue's large sizes: 20 000 tracked files of which 2 000 changed,
    /// a transcript of `transcriptMB` MB and a memory store of 5 000 entities.
    static func large(in parent: URL, transcriptMB: Int, environment: [String: String]) throws -> CompletionFixture {
        let fixture = try small(in: parent)
        let root = fixture.root
        func git(_ arguments: [String]) throws {
            let result = try ProcessRunner.run(
                ["git"] + arguments,
                in: root,
                environment: environment,
                timeout: .seconds(600)
            )
            guard result.succeeded else {
                throw BenchmarkFailure(
                    "git \(arguments.joined(separator: " ")) failed while building the large fixture: \(result.errorOutput)\(result.output)"
                )
            }
        }
        // The 20 000 files arrive in an earlier session, before this session's two commits: a commit on the setup
        // commit, pushed, with this session's commits replayed on top and its uncommitted work set aside meanwhile.
        try git(["stash", "push", "--include-untracked", "--quiet"])
        try git(["checkout", "--quiet", "-b", "earlier", "HEAD~2"])
        for index in 0..<20_000 {
            try sourceFile(index, revision: 0, lines: 12).write(
                to: root.appendingPathComponent(generatedSourcePath(index)).creatingFolder()
            )
        }
        try git(["add", "--all", "src/"])
        try git(["commit", "--quiet", "-m", "Session: vendor the generated modules"])
        try git(["push", "--quiet", "origin", "earlier:main"])
        try git(["cherry-pick", "main~2..main"])
        try git(["checkout", "--quiet", "-B", "main"])
        try git(["branch", "--quiet", "-D", "earlier"])
        try git(["branch", "--quiet", "--set-upstream-to=origin/main"])
        try git(["stash", "pop", "--quiet"])
        for k in 0..<1_600 {
            try sourceFile(k * 12, revision: 1, lines: 76).write(
                to: root.appendingPathComponent(generatedSourcePath(k * 12))
            )
        }
        for k in 0..<400 {
            try sourceFile(30_000 + k, revision: 1, lines: 76).write(
                to: root.appendingPathComponent("new/module\(k / 100)/added\(k).swift").creatingFolder()
            )
        }
        var transcript = SampleTranscript(
            sessionID: fixture.transcript.deletingPathExtension().lastPathComponent,
            cwd: root.path,
            start: Date().addingTimeInterval(-7_200)
        )
        transcript.turnSpacing = 0.25  // about 20 000 exchanges in 200 MB: the session still spans under two hours
        _ = try transcript.write(to: fixture.transcript, targetBytes: transcriptMB << 20)
        try MemoryStoreFixture.write(entities: 5_000, to: fixture.memoryStore)
        return CompletionFixture(
            name: "large",
            folder: fixture.folder,
            transcriptRelativePath: fixture.transcriptRelativePath
        )
    }

    /// A copy in `destination` whose remote and memory store are its own (the paths inside are rewritten).
    func copy(to destination: URL, environment: [String: String]) throws -> CompletionFixture {
        let copied = try MeasuredChild.run(["cp", "-a", folder.path, destination.path], environment: environment)
        guard copied.succeeded else { throw BenchmarkFailure("cp -a \(folder.path) failed") }
        let copy = CompletionFixture(name: name, folder: destination, transcriptRelativePath: transcriptRelativePath)
        if let mcp = DemoMemoryServer.configuration(storeIn: destination, environment: environment) {
            try AtomicFile.write(mcp, to: Project(root: copy.root).mcpConfigFile)
        }
        // A copy's index no longer matches the files' inodes: refresh it untimed, as a user's repository is.
        for arguments in [["remote", "set-url", "origin", copy.remote.path], ["update-index", "-q", "--refresh"]] {
            _ = try MeasuredChild.run(["git"] + arguments, in: copy.root, environment: environment)
        }
        return copy
    }
}
