import ArgumentParser
import Foundation

/// What the argument parser cannot say well, checked before it runs: an unknown subcommand (which the default
/// subcommand would otherwise report as an unexpected argument of `end-session`) and a `--project` path that is
/// empty, missing or a file. Each problem is one sentence for standard error; the caller exits with status 2.
enum CommandLineCheck {
    /// Read from the command's own list, so a new subcommand can never be reported as unknown.
    static let subcommands = JarvisCommand.configuration.subcommands.map { $0._commandName } + ["help"]

    /// The message for the first problem in `arguments` (without the program name), nil when there is none.
    static func problem(in arguments: [String], workingDirectory: String) -> String? {
        if let unknown = unknownSubcommand(arguments) { return unknown }
        return projectProblem(arguments, workingDirectory: workingDirectory)
    }

    static func unknownSubcommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !subcommands.contains(first) else { return nil }
        let listed = subcommands.filter { $0 != "help" }.joined(separator: ", ")
        var message = "jarvis-tui: unknown command '\(first)'."
        if let nearest = nearest(to: first) { message += " Did you mean '\(nearest)'?" }
        return message + " Commands: \(listed) (see jarvis-tui --help)."
    }

    /// The subcommand within an edit distance that a typo can explain (at most a third of the word).
    static func nearest(to word: String) -> String? {
        let scored = subcommands.map { ($0, distance(word.lowercased(), $0)) }.min { $0.1 < $1.1 }
        guard let (name, score) = scored, score <= max(2, name.count / 3) else { return nil }
        return name
    }

    /// Levenshtein distance: insertions, deletions and substitutions of one character each.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }

    static func projectProblem(_ arguments: [String], workingDirectory: String) -> String? {
        guard let value = projectValue(arguments) else { return nil }
        if value.isEmpty {
            return "jarvis-tui: --project is empty; give the project's folder (or leave the option out to use "
                + "the working directory)."
        }
        let path = value.hasPrefix("/") ? value : workingDirectory + "/" + value
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "jarvis-tui: --project \(value): no such folder; check the path."
        }
        guard isDirectory.boolValue else {
            return "jarvis-tui: --project \(value) is a file, not a folder; give the project's folder."
        }
        return nil
    }

    /// The last `--project VALUE` / `--project=VALUE` before a `--` (the parser keeps the last one too).
    static func projectValue(_ arguments: [String]) -> String? {
        var value: String?
        var index = 0
        while index < arguments.count, arguments[index] != "--" {
            let argument = arguments[index]
            if argument == "--project" {
                value = index + 1 < arguments.count ? arguments[index + 1] : nil
                index += 1
            } else if argument.hasPrefix("--project=") {
                value = String(argument.dropFirst("--project=".count))
            }
            index += 1
        }
        return value
    }
}

extension JarvisCommand {
    /// Parses and runs like `main()`, with the documented exit codes: every usage error (an unknown subcommand, a
    /// bad `--project`, an option the parser rejects) exits 2, where the argument parser would exit 64.
    static func runWithDocumentedExitCodes() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let workingDirectory = FileManager.default.currentDirectoryPath
        if let problem = CommandLineCheck.problem(in: arguments, workingDirectory: workingDirectory) {
            FileHandle.standardError.write(Data((problem + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
