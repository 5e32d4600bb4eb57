import Completion
import Foundation
import Testing

/// During a run both front ends catch SIGINT with a `SignalRelay`. A Ctrl-C pressed in the instant a child is being
/// started reaches the child before it has left the terminal's process group; unless the child is shielded from
/// SIGINT, that kills a memory server or git command the user only asked to stop after the current step. These
/// tests send the SIGINT themselves (`kill -INT $$` in the child), which is what that instant amounts to.
@Suite("Spawn: Ctrl-C and children", .serialized)
struct SpawnInterruptTests {
    /// Runs `body` while this process ignores SIGINT, as a run does.
    private func whileIgnoringInterrupts<R>(_ body: () throws -> R) rethrows -> R {
        let previous = signal(SIGINT, SIG_IGN)
        defer { signal(SIGINT, previous) }
        return try body()
    }

    @Test func aBackgroundChildSurvivesTheInterruptAndStillEndsOnSIGTERM() throws {
        let interrupted = try whileIgnoringInterrupts {
            try ProcessRunner.run(["bash", "-c", "kill -INT $$; echo survived"], timeout: .seconds(30))
        }
        #expect(interrupted.output == "survived\n")
        let terminated = try whileIgnoringInterrupts {
            try ProcessRunner.run(["bash", "-c", "kill -TERM $$; echo survived"], timeout: .seconds(30))
        }
        #expect(terminated.status == 128 + SIGTERM, "SIGTERM must still end a child: the stop path relies on it")
    }

    @Test func whileARelayCatchesInterruptsABackgroundChildSurvivesThem() throws {
        let relayed = Locked<[Int32]>([])
        let relay = SignalRelay.install([SIGINT]) { number in relayed.withLock { $0.append(number) } }
        defer { relay.cancel() }
        let interrupted = try ProcessRunner.run(["bash", "-c", "kill -INT $$; echo survived"], timeout: .seconds(30))
        #expect(interrupted.output == "survived\n")
        let terminated = try ProcessRunner.run(["bash", "-c", "kill -TERM $$; echo survived"], timeout: .seconds(30))
        #expect(terminated.status == 128 + SIGTERM, "SIGTERM must still end a child: the stop path relies on it")
        #expect(relayed.current.isEmpty, "the child's own signal is not this process's")
    }

    @Test func aChildInThisProcesssGroupGetsTheInterruptAsUsual() throws {
        // An interactive child that shares our group (an editor without a terminal to hand over) is the user's to
        // interrupt.
        let status = try whileIgnoringInterrupts { () throws -> Int32 in
            let child = try Spawn.start(
                ChildSpec(
                    executable: "/bin/sh",
                    arguments: ["sh", "-c", "kill -INT $$; sleep 5"],
                    environment: ProcessInfo.processInfo.environment,
                    ownProcessGroup: false
                )
            )
            var status: Int32 = 0
            while waitpid(child.pid, &status, 0) < 0 && errno == EINTR {}
            return status
        }
        #expect(status & 0x7f == SIGINT, "wait status \(status)")
    }

    @Test func withoutARunAChildKeepsTheDefault() throws {
        let previous = signal(SIGINT, SIG_DFL)
        defer { signal(SIGINT, previous) }
        let result = try ProcessRunner.run(["bash", "-c", "kill -INT $$; echo survived"], timeout: .seconds(30))
        #expect(result.output.isEmpty)
        #expect(result.status == 128 + SIGINT)
    }
}
