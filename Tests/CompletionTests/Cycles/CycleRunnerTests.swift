import Foundation
import Testing

@testable import Completion

@Suite("Cycle runner: real processes in their own process group")
struct CycleRunnerTests {
    @Test("a cycle that succeeds streams its lines, runs in the project folder and sees the environment")
    func succeeds() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        let log = CyclesEventLog()
        var environment = CyclesTest.environment
        environment["CYCLE_TEST_VALUE"] = "passed-through"
        let runner = CyclesTest.runner(
            test.project,
            cycles: [.reflection: CyclesTest.bash("echo one; echo two >&2; pwd; echo \"$CYCLE_TEST_VALUE\"")],
            environment: environment,
            log: log
        )
        let run = await runner.run(.reflection)
        #expect(run.outcome == .done)
        let lines = log.outputLines
        #expect(lines.contains("one"))
        #expect(lines.contains("two"))  // stderr is streamed too
        #expect(lines.contains(test.root.path) || lines.contains(test.root.resolvingSymlinksInPath().path))
        #expect(lines.contains("passed-through"))
    }

    @Test("a relative script path is the project's file")
    func relativeScript() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        try test.write("scripts/cycle.sh", "#!/bin/sh\necho from-script\n")
        chmod(test.root.appendingPathComponent("scripts/cycle.sh").path, 0o755)
        let log = CyclesEventLog()
        let runner = CyclesTest.runner(
            test.project,
            cycles: [.research: CycleCommand(argv: ["scripts/cycle.sh"])],
            log: log
        )
        let outcome = await runner.run(.research).outcome
        #expect(outcome == .done, "\(outcome)")
        #expect(log.outputLines == ["from-script"])
    }

    @Test("a failing cycle is reported with its status and last line")
    func fails() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        let log = CyclesEventLog()
        let runner = CyclesTest.runner(
            test.project,
            cycles: [.evolution: CyclesTest.bash("echo working; echo 'boom: no queue' >&2; exit 3")],
            log: log
        )
        let run = await runner.run(.evolution)
        guard case .failed(let reason) = run.outcome else {
            Issue.record("expected failed, got \(run.outcome)"); return
        }
        #expect(reason.contains("status 3"))
        #expect(reason.contains("boom: no queue"))
    }

    @Test("a missing program or command makes the cycle unavailable with the reason")
    func unavailable() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        let log = CyclesEventLog()
        var environment = CyclesTest.environment
        environment["PATH"] = "/usr/bin:/bin"  // no Claude Code there
        let runner = CyclesTest.runner(
            test.project,
            cycles: [.research: CycleCommand(argv: ["no-such-program-xyz", "-p"])],
            environment: environment,
            log: log
        )
        #expect(await runner.run(.research).outcome == .skipped("`no-such-program-xyz` not found on PATH"))
        let evolution = await runner.run(.evolution)
        #expect(evolution.outcome.name == "skipped")
        #expect(evolution.outcome.reason?.contains("`claude` CLI (Claude Code) is not on PATH") == true)
        let availability = CycleAvailability.check(
            .maintenance,
            configuration: Configuration(),
            environment: CyclesTest.environment
        )
        #expect(availability.available && availability.builtIn)
    }

    @Test("a cycle past its time limit is terminated with its whole process group and reported as failed")
    func timesOut() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        let log = CyclesEventLog()
        let runner = CyclesTest.runner(
            test.project,
            cycles: [.research: CyclesTest.bash("echo group $$; sleep 60 & echo child $!; wait", timeout: .seconds(1))],
            log: log
        )
        let run = await runner.run(.research)
        #expect(run.outcome == .failed("timed out after 1.0 s"))
        let group = try #require(pid(after: "group", in: log.outputLines))
        let child = try #require(pid(after: "child", in: log.outputLines))
        #expect(CyclesTest.liveMembers(of: group).isEmpty)
        #expect(!CyclesTest.isAlive(child))
    }

    @Test("a cycle that ignores SIGTERM is killed after the grace time; nothing of its group survives")
    func ignoresSIGTERM() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        let log = CyclesEventLog()
        // `trap "" TERM` makes bash and the children it starts ignore SIGTERM.
        let script = "trap '' TERM; echo group $$; sleep 60 & echo child $!; while true; do sleep 1; done"
        let runner = CyclesTest.runner(
            test.project,
            cycles: [.research: CyclesTest.bash(script, timeout: .seconds(1))],
            grace: .milliseconds(500),
            log: log
        )
        let started = ContinuousClock.now
        let run = await runner.run(.research)
        let elapsed = ContinuousClock.now - started
        #expect(run.outcome.name == "failed")
        #expect(log.outputLines.contains { $0.contains("killed") })
        let group = try #require(pid(after: "group", in: log.outputLines))
        let child = try #require(pid(after: "child", in: log.outputLines))
        #expect(CyclesTest.liveMembers(of: group).isEmpty)
        #expect(!CyclesTest.isAlive(child))
        #expect(elapsed >= .milliseconds(1_400))  // the time limit and the grace time were both waited out
    }

    @Test("a skip from the front end (RunControl) ends the running cycle and its group")
    func skipViaRunControl() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        let log = CyclesEventLog()
        let control = RunControl()
        let runner = CyclesTest.runner(
            test.project,
            cycles: [.research: CyclesTest.bash("echo group $$; sleep 60 & echo child $!; wait")],
            control: control,
            log: log
        )
        // A cycle that is only a command (reflection would run its built-in pass first, and a skip pressed then
        // ends the cycle before the command starts). The skip is pressed from a thread of its own, as a front end
        // would, once the command is under way.
        let skipper = Thread {
            let deadline = ContinuousClock.now + .seconds(120)
            while !log.outputLines.contains(where: { $0.hasPrefix("child") }), ContinuousClock.now < deadline {
                usleep(10_000)
            }
            control.requestCycleSkip()
        }
        skipper.start()
        let outcome = await runner.run(.research).outcome
        #expect(log.outputLines.contains { $0.hasPrefix("child") })
        #expect(outcome == .skipped("skipped by the user"))
        let group = try #require(pid(after: "group", in: log.outputLines))
        #expect(CyclesTest.liveMembers(of: group).isEmpty)
        #expect(control.takeCycleSkipRequest() == false)  // the request was used up
    }

    @Test("a skip requested before a cycle starts is not applied to it")
    func staleSkip() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        let control = RunControl()
        control.requestCycleSkip()
        let runner = CyclesTest.runner(
            test.project,
            cycles: [.reflection: CyclesTest.bash("echo fine")],
            control: control,
            log: CyclesEventLog()
        )
        #expect(await runner.run(.reflection).outcome == .done)
    }

    @Test("a background process left running after a successful cycle is stopped")
    func leftoverProcess() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        let log = CyclesEventLog()
        let runner = CyclesTest.runner(
            test.project,
            cycles: [.maintenance: CyclesTest.bash("sleep 60 & echo child $!; exit 0")],
            log: log
        )
        #expect(await runner.run(.maintenance).outcome == .done)
        let child = try #require(pid(after: "child", in: log.outputLines))
        #expect(!CyclesTest.isAlive(child))
    }

    @Test("a flood of 200 000 lines is rate-limited: few events, a count of what was not shown, the last line kept")
    func flood() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        let log = CyclesEventLog()
        let runner = CyclesTest.runner(
            test.project,
            cycles: [.research: CycleCommand(argv: ["seq", "1", "200000"])],
            log: log
        )
        let run = await runner.run(.research)
        #expect(run.outcome == .done)
        let lines = log.outputLines
        #expect(lines.count < 5_000)
        #expect(lines.first == "1")
        #expect(lines.last == "200000")
        let notShown = lines.filter { $0.hasPrefix("… ") && $0.contains("not shown") }
            .compactMap { Int($0.dropFirst(2).prefix { $0.isNumber }) }.reduce(0, +)
        // Every line is either shown or counted.
        // the last line is shown twice: counted and repeated
        #expect(notShown + lines.filter { Int($0) != nil }.count - 1 == 200_000)
    }

    @Test("an endless line is cut, and control characters never reach the front end")
    func longAndHostileLines() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        let log = CyclesEventLog()
        let script = "head -c 3000000 /dev/zero | tr '\\0' x; echo; printf 'evil\\033]0;title\\007 \\033[2Jdone\\n'"
        let runner = CyclesTest.runner(test.project, cycles: [.research: CyclesTest.bash(script)], log: log)
        #expect(await runner.run(.research).outcome == .done)
        let lines = log.outputLines
        #expect(lines.allSatisfy { $0.count <= CycleOutputLimiter.maxLineLength + 20 })
        #expect(lines.first?.hasSuffix("(line cut)") == true)
        #expect(lines.contains { $0.hasPrefix("evil") && $0.hasSuffix("done") })
        #expect(lines.allSatisfy { !$0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } })
    }

    @Test("a child does not inherit our ignored SIGPIPE")
    func signalsReset() async throws {
        let test = try CyclesTestProject()
        defer { test.remove() }
        // Ignored for good, as the tool does: restoring the default here would let a test running beside this
        // one, writing to a server that just died, take the whole test process down with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let log = CyclesEventLog()
        // With SIGPIPE ignored, `yes` would get EPIPE and report an error; with the default it just ends.
        let runner = CyclesTest.runner(
            test.project,
            cycles: [.research: CyclesTest.bash("yes | head -n 1; grep SigIgn /proc/self/status")],
            log: log
        )
        #expect(await runner.run(.research).outcome == .done)
        let ignored = log.outputLines.first { $0.hasPrefix("SigIgn") }?.split(separator: " ").last.flatMap {
            UInt64($0, radix: 16)
        }
        #expect(ignored.map { $0 & (1 << (UInt64(SIGPIPE) - 1)) == 0 } == true)
    }

    private func pid(after word: String, in lines: [String]) -> pid_t? {
        lines.first { $0.hasPrefix(word + " ") }.flatMap { pid_t($0.dropFirst(word.count + 1)) }
    }
}
