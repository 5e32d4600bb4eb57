import Completion
import Foundation
import Testing

/// Ctrl-C in the plain front end, sent as a real SIGINT to a real `jarvis-tui --plain` run without a terminal (as
/// an agent or a pipe runs it): nobody can answer the stop question there, so the first one stops after the
/// running step (a running Tier 2 cycle is ended), and a second one stops at once. Both end with 130. (At a
/// terminal the plain front end asks; `TmuxStopQuestionTests` covers that.)
@Suite(.serialized) struct PlainInterruptTests {
    /// `end-session --plain` with stdin on /dev/null, in a process group of its own so that only the test's signals
    /// reach it, started and followed until `line` is printed: a slow part is running then (see the two makers).
    struct Run {
        let sample: TerminalSampleProject
        /// HEAD before the run: a run that stopped before step 5 leaves it as it was.
        let head: String
        let pid: pid_t
        let output: URL

        /// The maintenance cycle is `sleep seconds`; followed until it runs, before any step has written a file.
        static func slowCycle(seconds: Int) throws -> Run {
            let sample = try TerminalSampleProject.make(cycle: ["sleep", "\(seconds)"])
            return try Run(sample, cycles: "maintenance", until: "[cycle] Maintenance (AC-08) started")
        }

        /// The repository's `pre-push` hook sleeps `seconds`; followed until step 5 runs.
        static func slowPush(seconds: Int) throws -> Run {
            let sample = try TerminalSampleProject.make()
            let hook = sample.root.appendingPathComponent(".git/hooks/pre-push")
            do {
                try FileManager.default.createDirectory(
                    at: hook.deletingLastPathComponent(),
                    withIntermediateDirectories: true
                )
                try "#!/bin/sh\nsleep \(seconds)\n".write(to: hook, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
            } catch {
                sample.remove()
                throw error
            }
            return try Run(sample, cycles: "none", until: "[5/7] Git operations …")
        }

        private init(_ sample: TerminalSampleProject, cycles: String, until line: String) throws {
            self.sample = sample
            head = sample.git("rev-parse", "HEAD")
            output = FileManager.default.temporaryDirectory.appendingPathComponent("jt-plain-\(UUID().uuidString)")
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "NO_COLOR")
            do {
                pid = try Spawn.start(
                    ChildSpec(
                        executable: TmuxSession.binary,
                        arguments: ["jarvis-tui", "end-session", "--plain", "--cycles", cycles],
                        environment: environment,
                        directory: sample.root.path,
                        input: .null,
                        output: .file(output.path),
                        errorOutput: .sameAsOutput
                    )
                ).pid
            } catch {
                sample.remove()
                throw error
            }
            do { try waitFor(line) } catch {
                remove()
                throw error
            }
        }

        var text: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

        /// True while the run has not made the session commit.
        var headUnchanged: Bool { sample.git("rev-parse", "HEAD") == head }

        /// Sends SIGINT, as Ctrl-C in the terminal that started the run would.
        func interrupt() { kill(pid, SIGINT) }

        /// One Ctrl-C, and the run followed to its end: it must say it stops after the current step, and end with
        /// 130. Returns its output.
        func stopOnce(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            interrupt()
            try waitFor(
                "stopping after the current step (Ctrl-C again to stop now)",
                timeout: .seconds(5),
                sourceLocation: sourceLocation
            )
            let status = exitStatus(timeout: .seconds(60))
            #expect(status == 130, "\(text)", sourceLocation: sourceLocation)
            return text
        }

        /// Waits until the output holds `needle`; returns the output.
        @discardableResult
        func waitFor(
            _ needle: String,
            timeout: Duration = .seconds(40),
            sourceLocation: SourceLocation = #_sourceLocation
        ) throws -> String {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if text.contains(needle) { return text }
                Thread.sleep(forTimeInterval: 0.05)
            }
            Issue.record("no \(needle.debugDescription) in the output:\n\(text)", sourceLocation: sourceLocation)
            throw TmuxError(message: "timeout waiting for \(needle)")
        }

        /// The exit status, or nil when the run did not end in time (it is then killed).
        func exitStatus(timeout: Duration) -> Int32? {
            let deadline = ContinuousClock.now + timeout
            var status: Int32 = 0
            while ContinuousClock.now < deadline {
                let reaped = waitpid(pid, &status, WNOHANG)
                if reaped == pid { return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f) }
                Thread.sleep(forTimeInterval: 0.05)
            }
            kill(pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
            return nil
        }

        /// Ends the run if a failed expectation left it going, and removes its project and output.
        func remove() {
            if waitpid(pid, nil, WNOHANG) == 0 {
                kill(pid, SIGKILL)
                _ = waitpid(pid, nil, 0)
            }
            sample.remove()
            try? FileManager.default.removeItem(at: output)
        }
    }

    @Test func theFirstCtrlCStopsAfterTheRunningStep() throws {
        let run = try Run.slowPush(seconds: 2)
        defer { run.remove() }
        let output = try run.stopOnce()
        // Step 5 finished its work, the commit and the push; the steps after it were skipped, not started.
        #expect(output.contains("[5/7] Git operations: done"), "\(output)")
        #expect(output.contains("[6/7] Handoff preparation: skipped — stopped by the user"))
        #expect(!output.contains("[6/7] Handoff preparation …"))
        #expect(run.sample.git("log", "-1", "--format=%s").hasPrefix("Session:"))
        #expect(run.sample.git("rev-parse", "HEAD") == run.sample.git("rev-parse", "@{upstream}"), "not pushed")
    }

    @Test func theFirstCtrlCEndsARunningCycleAndStartsNoStep() throws {
        let run = try Run.slowCycle(seconds: 2)
        defer { run.remove() }
        let output = try run.stopOnce()
        // Nobody can answer the stop question here: the running cycle is ended, and the steps after it are
        // skipped, not started.
        #expect(output.contains("[cycle] Maintenance: skipped — stopped by the user"))
        #expect(output.contains("[1/7] Work state capture: skipped — stopped by the user"))
        #expect(!output.contains("[1/7] Work state capture …"))
        #expect(!output.contains("[5/7] Git operations …"))
        #expect(run.headUnchanged, "the run committed after Ctrl-C")
    }

    @Test func aSecondCtrlCStopsAtOnce() throws {
        let run = try Run.slowPush(seconds: 5)
        defer { run.remove() }
        run.interrupt()
        try run.waitFor("stopping after the current step", timeout: .seconds(5))
        let second = ContinuousClock.now
        run.interrupt()
        let status = run.exitStatus(timeout: .seconds(10))
        // The push waits 5 s in its hook: an exit well before that did not wait for step 5.
        #expect(ContinuousClock.now - second < .seconds(4))
        let output = run.text
        #expect(status == 130, "\(output)")
        // The push was ended with the run (the commit, if made, stays local: "push pending"); no later step ran.
        #expect(!output.contains("[5/7] Git operations: done"))
        #expect(!output.contains("[6/7] Handoff preparation …"))
        #expect(run.sample.git("rev-parse", "@{upstream}") != run.sample.git("rev-parse", "HEAD"), "pushed")
    }
}
