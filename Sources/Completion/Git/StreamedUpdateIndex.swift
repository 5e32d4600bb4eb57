import Foundation

/// `git update-index --add --remove -z --stdin` fed while it runs: the caller hands it paths a batch at a time as
/// it decides them, and git hashes one batch while the next is still being decided. The pipe's ends are
/// close-on-exec from the start, so no child started meanwhile by another thread keeps the write end open (git
/// would then never see the end of its input). Not for use from several threads at once.
final class StreamedUpdateIndex {
    private let writeEnd: Int32
    private let hashing: ThreadWork<Bool>
    /// False once a write failed: git went away (it failed or its time ran out), and nothing more is written.
    private var delivered = true
    private var finished = false

    /// Starts git for about `pathCount` paths (how it stores the blobs depends on it); nil when no pipe could be
    /// made.
    init?(repo: GitRepository, pathCount: Int, timeout: Duration) {
        var ends: [Int32] = [-1, -1]
        guard Spawn.closeOnExecPipe(&ends) else { return nil }
        let readEnd = ends[0]
        writeEnd = ends[1]
        hashing = ThreadWork(name: "early-update-index") {
            defer { close(readEnd) }
            let bulk = BulkCheckin.options(pathCount: pathCount, environment: repo.environment)
            let result = try? repo.run(
                bulk + ["update-index", "--add", "--remove", "-z", "--stdin"],
                inputFrom: readEnd,
                timeout: timeout
            )
            return result?.succeeded == true
        }
    }

    deinit { if !finished { close(writeEnd) } }

    /// Hands git more paths (renames: both names). A write to a git that has gone away fails with EPIPE, as this
    /// process ignores SIGPIPE.
    func add(_ entries: [StatusEntry]) {
        guard delivered, !finished, !entries.isEmpty else { return }
        let pathspec = RepositoryRun.pathspec(entries)
        delivered = (try? ProjectFiles.writeAll(writeEnd, pathspec, path: "git update-index's input")) != nil
    }

    /// Ends git's input and waits for it: true when git took every path handed to it and succeeded.
    func finish() -> Bool {
        if !finished {
            finished = true
            close(writeEnd)
        }
        return hashing.wait() && delivered
    }
}
