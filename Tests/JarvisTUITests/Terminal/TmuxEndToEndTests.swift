import Foundation
import Testing

/// `jarvis-tui` in a real terminal (tmux), on a real sample project: what a person sees and what is left on disk.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux (scripts/setup installs it)"))
struct TmuxEndToEndTests {
    /// Terminal modes a restored terminal has again (curses turns them off).
    static let saneModes = "stty -a | tr ' ;' '\\n\\n' | grep -c -x -e echo -e icanon -e icrnl"

    func start(
        _ sample: TerminalSampleProject,
        width: Int = 100,
        height: Int = 30,
        arguments: String = ""
    ) throws -> TmuxSession {
        let terminal = try TmuxSession(width: width, height: height)
        try terminal.type(
            "cd '\(sample.root.path)' && '\(TmuxSession.binary)' end-session \(arguments); echo \"EXIT=$?\""
        )
        return terminal
    }

    func expectUsablePrompt(_ terminal: TmuxSession) throws {
        try terminal.type("clear; echo \"prompt-$((40 + 2))\"; \(Self.saneModes)")
        // The echo ran, the modes are back (3 of 3), and bash printed its prompt again.
        try terminal.waitFor("prompt-42\n3\n" + TmuxSession.prompt.trimmingCharacters(in: .whitespaces))
    }

    @Test func tickACycleConfirmReadTheSummaryAndQuit() throws {
        let sample = try TerminalSampleProject.make()
        defer { sample.remove() }
        let terminal = try start(sample)
        let offer = try terminal.waitFor("0 of 1 selected")
        #expect(offer.contains("Maintenance (AC-08)"))
        #expect(offer.contains("uncommitted changes"))
        #expect(offer.contains("q/Esc cancel"))
        // The cursor starts on the first available cycle, the only one here.
        try terminal.press("Space")
        try terminal.waitFor("1 of 1 selected")
        try terminal.press("Enter")
        try terminal.enterReview()
        // The status line is drawn after the body: waiting for it means the whole frame is there.
        let summary = try terminal.waitFor("lines 1–")
        #expect(summary.contains("Session Summary"))
        try terminal.press("G")
        try terminal.waitFor("100%")
        try terminal.press("q")
        let closing = try terminal.waitFor("EXIT=0", inHistory: true)
        #expect(closing.contains("Session completed"))
        #expect(sample.summaries.count == 1)
        #expect(sample.git("log", "-1", "--format=%s").hasPrefix("Session:"))
        #expect(sample.git("show", "--stat", "HEAD").contains(".claude/reports/sessions/"))
        try expectUsablePrompt(terminal)
    }

    @Test func qOnTheOfferExitsOneAndWritesNothing() throws {
        let sample = try TerminalSampleProject.make()
        defer { sample.remove() }
        let status = sample.git("status", "--porcelain")
        let head = sample.git("rev-parse", "HEAD")
        let terminal = try start(sample)
        try terminal.waitFor("Skip and end session")
        try terminal.press("q")
        let closing = try terminal.waitFor("EXIT=1", inHistory: true)
        #expect(closing.contains("Cancelled: nothing was written."))
        #expect(sample.summaries.isEmpty)
        #expect(sample.git("status", "--porcelain") == status)
        #expect(sample.git("rev-parse", "HEAD") == head)
        #expect(
            !FileManager.default.fileExists(
                atPath: sample.root.appendingPathComponent(".claude/logs/session-completion.log").path
            )
        )
        try expectUsablePrompt(terminal)
    }

    @Test func escapeCancelsAtOnce() throws {
        let sample = try TerminalSampleProject.make()
        defer { sample.remove() }
        let terminal = try start(sample)
        try terminal.waitFor("Skip and end session")
        let pressed = ContinuousClock.now
        try terminal.press("Escape")
        try terminal.waitFor("EXIT=1", inHistory: true)
        // Generous for a loaded CI machine; the curses default ESCDELAY alone would be one second. A sanitized build
        // (scripts/sanitize sets JARVIS_SANITIZER) runs several times slower, so the bound says nothing there.
        if ProcessInfo.processInfo.environment["JARVIS_SANITIZER"] == nil {
            #expect(ContinuousClock.now - pressed < .milliseconds(900))
        }
    }

    @Test func resizingBelowTheMinimumAndBackDuringProgress() throws {
        let sample = try TerminalSampleProject.make(cycle: ["sleep", "4"])
        defer { sample.remove() }
        let terminal = try start(sample)
        try terminal.waitFor("0 of 1 selected")
        try terminal.press("4", "Enter")
        try terminal.waitFor("running")
        try terminal.resize(width: 40, height: 12)
        // Wait for the last line of each frame, so a capture never lands in the middle of a redraw.
        let small = try terminal.waitFor("Enlarge the window")
        #expect(small.contains("40×12, need 60×16"))
        #expect(!small.contains("Completion protocol"))
        try terminal.resize(width: 100, height: 30)
        let restored = try terminal.waitFor("Ctrl-C/q stop after step")
        #expect(restored.contains("Maintenance (AC-08)"))
        #expect(!restored.contains("Terminal too small"))
        try terminal.enterReview()
        try terminal.waitFor("Session Summary", timeout: .seconds(40))
        try terminal.press("q")
        try terminal.waitFor("EXIT=0", inHistory: true)
        try expectUsablePrompt(terminal)
    }

    @Test func ctrlCAsksThenStopsAfterTheRunningStep() throws {
        let sample = try TerminalSampleProject.make(cycle: ["sleep", "3"])
        defer { sample.remove() }
        let terminal = try start(sample)
        try terminal.waitFor("0 of 1 selected")
        try terminal.press("4", "Enter")
        try terminal.waitFor("running")
        try terminal.press("C-c")
        try terminal.waitFor("Stop after the current step?")
        try terminal.press("y")
        try terminal.enterReview()
        let summary = try terminal.waitFor("lines 1–", timeout: .seconds(40))
        #expect(summary.contains("jarvis-tui · stopped by the user"))
        try terminal.press("q")
        try terminal.waitFor("EXIT=130", inHistory: true)
        #expect(sample.git("log", "-1", "--format=%s").hasPrefix("Session:") == false)
        try expectUsablePrompt(terminal)
    }

    @Test func aSecondCtrlCStopsAtOnceAndRestoresTheTerminal() throws {
        let sample = try TerminalSampleProject.make(cycle: ["sleep", "20"])
        defer { sample.remove() }
        let terminal = try start(sample)
        try terminal.waitFor("0 of 1 selected")
        try terminal.press("4", "Enter")
        try terminal.waitFor("running")
        try terminal.press("C-c")
        try terminal.waitFor("Stop after the current step?")
        try terminal.press("C-c")
        try terminal.waitFor("EXIT=130", inHistory: true, timeout: .seconds(10))
        try expectUsablePrompt(terminal)
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let sample = try TerminalSampleProject.make()
        defer { sample.remove() }
        let terminal = try TmuxSession(width: 100, height: 30)
        let pidFile = sample.demo.folder.appendingPathComponent("jarvis.pid")
        try terminal.type(
            "cd '\(sample.root.path)' && sh -c 'echo $$ > \"$1\"; exec \"$0\" end-session' '\(TmuxSession.binary)' '\(pidFile.path)'; echo \"EXIT=$?\""
        )
        try terminal.waitFor("Skip and end session")
        let pidText = try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try #require(Int32(pidText))
        kill(pid, SIGTERM)
        let closing = try terminal.waitFor("EXIT=130", inHistory: true)
        #expect(closing.contains("interrupted before anything was written"))
        #expect(sample.summaries.isEmpty)
        try expectUsablePrompt(terminal)
    }

    /// A crash signal (here sent from outside, as a fault would raise it) still leaves a working terminal.
    @Test func aCrashRestoresTheTerminal() throws {
        let sample = try TerminalSampleProject.make()
        defer { sample.remove() }
        let terminal = try TmuxSession(width: 100, height: 30)
        let pidFile = sample.demo.folder.appendingPathComponent("jarvis.pid")
        try terminal.type(
            "cd '\(sample.root.path)' && sh -c 'echo $$ > \"$1\"; exec \"$0\" end-session' '\(TmuxSession.binary)' '\(pidFile.path)'; echo \"EXIT=$?\""
        )
        try terminal.waitFor("Skip and end session")
        let pid = try #require(
            Int32(try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
        )
        kill(pid, SIGSEGV)
        try terminal.waitFor("EXIT=139", inHistory: true)
        try expectUsablePrompt(terminal)
    }

    @Test func aTerminalThatCannotAddressTheCursorGetsPlainOutput() throws {
        let sample = try TerminalSampleProject.make()
        defer { sample.remove() }
        let terminal = try TmuxSession(width: 100, height: 30)
        try terminal.type(
            "cd '\(sample.root.path)' && TERM=dumb '\(TmuxSession.binary)' end-session --quick; echo \"EXIT=$?\""
        )
        let output = try terminal.waitFor("EXIT=0", inHistory: true)
        #expect(output.contains("[1/7] Work state capture"))
        #expect(!output.contains("\u{1B}["))
    }
}

@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux (scripts/setup installs it)"))
struct TmuxSummaryViewerTests {
    @Test func summaryOpensTheViewerSearchesEditsAndQuits() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jt-viewer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("notes.md")
        let body = (1...60).map { "Line \($0)\($0 == 45 ? " has the **needle**" : "")" }.joined(separator: "\n\n")
        try "# Notes 漢字\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\(body)\n".write(
            to: file,
            atomically: true,
            encoding: .utf8
        )
        // An honest stand-in editor: appends a line to the file it is given, as a person would.
        let editor = folder.appendingPathComponent("editor.sh")
        try "#!/bin/sh\necho 'Appended by the editor' >> \"$1\"\n".write(to: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor.path)

        let terminal = try TmuxSession(width: 100, height: 30)
        try terminal.type("VISUAL='\(editor.path)' '\(TmuxSession.binary)' summary '\(file.path)'; echo \"EXIT=$?\"")
        let first = try terminal.waitFor("Notes 漢字")
        #expect(first.contains("a │ b"))
        try terminal.press("/")
        try terminal.waitFor("/_")
        try terminal.press("n", "e", "e", "d", "l", "e", "Enter")
        let found = try terminal.waitFor("match 1 of 1")
        #expect(found.contains("Line 45 has the needle"))
        try terminal.press("e")
        try terminal.press("G")
        try terminal.waitFor("Appended by the editor")
        try terminal.press("q")
        try terminal.waitFor("EXIT=0", inHistory: true)
        #expect(try String(contentsOf: file, encoding: .utf8).hasSuffix("Appended by the editor\n"))
    }

    func openViewer(environment: String) throws -> (TmuxSession, URL) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jt-style-\(UUID().uuidString).md")
        try "# Heading\n\n- item **bold**\n\n---\n".write(to: file, atomically: true, encoding: .utf8)
        let terminal = try TmuxSession(width: 80, height: 24)
        try terminal.type("\(environment) '\(TmuxSession.binary)' summary '\(file.path)'; echo \"EXIT=$?\"")
        try terminal.waitFor("lines 1")
        return (terminal, file)
    }

    /// SGR colour parameters (30–38, 40–48, 90–97, 100–107; not 39/49, the default colours) in captured escapes.
    static func colourCodes(_ styled: String) -> [String] {
        var found: [String] = []
        for match in styled.split(separator: "\u{1B}").dropFirst() where match.hasPrefix("[") {
            guard let end = match.firstIndex(of: "m") else { continue }
            let parameters = match[match.index(after: match.startIndex)..<end].split(separator: ";").compactMap {
                Int($0)
            }
            if parameters.contains(where: {
                (30...38).contains($0) || (40...48).contains($0) || (90...107).contains($0)
            }) {
                found.append(String(match[..<end]))
            }
        }
        return found
    }

    @Test func themesColourTheViewerAndNoColorTurnsColourOff() throws {
        let (coloured, first) = try openViewer(environment: "TERM=xterm-256color")
        defer { try? FileManager.default.removeItem(at: first) }
        #expect(!Self.colourCodes(try coloured.styledScreen()).isEmpty)
        try coloured.press("q")
        try coloured.waitFor("EXIT=0", inHistory: true)

        let (mono, second) = try openViewer(environment: "TERM=xterm-256color NO_COLOR=1")
        defer { try? FileManager.default.removeItem(at: second) }
        let styled = try mono.styledScreen()
        #expect(Self.colourCodes(styled).isEmpty, "NO_COLOR: attributes only")
        #expect(
            styled.contains("\u{1B}[1m") || styled.contains("\u{1B}[7m"),
            "mono still marks headings and the footer"
        )
        try mono.press("q")
        try mono.waitFor("EXIT=0", inHistory: true)
    }

    /// The linux console has no alternate screen: what the viewer drew would stay under the prompt unless it is
    /// cleared on the way out.
    @Test func aTerminalWithoutAnAlternateScreenIsClearedOnExit() throws {
        let (terminal, file) = try openViewer(environment: "TERM=linux")
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try terminal.screen().contains("Heading"))
        try terminal.press("q")
        let after = try terminal.waitFor("EXIT=0")
        #expect(!after.contains("Heading"), "the viewer's last frame stayed on screen:\n\(after)")
        #expect(!after.contains("lines 1"), "the viewer's last frame stayed on screen:\n\(after)")
    }

    @Test func aNonUTF8LocaleGetsASCIIGlyphs() throws {
        let (terminal, file) = try openViewer(environment: "LC_ALL=C LANG=C")
        defer { try? FileManager.default.removeItem(at: file) }
        let screen = try terminal.screen()
        #expect(screen.contains("* item bold"))
        #expect(!screen.contains("•"))
        #expect(!screen.contains("─"))
        #expect(screen.contains("jarvis-tui - "), "the title bar's separator in ASCII")
        #expect(screen.contains("up/dn/jk scroll"))
        #expect(!screen.unicodeScalars.contains { $0.value > 0x7F }, "non-ASCII on a C-locale screen:\n\(screen)")
        try terminal.press("q")
        try terminal.waitFor("EXIT=0", inHistory: true)
    }
}
