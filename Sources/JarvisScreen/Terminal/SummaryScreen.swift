import Completion
import Foundation

/// `jarvis-tui summary [FILE]`: the same viewer as at the end of a run, for any Markdown file.
package struct SummaryScreen: Sendable {
    package var path: String
    package var markdown: String
    package var theme: String?
    package var environment: [String: String]
    /// Shown after the file, also when it is read back after editing: the final outcome of its run.
    package var appendix: String?

    package init(path: String, markdown: String, theme: String?, environment: [String: String], appendix: String? = nil)
    {
        self.appendix = appendix
        self.path = path
        self.markdown = markdown
        self.theme = theme
        self.environment = environment
    }

    /// False when the terminal cannot be driven (the caller prints the file instead).
    @TerminalActor
    package func run() async throws(ThemeError) -> Bool {
        let catalog = ThemeCatalog.standard(environment: environment)
        let shown = try await CursesTerminal.run(theme: theme, catalog: catalog, environment: environment) {
            backend,
            mailbox in
            let viewer = ViewerState(
                title: URL(fileURLWithPath: path).lastPathComponent,
                path: path,
                markdown: markdown,
                glyphs: backend.glyphs
            )
            var review = ReviewState(viewer: viewer, appendix: appendix)
            await ScreenDriver(loop: ScreenLoop(backend: backend), mailbox: mailbox, environment: environment)
                .run(&review)
        }
        return shown != nil
    }
}
