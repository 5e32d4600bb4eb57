import Completion

/// Draws the live run: a header with the elapsed time, then three panes (the cycles and steps, the run log, the
/// warnings) that Tab moves the focus between and that scroll, and a gate question or the stop question as a modal.
package enum ProgressView {
    /// How long a whole run should take at most (amber past it), and when it is alarmingly slow (red).
    package static let amberAfter: Duration = .seconds(60)
    package static let redAfter: Duration = .seconds(120)
    /// The log pane keeps at least this many rows (its title and two lines).
    static let logMinimum = 3

    /// Returns how many entries each pane showed: the page size of its scroll keys.
    @discardableResult
    package static func draw(
        _ state: ProgressState,
        into buffer: inout CellBuffer,
        glyphs: Glyphs
    )
        -> [ProgressPane: Int]
    {
        buffer.asciiOnly = glyphs == .ascii
        if Chrome.isTooSmall(buffer) {
            Chrome.drawTooSmall(&buffer)
            return state.pages
        }
        drawHeader(state, into: &buffer)
        let areas = layout(state, width: buffer.width, height: buffer.height)
        var pages: [ProgressPane: Int] = [:]
        pages[.steps] = PaneView.draw(
            stepsPane(state, glyphs: glyphs, area: areas.steps),
            in: areas.steps,
            lastPage: state.pages[.steps] ?? 1,
            into: &buffer,
            glyphs: glyphs
        )
        if state.stopRequested {
            buffer.put(" stopping after this step ", x: max(22, buffer.width - 28), y: areas.steps.y, role: .warn)
        }
        if let area = areas.log {
            pages[.log] = PaneView.draw(
                logPane(state),
                in: area,
                lastPage: state.pages[.log] ?? 1,
                into: &buffer,
                glyphs: glyphs
            )
        }
        if let area = areas.warnings {
            pages[.warnings] = PaneView.draw(
                warningsPane(state, glyphs: glyphs),
                in: area,
                lastPage: state.pages[.warnings] ?? 1,
                into: &buffer,
                glyphs: glyphs
            )
        }
        Chrome.drawFooter(&buffer, hints: state.activeHints)
        drawModals(state, into: &buffer, glyphs: glyphs)
        return pages
    }

    private static func drawHeader(_ state: ProgressState, into buffer: inout CellBuffer) {
        let clockRole: Role = state.elapsed >= redAfter ? .error : state.elapsed >= amberAfter ? .warn : .footer
        var left = [Span("jarvis-tui", .title), Span(" · " + TerminalText.inert(state.projectName))]
        if let branch = state.branch { left.append(Span(" · " + TerminalText.inert(branch))) }
        if state.dryRun { left.append(Span(" · DRY RUN", .warn)) }
        let right: [Span] =
            state.phase == .holding
            ? [Span("Done — Enter: review", .ok), Span("  " + clock(state.elapsed), clockRole)]
            : [Span("elapsed " + clock(state.elapsed), clockRole)]
        Chrome.drawBar(&buffer, y: 0, left: left, right: right, role: .footer)
    }

    struct Areas {
        var steps: PaneArea
        var log: PaneArea?
        var warnings: PaneArea?
    }

    /// The rows between the header and the footer: the steps get what they need (their reasons wrapped), the
    /// warnings at most a third, the log the rest but at least `logMinimum`; a blank row after the header
    /// when there is room.
    static func layout(_ state: ProgressState, width: Int, height: Int) -> Areas {
        let footer = height - 1
        let top = height >= 24 ? 2 : 1
        let available = footer - top
        let stepsNatural =
            1
            + (0..<(state.cycles.count + state.steps.count)).reduce(0) {
                $0 + stepRows(state, $1, width: width - 2, glyphs: .unicode).count
            }
        let warningsWanted = state.warnings.isEmpty ? 0 : min(1 + state.warnings.count, max(2, available / 3))
        let steps = max(2, min(stepsNatural, available - logMinimum - warningsWanted))
        let warnings = warningsWanted == 0 ? 0 : max(2, min(warningsWanted, available - steps - logMinimum))
        let log = available - steps - warnings
        var areas = Areas(steps: PaneArea(x: 0, y: top, width: width, height: steps + (log < 2 ? log : 0)))
        if log >= 2 { areas.log = PaneArea(x: 0, y: top + steps, width: width, height: log) }
        if warnings > 0 { areas.warnings = PaneArea(x: 0, y: footer - warnings, width: width, height: warnings) }
        return areas
    }

    // MARK: - panes

    private static func stepsPane(_ state: ProgressState, glyphs: Glyphs, area: PaneArea) -> PaneView.Content {
        let count = state.cycles.count + state.steps.count
        var position = state.positions[.steps] ?? ScrollPosition()
        // Untouched, the pane keeps the cycle or step at work in view (with as much above it as fits) rather
        // than the last rows.
        if position.follows {
            let current =
                (0..<count).last { index in
                    if case .pending = row(state, index).status { return false }
                    return true
                } ?? 0
            let rows = area.height - 2
            var used = 0
            var top = current
            while top >= 0 {
                used += stepRows(state, top, width: area.width - 2, glyphs: glyphs).count
                if used > rows { break }
                top -= 1
            }
            position = ScrollPosition(top: top + 1)
        }
        let title = state.cycles.isEmpty ? "Completion protocol" : "Tier 2 cycles and the completion protocol"
        return PaneView.Content(
            title: [Span(title, .heading)],
            count: count,
            position: position,
            focused: state.focus == .steps
        ) { index, width in
            stepRows(state, index, width: width, glyphs: glyphs)
        }
    }

    private static func row(_ state: ProgressState, _ index: Int) -> ProgressState.Row {
        index < state.cycles.count ? state.cycles[index].row : state.steps[index - state.cycles.count].row
    }

    /// A cycle or step: glyph, name, time, then its outcome and reason. A long reason wraps at words, its further
    /// rows under the name, where they have the most room (as the offer wraps a cycle's reason under its title).
    static func stepRows(_ state: ProgressState, _ index: Int, width: Int, glyphs: Glyphs) -> [StyledLine] {
        let row = row(state, index)
        let (glyph, role, word, time) = describe(row.status, glyphs: glyphs, frame: state.spinnerFrame)
        let nameWidth = min(34, (width + 2) / 2)
        let name = DisplayWidth.pad(DisplayWidth.truncate(row.title, to: nameWidth), to: nameWidth)
        let lead = [Span(" "), Span(glyph, role), Span(" ")]
        let head =
            lead + [
                Span(name, row.status == .pending ? .subtle : .normal), Span(" "),
                Span(DisplayWidth.pad(time, to: 9), .subtle), Span(" "),
            ]
        let nameX = Chrome.width(of: lead)
        guard !word.isEmpty, width - nameX >= 8 else { return [StyledLine(head)] }
        let pieces = TextWrap.hanging(word, first: width - Chrome.width(of: head), rest: width - nameX)
        let indent = Span(String(repeating: " ", count: nameX))
        return pieces.enumerated().map { number, piece in
            StyledLine((number == 0 ? head : [indent]) + [Span(piece, role)])
        }
    }

    private static func logPane(_ state: ProgressState) -> PaneView.Content {
        var title = [Span("Log", .heading)]
        if !state.activityTitle.isEmpty, state.phase == .running {
            title.append(Span(" · " + TerminalText.inert(state.activityTitle), .subtle))
        }
        return PaneView.Content(
            title: title,
            count: state.log.count,
            position: state.positions[.log] ?? ScrollPosition(),
            focused: state.focus == .log
        ) { index, width in
            state.log.rows(index, width: width, file: nil)
        }
    }

    private static func warningsPane(_ state: ProgressState, glyphs: Glyphs) -> PaneView.Content {
        PaneView.Content(
            title: [Span("\(glyphs.warning) Warnings (\(state.warnings.count))", .warn)],
            count: state.warnings.count,
            position: state.positions[.warnings] ?? ScrollPosition(),
            focused: state.focus == .warnings
        ) { index, width in
            let bullet = glyphs.bullet + " "
            let margin = DisplayWidth.of(bullet)
            return TextWrap.wrap(state.warnings[index], width: max(1, width - margin)).enumerated().map {
                number,
                piece in
                StyledLine([Span(number == 0 ? bullet : String(repeating: " ", count: margin), .warn), Span(piece)])
            }
        }
    }

    // MARK: - modals

    private static func drawModals(_ state: ProgressState, into buffer: inout CellBuffer, glyphs: Glyphs) {
        if state.askingToStop {
            Chrome.drawModal(
                &buffer,
                title: "Stop?",
                body: [
                    "Stop after the current step? The steps already done are kept; files are never half-written.",
                    "The run waits here until you answer. Ctrl-C again stops at once.",
                ],
                choices: state.choice.spans(yes: "y stop", no: "n keep going"),
                glyphs: glyphs
            )
        } else if let question = state.question {
            let safe = question.safeDefault ? "yes" : "no"
            Chrome.drawModal(
                &buffer,
                title: "Question",
                body: [TerminalText.inert(question.prompt)]
                    + (question.detail.isEmpty ? [] : ["", TerminalText.inert(question.detail)]),
                choices: state.choice.spans(yes: "yes", no: "no") + [Span("   Esc = \(safe)", .modal)],
                glyphs: glyphs
            )
        }
        if state.showingHelp {
            HelpOverlay.draw(&buffer, screen: "progress", hints: state.activeKeys.helpHints, glyphs: glyphs)
        }
    }

    private static func describe(
        _ status: ProgressState.Status,
        glyphs: Glyphs,
        frame: Int
    )
        -> (glyph: String, role: Role, word: String, time: String)
    {
        switch status {
        case .pending: return (glyphs.pending, .subtle, "", "")
        case .running: return (glyphs.spinner[frame % glyphs.spinner.count], .running, "running", "")
        case .finished(let outcome, let duration):
            let time = duration.shortDescription
            let word = outcome.name + (outcome.reason.map { ": " + TerminalText.inert($0) } ?? "")
            switch outcome {
            case .done: return (glyphs.done, .ok, word, time)
            case .skipped: return (glyphs.skipped, .subtle, word, time)
            case .degraded: return (glyphs.degraded, .warn, word, time)
            case .failed: return (glyphs.failed, .error, word, time)
            }
        }
    }

    /// m:ss
    package static func clock(_ duration: Duration) -> String {
        let seconds = max(0, Int(duration.components.seconds))
        return "\(seconds / 60):" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)"
    }
}

extension ProgressState: ScreenModel {
    package var showsClock: Bool { true }

    package mutating func draw(into buffer: inout CellBuffer) {
        pages = ProgressView.draw(self, into: &buffer, glyphs: glyphs)
    }
}
