import ArgumentParser
import Completion
import Foundation

@main
struct JarvisCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jarvis-tui",
        abstract:
            "End an AI-agent coding session cleanly: Tier 2 cycles, the seven-step completion protocol, a session summary.",
        version: "0.1.0",
        subcommands: [
            EndSessionCommand.self, DemoCommand.self, InitCommand.self, DoctorCommand.self, HookCommand.self,
            RollbackCommand.self,
            SummaryCommand.self, ThemesCommand.self, ApproveMcpCommand.self,
        ],
        defaultSubcommand: EndSessionCommand.self
    )

    /// A closed stdout (`| head -1`) must not kill the run half-way: writes fail quietly instead. A file size limit
    /// (a full quota) must fail the write with EFBIG, which the steps report, instead of killing the process.
    static func main() async {
        MallocSettings.apply()
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
        await runWithDocumentedExitCodes()
    }
}
