import Completion
import Foundation
import Testing

/// Ctrl-C in the plain front end, sent as a real SIGINT to a real `jarvis-tui --plain` run without a terminal (as
/// an agent or a pipe runs it): nobody can answer the stop question there, so the first one stops after the
/// running step, and a second one stops at once. Both end with 130 and no session commit. (At a terminal the
/// plain front end asks; `TmuxStopQuestionTests` covers that.)
@Suite(.serialized) struct PlainInterruptTests {
    /// `end-session --plain --cycles none` with stdin on /dev/null, in a process group of its own so that only the
    /// test's signals reach it, on a sample project whose memory server takes `memoryDelay` per call; started and
    /// followed until step 2 is running.
    struct Run {
        let sample: TerminalSampleProject
        /// HEAD before the run: a run that stopped before step 5 leaves it as it was.
        let head: String
        let pid: pid_t
        let output: URL

        init(memoryDelay milliseconds: Int) throws {
            sample = try TerminalSampleProject.withSlowMemory(milliseconds: milliseconds)
            head = sample.git("rev-parse", "HEAD")
            output = FileManager.default.temporaryDirectory.appendingPathComponent("jt-plain-\(UUID().uuidString)")
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "NO_COLOR")
            do {
                pid = try Spawn.start(
                    ChildSpec(
                        executable: TmuxSession.binary,
                        arguments: ["jarvis-tui", "end-session", "--plain", "--cycles", "none"],
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
            do { try waitFor("[2/7] Memory persistence …") } catch {
                remove()
                throw error
            }
        }

        var text: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

        /// True while the run has not made the session commit.
        var headUnchanged: Bool { sample.git("rev-parse", "HEAD") == head }

        /// Sends SIGINT, as Ctrl-C in the terminal that started the run would.
        func interrupt() { kill(pid, SIGINT) }

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
        let run = try Run(memoryDelay: 1_500)
        defer { run.remove() }
        run.interrupt()
        try run.waitFor("stopping after the current step (Ctrl-C again to stop now)", timeout: .seconds(5))
        let status = run.exitStatus(timeout: .seconds(60))
        let output = run.text
        #expect(status == 130, "\(output)")
        // The running step finished its work; the ones after it were skipped, not started.
        #expect(output.contains("[2/7] Memory persistence: "))
        #expect(output.contains("[3/7] Context file updates: skipped — stopped by the user"))
        #expect(!output.contains("[3/7] Context file updates …"))
        #expect(!output.contains("[5/7] Git operations …"))
        #expect(run.headUnchanged, "the run committed after Ctrl-C")
    }

    @Test func aSecondCtrlCStopsAtOnce() throws {
        let run = try Run(memoryDelay: 5_000)
        defer { run.remove() }
        run.interrupt()
        try run.waitFor("stopping after the current step", timeout: .seconds(5))
        let second = ContinuousClock.now
        run.interrupt()
        let status = run.exitStatus(timeout: .seconds(10))
        // Step 2 waits 5 s per memory call: an exit well before that did not wait for the step.
        #expect(ContinuousClock.now - second < .seconds(4))
        let output = run.text
        #expect(status == 130, "\(output)")
        // The memory server was ended with the run: step 2 did not get to store the session.
        #expect(!output.contains("[2/7] Memory persistence: done"))
        #expect(run.headUnchanged)
    }
}
