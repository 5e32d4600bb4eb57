import Completion
import Foundation
import Testing

/// SIGTERM to the plain front end (`--plain`) while it waits for the pre-completion offer's answer and while a
/// Tier 2 cycle runs: exit 130 at once, nothing written before the run began, and no cycle left running after
/// the tool has gone.
@Suite("SIGTERM in the plain front end")
struct TerminatedRunTests {
    @Test func sigtermWhileTheOfferWaitsExits130AndWritesNothing() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let statusBefore = try fixture.git(["status", "--porcelain", "--untracked-files=all"])
        let headBefore = try fixture.git(["rev-parse", "HEAD"])
        let treeBefore = snapshotTree(fixture.root).filter { !$0.key.hasPrefix("/.git/") }

        let terminal = try PseudoTerminal()
        let output = OutputCapture()
        let process = Process()
        process.executableURL = JarvisBinary.url
        process.arguments = ["--plain"]
        process.currentDirectoryURL = fixture.root
        process.standardInput = terminal.deviceHandle
        process.standardOutput = output.pipe
        process.standardError = output.pipe
        try process.run()
        let asked = await eventually(seconds: 60) { output.text.contains("q to cancel: ") }
        #expect(asked, "the offer was never shown: \(output.text)")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        output.stop()

        #expect(
            process.terminationReason == .exit && process.terminationStatus == 130,
            "\(process.terminationReason == .exit ? "exit" : "signal") \(process.terminationStatus): \(output.text)"
        )
        #expect(output.text.contains("interrupted before anything was written"), "\(output.text)")
        #expect(try fixture.git(["status", "--porcelain", "--untracked-files=all"]) == statusBefore)
        #expect(try fixture.git(["rev-parse", "HEAD"]) == headBefore)
        let treeAfter = snapshotTree(fixture.root).filter { !$0.key.hasPrefix("/.git/") }
        #expect(
            treeAfter == treeBefore,
            "changed: \(Set(treeAfter.keys).symmetricDifference(treeBefore.keys).sorted())"
        )
    }

    @Test func sigtermWhileACycleRunsEndsItsProcessGroupAndTheNextRunFinishes() async throws {
        let fixture = try FixtureProject.make()
        defer { fixture.remove() }
        let groupFile = fixture.folder.appendingPathComponent("cycle.group")
        let sleepFile = fixture.folder.appendingPathComponent("cycle.sleep")
        // The cycle: a shell (the group leader) that starts a day-long `sleep` in its group and waits for it. It must
        // outlast however long a loaded, sanitized test run takes to see it start (a minute was not enough).
        let script = "echo $$ > '\(groupFile.path)'; sleep 86400 & echo $! > '\(sleepFile.path)'; wait"
        try fixture.write(
            ".claude/config/autonomy-config.yaml",
            """
            # my settings
            session_completion:
              auto_push: true
              create_summary: true
              cycles:
                reflection:
                  command: [bash, -c, "\(script)"]
                  timeout_seconds: 600
            other_component:
              anything: goes

            """
        )
        try fixture.git([
            "commit", "--quiet", "-m", "Configure the reflection cycle", "--", ".claude/config/autonomy-config.yaml",
        ])

        let output = OutputCapture()
        let process = Process()
        process.executableURL = JarvisBinary.url
        process.arguments = ["--plain", "--yes", "--cycles", "reflection"]
        process.currentDirectoryURL = fixture.root
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output.pipe
        process.standardError = output.pipe
        try process.run()
        let started = await eventually(seconds: 60) { FileManager.default.fileExists(atPath: sleepFile.path) }
        #expect(started, "the cycle never started: \(output.text)")
        let group = try #require(
            pid_t(try String(contentsOf: groupFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
        )
        let sleeper = try #require(
            pid_t(try String(contentsOf: sleepFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
        )
        defer { if !CyclesTest.liveMembers(of: group).isEmpty { kill(-group, SIGKILL) } }
        #expect(CyclesTest.isAlive(sleeper))

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        output.stop()
        #expect(
            process.terminationReason == .exit && process.terminationStatus == 130,
            "\(process.terminationStatus): \(output.text)"
        )
        // Checked right away: the tool ends the group before it exits.
        #expect(CyclesTest.liveMembers(of: group).isEmpty, "the cycle's group \(group) outlived the tool")
        #expect(!CyclesTest.isAlive(sleeper), "sleep \(sleeper) outlived the tool")
        #expect(
            try fixture.git(["log", "--format=%s", "--extended-regexp", "--grep=^Session: "]).isEmpty,
            "nothing committed by the stopped run"
        )

        let rerun = try JarvisBinary.run(["--plain", "--yes", "--cycles", "none"], in: fixture.root)
        #expect(rerun.status == 0, "\(rerun.output.suffix(600))\(rerun.errorOutput)")
        #expect(
            try fixture.git(["log", "--format=%s", "--extended-regexp", "--grep=^Session: "]).split(separator: "\n")
                .count == 1
        )
        #expect(KilledRun.leftoverTempFiles(fixture.root).isEmpty)
        let status = try fixture.git(["status", "--porcelain", "--untracked-files=all"]).split(separator: "\n").map(
            String.init
        ).sorted()
        #expect(status == ["?? .env", "?? certs/server.pem"], "\(status)")
    }
}
