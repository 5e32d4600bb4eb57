import Foundation
import Testing

@testable import Completion

/// Jarvis' `.jicm-exit-mode.signal`: created by the run, removed on every way out, a lock only while its owner lives.
@Suite("JICM exit-mode signal")
struct ExitModeSignalTests {
    @Test(
        "a signal naming no live process is stale: the run warns and goes on at once",
        arguments: ["dead", "empty", "old"]
    )
    func staleSignalDoesNotBlock(kind: String) async throws {
        let repository = try GitTestRepository()
        let sleeper = try BackgroundProcess(["sleep", "300"])
        defer { sleeper.stop() }
        switch kind {
        case "dead":
            let gone = try BackgroundProcess(["true"])
            while !gone.hasExited { try await Task.sleep(for: .milliseconds(20)) }
            try repository.write(ExitModeSignal.path, "\(gone.pid)\n")
        case "empty":
            try repository.write(ExitModeSignal.path, "")  // Jarvis' own `touch`
        default:
            // A live process, but the file is older than the wait: nobody holds a signal that long.
            try repository.write(ExitModeSignal.path, "\(sleeper.pid)\n")
            let old = Date().addingTimeInterval(-3600)
            let path = repository.url(ExitModeSignal.path).path
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
        }
        try repository.write("work.txt", "work\n")
        let run = await JarvisTestRun.complete(JarvisTestRun.plan(repository))
        // No wait at all (a stale signal used to hold every run for 120 s, then end it with nothing written).
        #expect(!run.warnings.contains { $0.contains("waiting for a destructive operation") }, "\(run.warnings)")
        #expect(run.result?.exitStatus == .completed)
        #expect(run.warnings.contains { $0.hasPrefix("\(ExitModeSignal.path) is stale (") }, "\(run.warnings)")
        #expect(repository.read(ExitModeSignal.path) == nil)
        #expect(repository.headSubject.hasPrefix("Session: "))
    }

    @Test("the run holds the signal with its process id while it runs and removes it when stopped")
    func heldWhileRunningRemovedWhenStopped() async throws {
        let repository = try GitTestRepository()
        try repository.write("work.txt", "work\n")
        let control = RunControl()
        control.pause()
        let (run, task) = JarvisTestRun.start(JarvisTestRun.plan(repository, control: control))
        // The signal comes after the gather, which runs git on the same two pool threads as every other suite's
        // runs: with the whole suite running under a sanitizer it took over two minutes to get its turn.
        let appeared = await JarvisTestRun.waitFor(.seconds(600)) { repository.read(ExitModeSignal.path) != nil }
        #expect(appeared)
        let content = String(decoding: repository.read(ExitModeSignal.path) ?? Data(), as: UTF8.self)
        #expect(content == "\(getpid())\n")
        control.requestStop()
        await task.value
        #expect(run.result?.exitStatus == .interrupted)
        #expect(repository.read(ExitModeSignal.path) == nil)
        // Never committed: it is one of Jarvis' runtime files.
        #expect(!repository.committedPaths.contains(ExitModeSignal.path))
    }

    @Test("a signal another live process holds is a lock; its owner's file is left alone")
    func liveOwnerIsALock() async throws {
        let repository = try GitTestRepository()
        let owner = try BackgroundProcess(["sleep", "300"])
        defer { owner.stop() }
        try repository.write(ExitModeSignal.path, "\(owner.pid)\n")
        let signal = ExitModeSignal(project: repository.project)
        #expect(signal.inspect(maxAge: 120) == .held(pid: owner.pid))
        signal.release()
        #expect(repository.read(ExitModeSignal.path) == Data("\(owner.pid)\n".utf8))
        owner.stop()
        #expect(signal.inspect(maxAge: 120) == .stale("its process \(owner.pid) is no longer running"))
    }
}

/// A step that really fails: the signal still goes, and the run still ends as the contract says.
@Suite("JICM exit-mode signal after a failed step")
struct ExitModeSignalFailureTests {
    @Test(
        "a failed step: the signal existed while the steps ran and is gone after; the run exits 0 with the failure listed",
        arguments: ["unreadable state file", "refused commit"]
    )
    func removedAfterAFailedStep(failure: String) async throws {
        let repository = try GitTestRepository()
        try repository.write("work.txt", "work\n")
        // A hook that copies the signal when step 5 commits: proof that the run held it while the steps ran.
        let copy = "cp .claude/context/.jicm-exit-mode.signal ../signal-during-commit 2>/dev/null"
        let failed: StepID
        switch failure {
        case "unreadable state file":
            // A folder where step 1 must read and rewrite a file.
            try? FileManager.default.removeItem(at: repository.url(".claude/context/session-state.md"))
            try FileManager.default.createDirectory(
                at: repository.url(".claude/context/session-state.md/inside"),
                withIntermediateDirectories: true
            )
            try repository.write(".git/hooks/pre-commit", "#!/bin/sh\n\(copy)\nexit 0\n")
            failed = .stateCapture
        default:
            // The repository's own hook refuses the session commit.
            try repository.write(".git/hooks/pre-commit", "#!/bin/sh\n\(copy)\necho refused >&2\nexit 1\n")
            failed = .git
        }
        chmod(repository.url(".git/hooks/pre-commit").path, 0o755)
        let run = await JarvisTestRun.complete(JarvisTestRun.plan(repository))
        let result = try #require(run.result)
        let outcome = result.steps.first { $0.step == failed }?.outcome
        #expect(outcome?.kind == .failed, "\(failed): \(outcome.map { "\($0)" } ?? "not run")")
        // Exit status 0: a partial completion, its failure listed; 1, 2 and 3 mean other things.
        #expect(result.exitStatus == .completed && result.exitStatus.rawValue == 0)
        let during = repository.folder.url.appendingPathComponent("signal-during-commit")
        #expect(FileManager.default.contents(atPath: during.path) == Data("\(getpid())\n".utf8))
        #expect(repository.read(ExitModeSignal.path) == nil)
    }
}
