import Completion

/// The review after a run, and `jarvis-tui summary`: the summary in the Markdown viewer and, after a run, the
/// run's log, `l` switching between them.
package struct ReviewState: ScreenModel {
    package var viewer: ViewerState
    /// The run's log (nil for `jarvis-tui summary`, which has no run).
    package var log: RunLogLines?
    /// Where the log file is, project-relative (nil when none was written).
    package var logFile: String?
    package var showingLog = false
    package var logPosition = ScrollPosition(follows: false)
    package var logPage = 1
    package var showingLogHelp = false
    /// Shown after the file whenever it is read back after `e` (the final outcome of its run).
    package var appendix: String?
    /// The terminal's height in the last frame: the viewer's page.
    package var height = 24

    package init(viewer: ViewerState, log: RunLogLines? = nil, logFile: String? = nil, appendix: String? = nil) {
        self.viewer = viewer
        self.log = log
        self.logFile = logFile
        self.appendix = appendix
    }

    package var showsClock: Bool { false }

    package enum LogAction: Sendable, Equatable {
        case scroll(ScrollAction)
        case summary, help, quit
    }

    /// `l` and `?` first: the footer gives up hints from the end when the terminal is narrow.
    package static let logKeys = KeyTable<LogAction>(
        [
            KeyBinding(["l"], "l", "summary", .summary),
            KeyBinding(["?"], "?", "help", .help),
        ] + ScrollKeys.bindings { .scroll($0) } + [
            KeyBinding(["q", .enter, .escape, .interrupt], "q/Enter", "exit", .quit, help: "q/Enter/Esc/Ctrl-C")
        ]
    )

    /// The viewer's own keys, and `l` when there is a log to switch to.
    package var summaryHints: [(label: String, hint: String)] { withLogKey(ViewerState.keys.hints) }

    /// The summary's `?` help: the viewer's keys, and `l` when there is a log to switch to.
    package var summaryHelp: [(label: String, hint: String)] { withLogKey(ViewerState.keys.helpHints) }

    private func withLogKey(_ hints: [(label: String, hint: String)]) -> [(label: String, hint: String)] {
        guard log != nil else { return hints }
        var hints = hints
        // Early in the list: the footer gives up hints from the end when the terminal is narrow.
        hints.insert(("l", "run log"), at: min(1, hints.count))
        return hints
    }

    package mutating func update(_ message: ScreenMessage) -> [ScreenEffect] {
        switch message {
        case .key(let key): return showingLog ? handleLog(key) : handleSummary(key)
        case .signal: return [.finish]
        case .editorClosed(let problem, let text):
            if let text {
                viewer.replace(markdown: appendix.map { text + (text.hasSuffix("\n") ? "\n" : "\n\n") + $0 } ?? text)
            }
            viewer.message = problem
        case .engine, .question, .engineDone, .clock: break
        }
        return []
    }

    private mutating func handleSummary(_ key: Key) -> [ScreenEffect] {
        if key == "l", log != nil, !viewer.searching, !viewer.showingHelp {
            showingLog = true
            return []
        }
        switch viewer.handle(key, height: height) {
        case .quit: return [.finish]
        case .edit(let path): return [.openEditor(path)]
        case nil: return []
        }
    }

    private mutating func handleLog(_ key: Key) -> [ScreenEffect] {
        if showingLogHelp, key != .interrupt {
            showingLogHelp = false
            return []
        }
        switch Self.logKeys.action(for: key) {
        case .scroll(let action): logPosition.apply(action, count: log?.count ?? 0, page: logPage)
        case .summary: showingLog = false
        case .help: showingLogHelp = true
        case .quit: return [.finish]
        case nil: break
        }
        return []
    }

    package mutating func draw(into buffer: inout CellBuffer) {
        height = buffer.height
        if showingLog, let log {
            logPage = LogView.draw(
                log,
                file: logFile,
                position: logPosition,
                lastPage: logPage,
                help: showingLogHelp,
                into: &buffer,
                glyphs: viewer.glyphs
            )
        } else {
            ViewerView.draw(&viewer, into: &buffer, hints: summaryHints, help: summaryHelp)
        }
    }
}

/// The run log as a screen of its own in the review: every line of the run, scrolled like the summary.
package enum LogView {
    @discardableResult
    package static func draw(
        _ log: RunLogLines,
        file: String?,
        position: ScrollPosition,
        lastPage: Int,
        help: Bool,
        into buffer: inout CellBuffer,
        glyphs: Glyphs
    ) -> Int {
        buffer.asciiOnly = glyphs == .ascii
        if Chrome.isTooSmall(buffer) {
            Chrome.drawTooSmall(&buffer)
            return lastPage
        }
        let left = [Span("jarvis-tui", .title), Span(" · run log")]
        let room = buffer.width - Chrome.width(of: left) - 4
        let right =
            file.flatMap { PathFit.fit(TerminalText.inert($0), to: room) }.map { [Span($0)] }
            ?? [Span(file == nil ? "not saved" : "", .subtle)]
        Chrome.drawBar(&buffer, y: 0, left: left, right: right, role: .footer)
        let content = PaneView.Content(
            title: [Span("\(log.count) lines", .heading)],
            count: log.count,
            position: position,
            focused: false
        ) { index, width in
            log.rows(index, width: width, file: file)
        }
        let area = PaneArea(x: 0, y: 1, width: buffer.width, height: buffer.height - 2)
        let page = PaneView.draw(content, in: area, lastPage: lastPage, into: &buffer, glyphs: glyphs)
        Chrome.drawFooter(&buffer, hints: ReviewState.logKeys.hints)
        if help { HelpOverlay.draw(&buffer, screen: "run log", hints: ReviewState.logKeys.helpHints, glyphs: glyphs) }
        return page
    }
}
