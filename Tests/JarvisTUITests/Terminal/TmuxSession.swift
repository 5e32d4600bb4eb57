import Completion
import Foundation
import TestSupport
import Testing

/// A real terminal for end-to-end tests: a tmux server on its own socket (`tmux -L`), one pane running bash,
/// keys sent with `send-keys`, the screen read with `capture-pane`.
final class TmuxSession {
    let socket = "jt-ui-\(UUID().uuidString.prefix(8).lowercased())"
    static let prompt = "JT-READY$ "

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// The `jarvis-tui` built with the tests.
    static var binary: String { BuiltBinary.url("jarvis-tui").path }

    init(width: Int, height: Int) throws {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "NO_COLOR")
        environment.removeValue(forKey: "TMUX")
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        try tmux(
            [
                "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", "main",
                "env PS1='\(Self.prompt)' bash --norc --noprofile",
            ],
            environment: environment
        )
        try tmux(["set-option", "-g", "status", "off"])
        try waitFor(Self.prompt.trimmingCharacters(in: .whitespaces), timeout: .seconds(10))
    }

    deinit { close() }

    func close() {
        do { try tmux(["kill-server"]) } catch {
            FileHandle.standardError.write(Data("tmux kill-server failed: \(error)\n".utf8))
        }
        let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(folder)/tmux-\(getuid())/\(socket)")
    }

    func type(_ line: String) throws {
        try write(line)
        try tmux(["send-keys", "-t", "main", "Enter"])
    }

    /// Text as typed, without the Enter of `type`.
    func write(_ text: String) throws {
        try tmux(["send-keys", "-t", "main", "-l", text])
    }

    /// tmux key names: "j", "Space", "Enter", "Escape", "C-c", "G"…
    func press(_ keys: String...) throws {
        for key in keys { try tmux(["send-keys", "-t", "main", key]) }
    }

    /// Turns the mouse wheel one notch, as tmux passes a real wheel event on to the program: in the encoding the
    /// program asked for (SGR when it turned on mode 1006, else the X10 bytes of mode 1000). A program that asked
    /// for no mouse reports gets nothing from a terminal, so that is an error here.
    func wheel(up: Bool, x: Int = 10, y: Int = 10, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let flags = try tmux([
            "display-message", "-p", "-t", "main",
            "#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag} #{mouse_sgr_flag}",
        ]).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        guard flags.count == 2, flags[0].contains("1") else {
            Issue.record("the program did not ask for mouse reports (\(flags))", sourceLocation: sourceLocation)
            throw TmuxError(message: "no mouse mode")
        }
        let button = up ? 64 : 65
        let bytes: [UInt8] =
            flags[1] == "1"
            ? Array("\u{1B}[<\(button);\(x);\(y)M".utf8)
            : [0x1B, 0x5B, 0x4D, UInt8(32 + button), UInt8(32 + x), UInt8(32 + y)]
        try tmux(["send-keys", "-t", "main", "-H"] + bytes.map { String(format: "%02x", $0) })
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The screen with its colours and attributes as escape sequences (`capture-pane -e`).
    func styledScreen() throws -> String {
        try tmux(["capture-pane", "-p", "-e", "-t", "main"])
    }

    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", "main"])
    }

    /// The whole pane history too: closing lines printed after the full-screen UI ended.
    func history() throws -> String {
        try tmux(["capture-pane", "-p", "-S", "-200", "-t", "main"])
    }

    @discardableResult
    func waitFor(
        _ text: String,
        inHistory: Bool = false,
        timeout: Duration = .seconds(30),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        try waitUntil(text.debugDescription, inHistory: inHistory, timeout: timeout, sourceLocation: sourceLocation) {
            $0.contains(text)
        }
    }

    /// Waits for a screen row that holds every one of `parts` (a step's name and its state); returns the screen.
    @discardableResult
    func waitForRow(
        _ parts: [String],
        timeout: Duration = .seconds(40),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        try waitUntil("a row with \(parts)", timeout: timeout, sourceLocation: sourceLocation) { screen in
            screen.split(separator: "\n").contains { row in parts.allSatisfy { row.contains($0) } }
        }
    }

    /// Reads the screen (or the history) until `matches` holds; records what was on screen when it never does.
    private func waitUntil(
        _ description: String,
        inHistory: Bool = false,
        timeout: Duration,
        sourceLocation: SourceLocation,
        matches: (String) -> Bool
    ) throws -> String {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            last = inHistory ? try history() : try screen()
            if matches(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("timed out waiting for \(description); the screen was:\n\(last)", sourceLocation: sourceLocation)
        throw TmuxError(message: "timeout waiting for \(description)")
    }

    /// After a run's steps the progress view stays with "Done — Enter: review"; Enter opens the review.
    func enterReview(timeout: Duration = .seconds(60), sourceLocation: SourceLocation = #_sourceLocation) throws {
        try waitFor("Done — Enter: review", timeout: timeout, sourceLocation: sourceLocation)
        try press("Enter")
    }

    func waitUntilGone(
        _ text: String,
        timeout: Duration = .seconds(10),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let deadline = ContinuousClock.now + timeout
        var last = try screen()
        while last.contains(text) {
            guard ContinuousClock.now < deadline else {
                Issue.record("\(text.debugDescription) stayed on screen:\n\(last)", sourceLocation: sourceLocation)
                throw TmuxError(message: "\(text) stayed")
            }
            Thread.sleep(forTimeInterval: 0.05)
            last = try screen()
        }
    }

    /// Spawned through `Spawn` and reaped with waitpid: Foundation's `Process` waits for a descriptor that the
    /// daemonised tmux server inherits, so it would never see the client exit.
    @discardableResult
    private func tmux(_ arguments: [String], environment: [String: String]? = nil) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        // The server must not inherit this process's blocked or ignored signals: `Spawn` resets them.
        let pid: pid_t
        do {
            pid = try Spawn.start(
                ChildSpec(
                    executable: "/usr/bin/tmux",
                    arguments: ["tmux", "-L", socket] + arguments,
                    environment: environment ?? ProcessInfo.processInfo.environment,
                    output: .file(output.path),
                    errorOutput: .sameAsOutput,
                    ownProcessGroup: false
                )
            ).pid
        } catch {
            throw TmuxError(message: "cannot start tmux: \(error)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard status == 0 else { throw TmuxError(message: "tmux \(arguments.joined(separator: " ")): \(text)") }
        return text
    }
}

struct TmuxError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
