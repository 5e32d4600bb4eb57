import Foundation

/// Where one of a child's standard streams goes.
package enum ChildStream: Sendable {
    /// This process's own descriptor, as it is (the terminal, for an editor).
    case inherited
    /// `/dev/null`.
    case null
    /// A new pipe; this process gets the other end in `SpawnedChild`.
    case pipe
    /// An open descriptor of this process (the write end of a log pipe); the child gets a copy.
    case descriptor(Int32)
    /// A file opened for the child: read for stdin; created (0600) and truncated for stdout and stderr.
    case file(String)
    /// For stderr only: wherever stdout goes, so that both arrive interleaved in the order they were written.
    case sameAsOutput
}

/// A child process to start, never through a shell: the program, its argv, exactly this environment, a working
/// directory, where its standard streams go, and whether it leads a process group of its own.
package struct ChildSpec: Sendable {
    /// The program's path (`ExecutableLocator` finds one on PATH).
    package var executable: String
    /// The argv, `argv[0]` included.
    package var arguments: [String]
    package var environment: [String: String]
    /// nil: this process's working directory.
    package var directory: String?
    package var input: ChildStream = .null
    package var output: ChildStream = .null
    package var errorOutput: ChildStream = .null
    /// A process group of its own, whose id is the child's pid: a time limit or a stop can then signal everything
    /// it started, and a signal meant for this process's group (Ctrl-C at the terminal) does not reach it. While
    /// this process ignores SIGINT, such a child (unless it takes the terminal) starts with SIGINT ignored too.
    package var ownProcessGroup = true
    /// A terminal whose foreground process group the child's own group becomes as soon as it starts (an editor):
    /// without that, a child in a group of its own is stopped (SIGTTIN/SIGTTOU) the moment it reads the terminal
    /// or sets its modes. Implies `ownProcessGroup`; the caller gives the terminal back when the child is done.
    package var foregroundTerminal: Int32?

    package init(
        executable: String,
        arguments: [String],
        environment: [String: String],
        directory: String? = nil,
        input: ChildStream = .null,
        output: ChildStream = .null,
        errorOutput: ChildStream = .null,
        ownProcessGroup: Bool = true,
        foregroundTerminal: Int32? = nil
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.directory = directory
        self.input = input
        self.output = output
        self.errorOutput = errorOutput
        self.ownProcessGroup = ownProcessGroup
        self.foregroundTerminal = foregroundTerminal
    }
}

/// A started child: its pid (its process group's id too, when it has one of its own) and this process's ends of
/// its pipes, -1 where a stream is not a pipe. The caller closes the ends and reaps the child.
package struct SpawnedChild: Sendable {
    package let pid: pid_t
    /// Write end of the child's stdin.
    package let input: Int32
    /// Read end of the child's stdout (and stderr, with `.sameAsOutput`).
    package let output: Int32
    /// Read end of the child's stderr.
    package let errorOutput: Int32
}

package struct SpawnError: Error, CustomStringConvertible {
    package let description: String
    package init(description: String) { self.description = description }
}

/// The one way a child process is started, on `posix_spawn`. Every child gets pipes that no other child inherits,
/// no inherited descriptor above stderr (another thread's pipe held open by a child would never reach EOF),
/// default signal handling (this process ignores SIGPIPE, and an ignored signal would stay ignored across the
/// exec) except for an ignored SIGINT in a background child (see `configure`), an empty signal mask, and by
/// default a process group of its own.
package enum Spawn {
    package static func start(_ spec: ChildSpec) throws(SpawnError) -> SpawnedChild {
        var pipes = ChildPipes()
        try pipes.open(for: spec)
        // A descriptor given as input may be a pipe the caller writes to while the child runs.
        switch spec.input {
        case .pipe, .descriptor: ignoreBrokenPipes
        default: break
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        connect(spec.input, as: 0, pipeEnd: pipes.child[0], &actions)
        connect(spec.output, as: 1, pipeEnd: pipes.child[1], &actions)
        connect(spec.errorOutput, as: 2, pipeEnd: pipes.child[2], &actions)
        closeInheritedDescriptors(&actions)
        if let directory = spec.directory, !changeDirectory(&actions, to: directory) {
            pipes.closeAll()
            throw SpawnError(
                description: "this C library cannot set a child's working directory (glibc 2.29 or later is needed)"
            )
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        configure(
            &attributes,
            newProcessGroup: spec.ownProcessGroup || spec.foregroundTerminal != nil,
            shieldInterrupt: spec.ownProcessGroup && spec.foregroundTerminal == nil
        )

        var pid: pid_t = 0
        let environment = spec.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let status = withCStrings(spec.arguments) { argv in
            withCStrings(environment) { envp in spawn(&pid, spec.executable, &actions, &attributes, argv, envp) }
        }
        pipes.closeChildEnds()
        guard status == 0 else {
            pipes.closeAll()
            throw SpawnError(description: String(cString: strerror(status)))
        }
        if let terminal = spec.foregroundTerminal {
            giveTerminal(terminal, to: pid)
            // It may have touched the terminal before it was its own, and been stopped for that.
            kill(-pid, SIGCONT)
        }
        return SpawnedChild(pid: pid, input: pipes.parent[0], output: pipes.parent[1], errorOutput: pipes.parent[2])
    }

    /// Makes `group` the terminal's foreground process group. `tcsetpgrp` from a background group raises SIGTTOU
    /// (which would stop this process) unless the calling thread blocks it; with it blocked the call succeeds.
    package static func giveTerminal(_ terminal: Int32, to group: pid_t) {
        var ttou = sigset_t()
        var previous = sigset_t()
        sigemptyset(&ttou)
        sigaddset(&ttou, SIGTTOU)
        pthread_sigmask(SIG_BLOCK, &ttou, &previous)
        while tcsetpgrp(terminal, group) != 0 && errno == EINTR {}
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }

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

    private static func connect(
        _ stream: ChildStream,
        as target: Int32,
        pipeEnd: Int32,
        _ actions: inout posix_spawn_file_actions_t
    ) {
        switch stream {
        case .inherited:
            break
        case .null:
            posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
        case .pipe:
            posix_spawn_file_actions_adddup2(&actions, pipeEnd, target)
        case .descriptor(let fd):
            posix_spawn_file_actions_adddup2(&actions, fd, target)
        case .file(let path):
            let flags = target == 0 ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC
            posix_spawn_file_actions_addopen(&actions, target, path, flags, 0o600)
        case .sameAsOutput:
            posix_spawn_file_actions_adddup2(&actions, 1, target)
        }
    }

    /// Closes every descriptor above stderr in the child (after the dup2s that set up 0–2).
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        if let addCloseFrom = GNUFunctions.addCloseFrom {
            _ = addCloseFrom(&actions, 3)
        } else {
            for fd in openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        }
    }

    /// Sets the child's working directory; false when the C library cannot (glibc before 2.29).
    private static func changeDirectory(_ actions: inout posix_spawn_file_actions_t, to path: String) -> Bool {
        guard let addChdir = GNUFunctions.addChdir else { return false }
        return addChdir(&actions, path) == 0
    }

    /// Default dispositions for every signal, an empty mask, and a new process group when asked.
    ///
    /// `shieldInterrupt`: a non-interactive child in a group of its own must not die of a Ctrl-C meant for this
    /// process. Until the child's `setpgid` it is still in the terminal's foreground group, and a Ctrl-C pressed in
    /// that instant stays pending behind the spawn's blocked mask; at its default action it would then kill a
    /// memory server or git command that the user only asked to stop after the current step. No process group can
    /// close that race, so the child starts as a shell starts a background job: with SIGINT ignored when this
    /// process ignores it, and with SIGINT blocked while a `SignalRelay` catches it (a caught signal cannot be
    /// handed down as ignored: exec resets it to the default). Such children are ended with SIGTERM/SIGKILL.
    private static func configure(
        _ attributes: inout posix_spawnattr_t,
        newProcessGroup: Bool,
        shieldInterrupt: Bool
    ) {
        var defaults = sigset_t()
        var mask = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        sigemptyset(&mask)
        if shieldInterrupt {
            sigdelset(&defaults, SIGINT)
            if SignalRelay.isCatching(SIGINT) { sigaddset(&mask, SIGINT) }
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        if newProcessGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
    }

    /// `posix_spawn`, tried again for a moment while the program file is busy (ETXTBSY): a script that was just
    /// written can still be open for writing in a child another thread is starting, until that child's exec.
    private static func spawn(
        _ pid: inout pid_t,
        _ path: String,
        _ actions: inout posix_spawn_file_actions_t,
        _ attributes: inout posix_spawnattr_t,
        _ argv: UnsafePointer<UnsafeMutablePointer<CChar>?>,
        _ envp: UnsafePointer<UnsafeMutablePointer<CChar>?>
    ) -> Int32 {
        var status: Int32 = 0
        for attempt in 0..<20 {
            status = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
            guard status == ETXTBSY, attempt < 19 else { break }
            usleep(25_000)
        }
        return status
    }

    private static func withCStrings<R>(
        _ strings: [String],
        _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R
    ) -> R {
        let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// This process's open descriptors, from /proc (the fallback when `closefrom` is missing).
    private static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    }

    /// Writing to a child that exits without reading must fail the write, not kill this process.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()
}

/// The pipes of one spawn, by stream (0 stdin, 1 stdout, 2 stderr): the child's ends, closed here once it has
/// them, and this process's ends, handed to the caller (-1 where the stream is not a pipe).
private struct ChildPipes {
    var child: [Int32] = [-1, -1, -1]
    var parent: [Int32] = [-1, -1, -1]

    mutating func open(for spec: ChildSpec) throws(SpawnError) {
        for (index, stream) in [spec.input, spec.output, spec.errorOutput].enumerated() {
            guard case .pipe = stream else { continue }
            var fds: [Int32] = [-1, -1]
            guard Spawn.closeOnExecPipe(&fds) else {
                let reason = String(cString: strerror(errno))
                closeAll()
                throw SpawnError(description: "cannot create a pipe: \(reason)")
            }
            // fds[0] reads, fds[1] writes: the child reads its stdin and writes the other two.
            child[index] = index == 0 ? fds[0] : fds[1]
            parent[index] = index == 0 ? fds[1] : fds[0]
        }
    }

    mutating func closeChildEnds() {
        for index in child.indices where child[index] >= 0 {
            close(child[index])
            child[index] = -1
        }
    }

    mutating func closeAll() {
        closeChildEnds()
        for index in parent.indices where parent[index] >= 0 {
            close(parent[index])
            parent[index] = -1
        }
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
