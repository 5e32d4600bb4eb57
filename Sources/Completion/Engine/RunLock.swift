import Foundation

/// One run at a time per project: an exclusive `flock` on `.claude/state/jarvis-tui/run.lock`, taken before a
/// run's first write and held until it ends. The kernel drops the lock when the process dies, however it dies,
/// so a killed run never leaves a stale lock behind. The file holds the holder's PID, start time and what it is
/// doing (a run or a rollback), which a second one names when it gives way. `jarvis-tui rollback` takes the same
/// lock: undoing a run while another is writing would mix the two.
package final class RunLock: Sendable {
    /// What the holder is doing, written beside its PID.
    package enum Activity: String, Sendable {
        case run, rollback
    }

    package enum Attempt: Sendable {
        case acquired(RunLock)
        /// Another run holds the lock; the sentence names it.
        case held(String)
        /// The lock file cannot be used (a read-only `.claude/`, something that is not a file): the run goes on
        /// unguarded, and the sentence says so.
        case unavailable(String)
        /// The user stopped the run while it waited.
        case stopped
    }

    /// The locked file's descriptor; -1 once released.
    private let descriptor: Locked<Int32>

    private init(descriptor: Int32) { self.descriptor = Locked(descriptor) }

    deinit { release() }

    package static func url(_ project: Project) -> URL {
        project.toolStateFolder.appendingPathComponent("run.lock")
    }

    /// Takes the lock; with `wait`, waits for the run that holds it (calling `waiting` once with its sentence)
    /// until `shouldStop` says the user gave up.
    package static func acquire(
        _ project: Project,
        wait: Bool,
        now: Date,
        activity: Activity = .run,
        shouldStop: () -> Bool = { false },
        waiting: (String) -> Void = { _ in }
    ) async -> Attempt {
        let file = url(project)
        let fd: Int32
        switch open(file, project: project) {
        case .success(let opened): fd = opened
        case .failure(let error): return .unavailable(error.sentence)
        }
        var announced = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(fd)
                return .unavailable("the run lock \(project.relativePath(of: file)) cannot be taken (\(reason))")
            }
            let holder = describeHolder(fd)
            guard wait else {
                close(fd)
                return .held(
                    "\(holder.sentence); nothing was \(activity == .run ? "written" : "changed"). "
                        + "Wait for it to finish, or run again with --wait"
                )
            }
            if !announced {
                waiting("waiting for \(holder.name) to finish")
                announced = true
            }
            if shouldStop() { close(fd); return .stopped }
            try? await Task.sleep(for: .milliseconds(100))
        }
        let stamp = "pid \(getpid()) started \(Timestamp.iso(now)) \(activity.rawValue)\n"
        _ = ftruncate(fd, 0)
        _ = stamp.withCString { pwrite(fd, $0, strlen($0), 0) }
        return .acquired(RunLock(descriptor: fd))
    }

    /// Lets the next run in; also done by the kernel when this process ends.
    package func release() {
        descriptor.withLock { descriptor in
            guard descriptor >= 0 else { return }
            close(descriptor)
            descriptor = -1
        }
    }

    /// Opens (creating) the lock file: never through a symbolic link, never anything but a regular file, and
    /// without blocking on a FIFO planted in its place.
    private static func open(_ file: URL, project: Project) -> Result<Int32, LockFileError> {
        let name = project.relativePath(of: file)
        do {
            try ProjectFiles(project).prepareWrite(file)  // its folders, never through a link
        } catch {
            return .failure(
                LockFileError(
                    "the run lock \(name) cannot be created (\(describe(error))); "
                        + "another run at the same time would not be noticed"
                )
            )
        }
        let fd = Foundation.open(file.path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = errno == ELOOP ? "it is a symbolic link; remove it" : String(cString: strerror(errno))
            return .failure(
                LockFileError(
                    "the run lock \(name) cannot be opened (\(reason)); "
                        + "another run at the same time would not be noticed"
                )
            )
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return .failure(
                LockFileError(
                    "the run lock \(name) is not a regular file; remove it. "
                        + "Another run at the same time would not be noticed"
                )
            )
        }
        return .success(fd)
    }

    /// Who holds the lock, read from its stamp: its name ("the other jarvis-tui run (PID 1234, started …)") and
    /// the sentence that says what it is doing. Read again for a moment while a holder that has just taken the
    /// lock is still writing its stamp.
    private static func describeHolder(_ fd: Int32) -> (name: String, sentence: String) {
        for attempt in 0..<20 {
            var bytes = [UInt8](repeating: 0, count: 200)
            let count = pread(fd, &bytes, bytes.count, 0)
            let words = String(decoding: bytes.prefix(max(0, count)), as: UTF8.self).split(
                whereSeparator: \.isWhitespace
            )
            if words.count >= 4, words[0] == "pid", let pid = Int32(words[1]), words[2] == "started" {
                let who = "PID \(pid), started \(TerminalText.inert(String(words[3])))"
                if words.count >= 5, words[4] == Activity.rollback.rawValue {
                    return (
                        "the jarvis-tui rollback (\(who))",
                        "a jarvis-tui rollback (\(who)) is undoing the last completion of this project"
                    )
                }
                return (
                    "the other jarvis-tui run (\(who))", "another jarvis-tui run (\(who)) is completing this project"
                )
            }
            if attempt < 19 { usleep(5_000) }
        }
        let unknown = "its PID is not recorded"
        return (
            "the other jarvis-tui run (\(unknown))",
            "another jarvis-tui run (\(unknown)) is completing this project"
        )
    }

    private static func describe(_ error: Error) -> String {
        guard let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        else { return "the folder cannot be made" }
        return String(cString: strerror(Int32(underlying.code)))
    }
}

private struct LockFileError: Error {
    let sentence: String
    init(_ sentence: String) { self.sentence = sentence }
}
