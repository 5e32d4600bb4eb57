import Foundation

/// A git working tree, driven through the `git` program (argv only, never a shell).
package struct GitRepository: Sendable {
    package let root: URL
    let environment: [String: String]

    package init(root: URL, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.root = root
        var env = environment
        env["GIT_TERMINAL_PROMPT"] = "0"  // never hang on a credential prompt
        env["LC_ALL"] = "C"
        env["GIT_OPTIONAL_LOCKS"] = "0"  // status must not rewrite the index: a dry run writes nothing
        // An unreachable ssh remote fails in seconds instead of hanging on a prompt or a dead network.
        if env["GIT_SSH_COMMAND"] == nil && env["GIT_SSH"] == nil {
            env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes -o ConnectTimeout=15"
        }
        self.environment = env
    }

    package static func gitAvailable(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        ExecutableLocator.find("git", path: environment["PATH"]) != nil
    }

    @discardableResult
    package func run(
        _ arguments: [String],
        input: Data? = nil,
        inputFrom descriptor: Int32? = nil,
        timeout: Duration? = .seconds(120)
    ) throws -> ProcessResult {
        try ProcessRunner.run(
            ["git"] + arguments,
            in: root,
            environment: environment,
            input: input,
            inputFrom: descriptor,
            timeout: timeout
        )
    }

    /// Runs git and returns its trimmed output, or nil when it failed.
    package func output(_ arguments: [String]) -> String? {
        guard let result = try? run(arguments), result.succeeded else { return nil }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    package var isRepository: Bool { output(["rev-parse", "--is-inside-work-tree"]) == "true" }
    /// The top of the working tree this folder belongs to.
    package var topLevel: URL? { output(["rev-parse", "--show-toplevel"]).map { URL(fileURLWithPath: $0) } }
    package var gitDirectory: URL? {
        output(["rev-parse", "--absolute-git-dir"]).map { URL(fileURLWithPath: $0) }
    }
    /// The current branch, or nil on a detached HEAD.
    package var branch: String? { output(["symbolic-ref", "--quiet", "--short", "HEAD"]) }
    package var head: String? { output(["rev-parse", "--verify", "--quiet", "HEAD"]) }
    package var upstream: String? { output(["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"]) }

    /// The git directory and the top of the working tree in one call; nil when this is not a repository.
    package func locate() -> (gitDirectory: URL, topLevel: URL)? {
        guard let text = output(["rev-parse", "--absolute-git-dir", "--show-toplevel"]) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard lines.count == 2 else { return nil }
        return (URL(fileURLWithPath: lines[0]), URL(fileURLWithPath: lines[1]))
    }

    /// Branch facts and every change in one `git status` (porcelain v2, NUL-separated, untracked files one by one).
    package func snapshot() throws -> StatusSnapshot {
        let result = try run([
            "status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all", "--ignore-submodules=dirty",
        ])
        guard result.succeeded else { throw GitError(command: "git status", output: result.errorOutput) }
        return StatusSnapshot.parse(porcelainV2Z: result.stdout)
    }

    /// The last commit made by a previous completion (`Session: …`), the baseline of this session's changes.
    package func lastSessionCommit() -> String? {
        guard let value = output(["log", "-1", "--format=%H", "--extended-regexp", "--grep=^Session: "]), !value.isEmpty
        else { return nil }
        return value
    }

    /// The working tree's changes, including untracked files one by one.
    package func status() throws -> [StatusEntry] {
        let result = try run(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignore-submodules=dirty"])
        guard result.succeeded else { throw GitError(command: "git status", output: result.errorOutput) }
        return StatusEntry.parse(porcelainZ: result.stdout)
    }

    /// Files changed by commits after `base` (exclusive) up to HEAD.
    package func committedChanges(since base: String) -> [FileChange] {
        guard let result = try? run(["diff", "--name-status", "-z", "--no-renames", "\(base)..HEAD"]), result.succeeded
        else { return [] }
        var changes: [FileChange] = []
        let fields = result.stdout.split(separator: 0, omittingEmptySubsequences: false).map { Array($0) }
        var index = 0
        while index + 1 < fields.count {
            let code = String(decoding: fields[index], as: UTF8.self)
            let path = fields[index + 1]
            index += 2
            guard let letter = code.first else { continue }
            changes.append(FileChange(rawPath: path, change: ChangeType(code: letter)))
        }
        return changes
    }

    /// Subjects of the commits after `base`, oldest first, excluding earlier session commits.
    package func commitSubjects(since base: String?) -> [String] {
        var args = ["log", "--reverse", "--format=%s"]
        if let base { args.append("\(base)..HEAD") } else { args.append(contentsOf: ["--since=24.hours", "HEAD"]) }
        guard let text = output(args), !text.isEmpty else { return [] }
        return text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("Session: ") }
    }

    package func fileAtCommit(_ commit: String, path: String) -> String? {
        guard let result = try? run(["show", "\(commit):\(path)"]), result.succeeded else { return nil }
        return result.output
    }
}

package struct GitError: Error, CustomStringConvertible {
    package let command: String
    package let output: String
    package init(command: String, output: String) {
        self.command = command
        self.output = output
    }
    package var description: String {
        let detail = output.trimmingCharacters(in: .whitespacesAndNewlines)
        return detail.isEmpty ? "\(command) failed" : "\(command) failed: \(detail)"
    }
}
