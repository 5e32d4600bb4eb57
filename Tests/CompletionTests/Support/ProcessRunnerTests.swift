import Completion
import Foundation
import Testing

@Suite("Process runner")
struct ProcessRunnerTests {
    @Test func runsInTheGivenFolderWithInput() throws {
        let folder = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
        let pwd = try ProcessRunner.run(["pwd"], in: folder)
        #expect(pwd.output.trimmingCharacters(in: .newlines) == folder.path)
        let cat = try ProcessRunner.run(["cat"], input: Data("hello\u{0}world".utf8))
        #expect(cat.stdout == Data("hello\u{0}world".utf8))
    }

    @Test func drainsLargeOutputOnBothStreamsWithoutBlocking() throws {
        let script = "head -c 3000000 /dev/zero; head -c 3000000 /dev/zero >&2; echo done >&2"
        let result = try ProcessRunner.run(["bash", "-c", script], timeout: .seconds(30))
        #expect(result.stdout.count == 3_000_000)
        #expect(result.stderr.count == 3_000_005)
        #expect(result.succeeded)
    }

    @Test func largeInputIsFedWhileOutputIsRead() throws {
        let input = Data(repeating: 65, count: 5_000_000)
        let result = try ProcessRunner.run(["cat"], input: input, timeout: .seconds(30))
        #expect(result.stdout.count == input.count)
    }

    @Test func timeoutTerminatesAProgramThatIgnoresSIGTERM() throws {
        let start = Date()
        let result = try ProcessRunner.run(["bash", "-c", "trap '' TERM; sleep 30"], timeout: .milliseconds(300))
        #expect(result.timedOut)
        #expect(!result.succeeded)
        #expect(Date().timeIntervalSince(start) < 60, "the program was not stopped")
    }

    @Test func exitStatusAndSignalsAreReported() throws {
        #expect(try ProcessRunner.run(["bash", "-c", "exit 7"]).status == 7)
        #expect(try ProcessRunner.run(["bash", "-c", "kill -9 $$"]).status == 128 + 9)
    }

    @Test func aMissingProgramIsALaunchError() {
        #expect(throws: ProcessLaunchError.self) { try ProcessRunner.run(["no-such-program-\(UUID().uuidString)"]) }
    }

    @Test func childrenGetDefaultSIGPIPEHandling() throws {
        // The parent ignores SIGPIPE; `yes | head -1` only ends because `yes` gets SIGPIPE by default.
        let result = try ProcessRunner.run(["bash", "-c", "yes | head -1"], timeout: .seconds(10))
        #expect(result.output == "y\n")
        #expect(!result.timedOut)
    }

    @Test func aChildLeftHoldingTheOutputDoesNotKeepTheCallerWaiting() throws {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "jt-holder-\(UUID().uuidString.prefix(8))"
        )
        defer {
            // Only while the pid is still that sleep: a reused pid could be another test's process.
            if let pid = (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap({
                pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }),
                FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") == Data("sleep\u{0}1000\u{0}".utf8)
            {
                kill(pid, SIGKILL)
            }
            try? FileManager.default.removeItem(at: pidFile)
        }
        let start = Date()
        let result = try ProcessRunner.run(
            ["bash", "-c", "sleep 1000 & echo $! > '\(pidFile.path)'; echo started"],
            timeout: .seconds(600)
        )
        #expect(Date().timeIntervalSince(start) < 30, "waited for the background child")
        #expect(result.succeeded && result.output == "started\n", "\(result.output)")
    }

    @Test func aTimeoutEndsTheWholeProcessGroup() throws {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "jt-group-\(UUID().uuidString.prefix(8))"
        )
        defer { try? FileManager.default.removeItem(at: pidFile) }
        let start = Date()
        let result = try ProcessRunner.run(
            ["bash", "-c", "sleep 1000 & echo $! > '\(pidFile.path)'; sleep 1000"],
            timeout: .milliseconds(500)
        )
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(result.timedOut)
        let sleeper = try #require(
            pid_t(try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
        )
        var gone = false
        for _ in 0..<100 where !gone {
            gone =
                kill(sleeper, 0) != 0
                || (try? String(contentsOfFile: "/proc/\(sleeper)/stat", encoding: .utf8))?.contains(") Z") == true
            if !gone { usleep(20_000) }
        }
        #expect(gone, "the background sleep \(sleeper) outlived the timeout")
    }

    @Test func outputWrittenJustBeforeTheEndIsKept() throws {
        let result = try ProcessRunner.run(
            ["bash", "-c", "head -c 200000 /dev/zero | tr '\\0' x; echo; echo tail >&2"],
            timeout: .seconds(30)
        )
        #expect(result.stdout.count == 200_001)
        #expect(result.errorOutput == "tail\n")
    }
}
