import ArgumentParser
import Completion
import Foundation

struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Undo the last completion, all or nothing: reset an unpushed session commit, restore the files "
            + "the run rewrote.",
        discussion: """
            Prints the plan first (lines `reset`, `restore`, `delete`, `refuse`), then asks at a terminal (y/N). \
            A pushed session commit is never reset (the plan names the `git revert` that undoes it), nor a file \
            changed since the run; while anything is refused nothing is changed, unless --partial. Anything staged \
            since the run stays staged. It takes the project's run lock: while a run is completing the project it \
            exits 1 naming that run (--wait waits for it). Exit status: 0 undone (or nothing to undo), 1 something \
            refused, cancelled, or another run holds the lock, 2 no project or manifest, or no terminal to ask and \
            no --yes.
            """
    )

    @Option(name: .long, help: "The project (default: nearest folder with .claude/ at or above the working directory).")
    var project: String?

    @Flag(name: .long, help: "Print the plan and change nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Do not ask (for scripts).")
    var yes = false

    @Flag(name: .long, help: "Undo what can be undone even when other parts must be refused.")
    var partial = false

    @Flag(name: .long, help: "When a jarvis-tui run is completing this project, wait for it instead of exiting.")
    var wait = false

    func run() throws {
        let start = try StartFolder.resolve(project, command: "jarvis-tui rollback")
        guard let found = Project.discover(from: start) else {
            StandardOutput.error("jarvis-tui rollback: \(ProjectNotFound(start: start.path))")
            throw ExitCode(2)
        }
        let lock = try takeRunLock(found)
        defer { lock?.release() }
        let rollback = Rollback(project: found)
        let plan: RollbackPlan
        do {
            plan = try rollback.plan()
        } catch {
            StandardOutput.error("jarvis-tui rollback: \(error)")
            throw ExitCode(2)
        }
        StandardOutput.write(
            "Rollback of the last completion (\(TerminalText.inert(plan.runID))) "
                + "in \(found.root.path)\n"
        )
        if plan.rolledBackAt != nil || plan.isEmpty {
            show(rollback.execute(plan, partial: false))
            return
        }
        for line in plan.lines { StandardOutput.write(TerminalText.inert(line) + "\n") }
        if !plan.refusals.isEmpty && !partial {
            StandardOutput.write(
                "Nothing was changed: \(plan.refusals.count) part(s) cannot be undone "
                    + "(refuse, above). "
                    + "`jarvis-tui rollback --partial` undoes the rest.\n"
            )
            throw ExitCode(1)
        }
        if dryRun {
            StandardOutput.write("Dry run: nothing was changed.\n")
            if !plan.refusals.isEmpty { throw ExitCode(1) }
            return
        }
        try confirm(plan)
        let report = rollback.execute(plan, partial: partial)
        show(report)
        if !report.refused.isEmpty { throw ExitCode(1) }
    }

    /// The project's run lock, held until the rollback ends, so that no run writes while it plans and undoes. Nil
    /// when the lock file cannot be used: the rollback goes on, saying so, as a run does.
    private func takeRunLock(_ project: Project) throws -> RunLock? {
        let wait = wait
        let attempt = ThreadWork.blockingAwait {
            await RunLock.acquire(
                project,
                wait: wait,
                now: Date(),
                activity: .rollback,
                waiting: { StandardOutput.error("jarvis-tui rollback: \($0)") }
            )
        }
        switch attempt {
        case .acquired(let lock): return lock
        case .unavailable(let sentence):
            StandardOutput.error("jarvis-tui rollback: warning: \(sentence)")
            return nil
        case .held(let sentence):
            StandardOutput.error("jarvis-tui rollback: \(sentence)")
            throw ExitCode(1)
        case .stopped:
            throw ExitCode(130)
        }
    }

    /// `--yes`, or a yes typed at the terminal; without a terminal to ask, nothing happens.
    private func confirm(_ plan: RollbackPlan) throws {
        guard !yes else { return }
        guard OutputMode.stdinIsTerminal else {
            StandardOutput.error(
                "jarvis-tui rollback: no terminal to ask, so nothing was changed; "
                    + "pass --yes to roll back without asking"
            )
            throw ExitCode(2)
        }
        StandardOutput.write("Undo \(plan.actions.count) part(s) of the last completion? [y/N] ")
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "y" || answer == "yes" else {
            StandardOutput.write("Cancelled: nothing was changed.\n")
            throw ExitCode(1)
        }
    }

    private func show(_ report: Rollback.Report) {
        for line in report.lines { StandardOutput.write(TerminalText.inert(line) + "\n") }
    }
}
