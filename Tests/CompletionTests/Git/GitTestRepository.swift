import Foundation

@testable import Completion

/// A real project repository for step 5's tests: `jarvis-tui init`ed, one commit pushed to a bare remote in the
/// same temporary folder, identity and signing set locally, the machine's global git config not read.
final class GitTestRepository {
    let folder: GitTestFolder
    let root: URL
    let remote: URL
    let environment: [String: String]
    var project: Project { Project(root: root) }

    init(name: String = "app", in folder: GitTestFolder? = nil, initialise: Bool = true) throws {
        let folder = try folder ?? GitTestFolder()
        self.folder = folder
        root = folder.url.appendingPathComponent(name)
        remote = folder.url.appendingPathComponent("\(name)-remote.git")
        let globalConfig = folder.url.appendingPathComponent("empty-gitconfig")
        if !FileManager.default.fileExists(atPath: globalConfig.path) { try Data().write(to: globalConfig) }
        var env = ProcessInfo.processInfo.environment
        env["GIT_CONFIG_GLOBAL"] = globalConfig.path
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_TERMINAL_PROMPT"] = "0"
        environment = env
        try git(["init", "--quiet", "--bare", "--initial-branch=main", remote.path], in: folder.url)
        try git(["init", "--quiet", "--initial-branch=main", root.path], in: folder.url)
        for (key, value) in [
            ("user.name", "Test User"), ("user.email", "test@example.com"), ("commit.gpgsign", "false"),
        ] {
            try git(["config", key, value])
        }
        try git(["remote", "add", "origin", remote.path])
        try write("README.md", "# \(name)\n")
        if initialise { _ = try ProjectInitializer(project: project).run() }
        try git(["add", "--all"])
        try git(["commit", "--quiet", "-m", "Initial commit"])
        try git(["push", "--quiet", "-u", "origin", "main"])
    }

    // MARK: files

    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    func write(_ relative: String, _ text: String) throws { try write(relative, Data(text.utf8)) }

    func write(_ relative: String, _ data: Data) throws {
        let url = url(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func read(_ relative: String) -> Data? { FileManager.default.contents(atPath: url(relative).path) }

    // MARK: git

    @discardableResult
    func git(
        _ arguments: [String],
        in directory: URL? = nil,
        input: Data? = nil,
        allowFailure: Bool = false
    ) throws -> String {
        let result = try ProcessRunner.run(
            ["git"] + arguments,
            in: directory ?? root,
            environment: environment,
            input: input,
            timeout: .seconds(60)
        )
        if !result.succeeded && !allowFailure {
            throw GitError(
                command: "git " + arguments.joined(separator: " "),
                output: result.errorOutput + result.output
            )
        }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func gitData(_ arguments: [String]) throws -> Data {
        try ProcessRunner.run(["git"] + arguments, in: root, environment: environment, timeout: .seconds(60)).stdout
    }

    var head: String { (try? git(["rev-parse", "HEAD"])) ?? "" }
    var headSubject: String { (try? git(["log", "-1", "--format=%s"])) ?? "" }
    var remoteHead: String { (try? git(["--git-dir", remote.path, "rev-parse", "main"], in: folder.url)) ?? "" }
    /// `git status --porcelain` lines.
    var statusLines: [String] {
        ((try? git(["status", "--porcelain", "--untracked-files=all"])) ?? "").split(separator: "\n").map(String.init)
    }
    /// Paths in the HEAD commit.
    var committedPaths: Set<String> {
        Set(((try? git(["ls-tree", "-r", "--name-only", "HEAD"])) ?? "").split(separator: "\n").map(String.init))
    }

    // MARK: the engine

    struct Run {
        let events: [CompletionEvent]
        var gitOutcome: Outcome? {
            for case let .stepFinished(step, outcome, _) in events where step == .git { return outcome }
            return nil
        }
        var warnings: [String] { events.compactMap { if case .warning(_, let text) = $0 { text } else { nil } } }
        var gitProgress: [String] {
            events.compactMap { if case .stepProgress(.git, let text) = $0 { text } else { nil } }
        }
        var questions: [Question] { events.compactMap { if case .questionAsked(let q) = $0 { q } else { nil } } }
        /// The summary as shown at the end of the run (with steps 5–7).
        var finalSummary: String {
            events.compactMap { if case .summaryReady(let doc) = $0 { doc.markdown } else { nil } }.last ?? ""
        }
    }

    func configuration(_ adjust: (inout Configuration) -> Void = { _ in }) -> Configuration {
        var c = Configuration()
        c.memoryPersistence = false
        c.archiveConversation = false
        c.stopWatcher = false
        adjust(&c)
        return c
    }

    func complete(
        _ configuration: Configuration? = nil,
        push: RunOptions.PushChoice = .configured,
        responder: Responder = SafeDefaultResponder(),
        options adjust: (inout RunOptions) -> Void = { _ in }
    ) async -> Run {
        var options = RunOptions()
        options.push = push
        adjust(&options)
        let resolved = ResolvedConfiguration(
            configuration: configuration ?? self.configuration(),
            warnings: [],
            emergencyStop: false,
            offerSuppressedBy: nil
        )
        let plan = CompletionPlan(project: project, resolved: resolved, options: options, environment: environment)
        var events: [CompletionEvent] = []
        for await event in SessionCompletion.run(plan, responder: responder) { events.append(event) }
        return Run(events: events)
    }
}

/// Answers questions as scripted per kind and remembers them.
final class GitScriptedResponder: Responder, @unchecked Sendable {
    private let lock = NSLock()
    private var asked: [Question] = []
    let answers: [Question.Kind: Bool]
    init(_ answers: [Question.Kind: Bool]) { self.answers = answers }
    func answer(_ question: Question) async -> Bool {
        lock.withLock { asked.append(question) }
        return answers[question.kind] ?? question.safeDefault
    }
    var questions: [Question] { lock.withLock { asked } }
}
