/// Why `git push` did not land, in words a user acts on, with the command to run afterwards.
struct PushFailure: Equatable {
    let reason: String
    let command: String

    static func classify(stderr: String, timedOut: Bool, branch: String, timeoutSeconds: Int = 120) -> PushFailure {
        let text = stderr.lowercased()
        if timedOut { return PushFailure(reason: "timed out after \(timeoutSeconds) s", command: "git push") }
        if text.contains("non-fast-forward") || text.contains("fetch first") || text.contains("[rejected]") {
            return PushFailure(
                reason: "rejected: the remote has commits this branch does not (non-fast-forward)",
                command: "git pull --rebase && git push"
            )
        }
        if text.contains("remote rejected") || text.contains("hook declined") {
            let remoteLines = stderr.split(separator: "\n").filter { $0.hasPrefix("remote:") }
                .map { $0.dropFirst(7).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let detail = remoteLines.first.map { ": \($0)" } ?? ""
            return PushFailure(reason: "rejected by the remote (server hook\(detail))", command: "git push")
        }
        if text.contains("could not resolve host") || text.contains("unable to access")
            || text.contains("could not read from remote")
            || text.contains("connection") || text.contains("network is unreachable")
        {
            return PushFailure(reason: "the remote is unreachable (offline?)", command: "git push")
        }
        if text.contains("authentication") || text.contains("permission denied") || text.contains("403") {
            return PushFailure(reason: "the remote refused the credentials", command: "git push")
        }
        let first =
            stderr.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
            ?? "git push failed"
        return PushFailure(reason: "push failed (\(TerminalText.inert(first)))", command: "git push")
    }
}
