import Foundation

/// What every child process of ours gets, whichever runner starts it: pipes that no other child inherits, no
/// inherited descriptor above stderr (another thread's pipe held open by a child would never reach EOF), default
/// signal handling (this process ignores SIGPIPE), nothing blocked, and optionally a process group of its own.
enum Spawn {
    /// A pipe whose ends are closed on exec; `pipe2` closes the window in which another thread's spawn could
    /// inherit them.
    static func closeOnExecPipe(_ fds: inout [Int32]) -> Bool {
        fds.withUnsafeMutableBufferPointer { buffer in
            if let pipe2 = GNUFunctions.pipe2 { return pipe2(buffer.baseAddress!, O_CLOEXEC) == 0 }
            guard pipe(buffer.baseAddress!) == 0 else { return false }
            _ = fcntl(buffer[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(buffer[1], F_SETFD, FD_CLOEXEC)
            return true
        }
    }

    /// Closes every descriptor above stderr in the child (after the dup2s that set up 0–2).
    static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        if let addCloseFrom = GNUFunctions.addCloseFrom {
            _ = addCloseFrom(&actions, 3)
        } else {
            for fd in openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        }
    }

    /// Sets the child's working directory; false when the C library cannot (glibc before 2.29).
    static func changeDirectory(_ actions: inout posix_spawn_file_actions_t, to path: String) -> Bool {
        guard let addChdir = GNUFunctions.addChdir else { return false }
        return addChdir(&actions, path) == 0
    }

    /// Default dispositions for every signal, an empty mask, and a new process group when asked.
    static func configure(_ attributes: inout posix_spawnattr_t, newProcessGroup: Bool) {
        var defaults = sigset_t(), empty = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        if newProcessGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
    }

    /// `posix_spawn`, tried again for a moment while the program file is busy (ETXTBSY): a script that was just
    /// written can still be open for writing in a child another thread is starting, until that child's exec.
    static func spawn(
        _ pid: inout pid_t,
        _ path: String,
        _ actions: inout posix_spawn_file_actions_t,
        _ attributes: inout posix_spawnattr_t,
        _ argv: [UnsafeMutablePointer<CChar>?],
        _ envp: [UnsafeMutablePointer<CChar>?]
    ) -> Int32 {
        var status: Int32 = 0
        for attempt in 0..<20 {
            status = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
            guard status == ETXTBSY, attempt < 19 else { break }
            usleep(25_000)
        }
        return status
    }

    /// This process's open descriptors, from /proc (the fallback when `closefrom` is missing).
    static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    }
}

/// glibc functions Swift's Glibc module hides behind `_GNU_SOURCE`, looked up at run time.
package enum GNUFunctions {
    package typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    package typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    package typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    package static let pipe2: Pipe2? = symbol("pipe2")
    package static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")
    package static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")

    private static func symbol<T>(_ name: String) -> T? {
        guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(pointer, to: T.self)
    }
}
