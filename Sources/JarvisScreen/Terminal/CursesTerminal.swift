/// Starts curses with the selected theme, watches signals for the screens, runs `body`, and always restores the
/// terminal. nil when curses cannot drive this terminal (the caller falls back to plain output).
@TerminalActor
package enum CursesTerminal {
    package static func run<T>(
        theme requested: String?,
        catalog: ThemeCatalog,
        environment: [String: String],
        _ body: (CursesBackend, Mailbox) async -> T
    ) async throws(ThemeError) -> T? {
        let started: CursesBackend?
        do {
            started = try CursesBackend.start { colours in
                try catalog.select(requested: requested, environment: environment, colourCount: colours)
            }
        } catch let error as ThemeError {
            throw error
        } catch {
            return nil
        }
        guard let backend = started else { return nil }
        let mailbox = Mailbox()
        let signals = SignalWatch(mailbox: mailbox)
        defer {
            backend.shutdown()
            signals.cancel()
        }
        return await body(backend, mailbox)
    }
}
