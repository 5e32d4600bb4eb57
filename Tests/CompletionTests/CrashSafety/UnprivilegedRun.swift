import Foundation
import Testing

@testable import Completion

/// Runs `jarvis-tui` so that file permissions bind it. The tests run as root in CI, and root writes through
/// any mode bits: there the binary runs as `nobody` (65534) through `setpriv`, on a fixture handed to that user
/// first. Run as anyone else, the modes already bind and the binary runs as is.
enum UnprivilegedRun {
    static let nobody: uid_t = 65534
    static var asRoot: Bool { getuid() == 0 }

    /// Hands the fixture folder to the user the binary will run as (a no-op when not root), with a home of its own.
    static func prepare(_ folder: URL) throws {
        try FileManager.default.createDirectory(at: home(folder), withIntermediateDirectories: true)
        if asRoot { try shell(["chown", "-R", "\(nobody):\(nobody)", folder.path]) }
    }

    /// Gives the folder back to root, writable again, so the test's own git calls and the cleanup work.
    static func restore(_ folder: URL) {
        if asRoot { _ = try? ProcessRunner.run(["chown", "-R", "0:0", folder.path]) }
        _ = try? ProcessRunner.run(["chmod", "-R", "u+w", folder.path])
    }

    static func run(_ arguments: [String], in directory: URL, folder: URL) throws -> ProcessResult {
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = home(folder).path
        env["GIT_TERMINAL_PROMPT"] = "0"
        var argv = [JarvisBinary.url.path] + arguments
        if asRoot {
            argv = ["/usr/bin/setpriv", "--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", "--"] + argv
        }
        let result = try ProcessRunner.run(argv, in: directory, environment: env, timeout: .seconds(120))
        expectNoFoundationDump(result)
        return result
    }

    @discardableResult
    static func shell(_ argv: [String]) throws -> ProcessResult {
        let result = try ProcessRunner.run(argv, in: URL(fileURLWithPath: "/"))
        guard result.succeeded else { throw ProcessLaunchError(program: argv[0], reason: result.errorOutput) }
        return result
    }

    private static func home(_ folder: URL) -> URL { folder.appendingPathComponent("home") }
}
