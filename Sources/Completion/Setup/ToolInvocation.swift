import Foundation

/// How the files `init` writes (hooks, the slash command) call jarvis-tui. Claude Code runs a hook command through
/// a shell with its own PATH; a bare `jarvis-tui` that does not resolve there fails on every prompt. So the
/// personal form names the binary that ran `init` by its absolute path when `jarvis-tui` is not on PATH, and the
/// shared form (committed for a whole team) looks the tool up at run time and stays silent where it is missing.
package struct ToolInvocation: Sendable, Equatable {
    package static let name = "jarvis-tui"
    /// Where `scripts/install` puts the binary by default, relative to `$HOME`; the shared form tries it too.
    package static let defaultInstallPath = ".local/bin/jarvis-tui"

    /// The program the personal form runs: `jarvis-tui` or an absolute path.
    package let program: String
    /// The shared form: commands that exit 0 silently on a machine without the tool.
    package let shared: Bool

    package init(program: String = ToolInvocation.name, shared: Bool = false) {
        self.program = program
        self.shared = shared
    }

    /// The bare name when `jarvis-tui` is on PATH, else the absolute path of the running binary (`executable`),
    /// when that binary is jarvis-tui (not a test runner that hosts the library).
    package static func resolve(executable: String?, path: String?, shared: Bool) -> ToolInvocation {
        guard !shared, let executable, (executable as NSString).lastPathComponent == name,
            ExecutableLocator.find(name, path: path) == nil
        else {
            return ToolInvocation(shared: shared)
        }
        return ToolInvocation(program: executable, shared: false)
    }

    /// The running binary, as the kernel knows it (symlinks resolved).
    package static var runningExecutable: String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True when the files name the binary by an absolute path because `jarvis-tui` is not on PATH.
    package var usesAbsolutePath: Bool { program.hasPrefix("/") }

    /// The program as a shell word.
    package var shellProgram: String { Self.shellQuoted(program) }

    /// The hook command for `event` (`user-prompt-submit`, …).
    package func hookCommand(_ event: String) -> String {
        guard shared else { return "\(shellProgram) hook \(event)" }
        return "j=$(command -v \(Self.name) || echo \"$HOME/\(Self.defaultInstallPath)\"); "
            + "[ -x \"$j\" ] || exit 0; exec \"$j\" hook \(event)"
    }

    /// Single-quotes a word for sh when it holds anything but safe characters.
    package static func shellQuoted(_ word: String) -> String {
        let safe = CharacterSet(
            charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+:=@%,"
        )
        if !word.isEmpty, word.unicodeScalars.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
