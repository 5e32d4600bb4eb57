import Completion
import Foundation
import Testing

/// `e` in the viewer with a real editor in a real terminal: the editor must get the keyboard, and the viewer the
/// terminal back afterwards.
@Suite(
    .serialized,
    .enabled(
        if: TmuxSession.available && ExecutableLocator.find("vi") != nil,
        "needs tmux and vi (scripts/setup installs them)"
    )
)
struct TmuxEditorTests {
    /// A Markdown file in a folder of its own, which is also the editor's HOME (vi keeps its history there).
    func makeFile() throws -> (folder: URL, file: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jt-editor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("notes.md")
        try "# Editor check\n\nUnique body line 4242\n".write(to: file, atomically: true, encoding: .utf8)
        return (folder, file)
    }

    func openViewer(_ file: URL, home: URL, editor: String) throws -> TmuxSession {
        let terminal = try TmuxSession(width: 100, height: 30)
        try terminal.type(
            "HOME='\(home.path)' VISUAL= EDITOR=\(editor) '\(TmuxSession.binary)' "
                + "summary '\(file.path)'; echo \"EXIT=$?\""
        )
        try terminal.waitFor("lines 1–")
        return terminal
    }

    func waitUntilGone(_ text: String, _ terminal: TmuxSession) throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while try terminal.screen().contains(text) {
            guard ContinuousClock.now < deadline else { Issue.record("\(text) stayed on screen"); return }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    @Test func viGetsTheKeyboardAndTheViewerComesBack() throws {
        let (folder, file) = try makeFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        let terminal = try openViewer(file, home: folder, editor: "vi")
        try terminal.press("e")
        // The raw Markdown (the viewer shows the heading without its #) in vi's window.
        let inVi = try terminal.waitFor("# Editor check")
        #expect(inVi.contains("Unique body line 4242"))
        try terminal.type(":q")
        let back = try terminal.waitFor("lines 1–")
        #expect(!back.contains("# Editor check"), "the viewer repainted the whole screen")
        #expect(back.contains("Unique body line 4242"))

        try terminal.press("e")
        try terminal.waitFor("# Editor check")
        try terminal.press("G", "o")
        try terminal.write("Added in vi")
        try terminal.waitFor("-- INSERT --")
        try terminal.press("Escape")
        try waitUntilGone("-- INSERT --", terminal)
        try terminal.type(":wq")
        // The viewer's status line and the new line together: the reloaded file, not vi's last screen.
        let deadline = ContinuousClock.now + .seconds(30)
        var edited = try terminal.screen()
        while !(edited.contains("lines 1–") && edited.contains("Added in vi")), ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            edited = try terminal.screen()
        }
        #expect(edited.contains("lines 1–") && edited.contains("Added in vi"), "\(edited)")
        #expect(!edited.contains("# Editor check"))
        try terminal.press("q")
        try terminal.waitFor("EXIT=0", inHistory: true)
        #expect(try String(contentsOf: file, encoding: .utf8).hasSuffix("Added in vi\n"))
        try TmuxEndToEndTests().expectUsablePrompt(terminal)
    }

    /// `$EDITOR` with arguments is run the way git runs it: `vi -R` opens the file read-only.
    @Test func anEditorCommandKeepsItsArguments() throws {
        let (folder, file) = try makeFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        let terminal = try openViewer(file, home: folder, editor: "'vi -R'")
        try terminal.press("e")
        try terminal.waitFor("[readonly]")
        try terminal.type(":q")
        try terminal.waitFor("lines 1–")
        try terminal.press("q")
        try terminal.waitFor("EXIT=0", inHistory: true)
    }

    @Test func aMissingEditorIsReportedInTheViewer() throws {
        let (folder, file) = try makeFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        let terminal = try openViewer(file, home: folder, editor: "jt-no-such-editor")
        try terminal.press("e")
        let shown = try terminal.waitFor("Editor not found: jt-no-such-editor")
        #expect(shown.contains("Unique body line 4242"))
        try terminal.press("j")
        try terminal.press("q")
        try terminal.waitFor("EXIT=0", inHistory: true)
        try TmuxEndToEndTests().expectUsablePrompt(terminal)
    }
}
