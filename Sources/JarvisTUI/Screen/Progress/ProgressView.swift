import Completion

/// Draws the live run: header with elapsed time, cycles, the seven steps, the running step's lines, warnings,
/// and a gate question or the stop question as a modal.
package enum ProgressView {
    /// The spec's target and alert for the whole run.
    package static let amberAfter: Duration = .seconds(60)
    package static let redAfter: Duration = .seconds(120)

    package static func draw(_ state: ProgressState, into buffer: inout CellBuffer, glyphs: Glyphs) {
        if Chrome.isTooSmall(buffer) { return Chrome.drawTooSmall(&buffer) }
        let width = buffer.width
        let clockRole: Role = state.elapsed >= redAfter ? .error : state.elapsed >= amberAfter ? .warn : .footer
        var left = [Span("jarvis-tui", .title), Span(" · " + TerminalText.inert(state.projectName))]
        if let branch = state.branch { left.append(Span(" · " + TerminalText.inert(branch))) }
        if state.dryRun { left.append(Span(" · DRY RUN", .warn)) }
        Chrome.drawBar(&buffer, y: 0, left: left, right: [Span("elapsed " + clock(state.elapsed), clockRole)], role: .footer)

        let footerRow = buffer.height - 1
        var y = 2
        let nameWidth = min(34, width / 2)
        if !state.cycles.isEmpty {
            buffer.put("Tier 2 cycles", x: 1, y: y, role: .heading)
            y += 1
            for cycle in state.cycles {
                drawRow(cycle.row, y: y, into: &buffer, nameWidth: nameWidth, glyphs: glyphs, frame: state.spinnerFrame)
                y += 1
            }
            y += 1
        }
        buffer.put("Completion protocol", x: 1, y: y, role: .heading)
        if state.stopRequested { buffer.put("  stopping after this step", x: 20, y: y, role: .warn) }
        y += 1
        for step in state.steps {
            drawRow(step.row, y: y, into: &buffer, nameWidth: nameWidth, glyphs: glyphs, frame: state.spinnerFrame)
            y += 1
        }
        y += 1

        // The rest is shared by the running step's lines and the warnings, warnings getting at most a third.
        let room = footerRow - y
        let warningRows = state.warnings.isEmpty ? 0 : min(state.warnings.count + 1, max(2, room / 3))
        let activityRows = room - warningRows - (warningRows > 0 ? 1 : 0)
        if activityRows >= 2, !state.activityTitle.isEmpty {
            buffer.put(glyphs.horizontal + " " + state.activityTitle + " ", x: 1, y: y, role: .border)
            let lines = state.activity.suffix(activityRows - 1)
            for (index, line) in lines.enumerated() {
                buffer.put(line, x: 3, y: y + 1 + index, role: .subtle, limit: width - 4)
            }
        }
        if warningRows > 0 {
            let top = footerRow - warningRows
            buffer.put("\(glyphs.warning) Warnings (\(state.warnings.count))", x: 1, y: top, role: .warn)
            let shown = state.warnings.suffix(warningRows - 1)
            for (index, warning) in shown.enumerated() {
                buffer.put(glyphs.bullet + " " + warning, x: 3, y: top + 1 + index, role: .normal, limit: width - 4)
            }
        }

        var hints = state.activeKeys.hints
        if state.question == nil, !state.askingToStop, state.cycleRunning == nil { hints.removeAll { $0.label == "s" } }
        Chrome.drawFooter(&buffer, hints: hints)

        if let question = state.question {
            let yes = question.safeDefault ? "[Y]es" : " yes "
            let no = question.safeDefault ? " no " : "[N]o"
            Chrome.drawModal(&buffer, title: "Question", body: [TerminalText.inert(question.prompt)] + (question.detail.isEmpty ? [] : ["", TerminalText.inert(question.detail)]),
                             choices: [Span(yes, question.safeDefault ? .selected : .modal), Span("   "), Span(no, question.safeDefault ? .modal : .selected),
                                       Span("   Enter = \(question.safeDefault ? "yes" : "no")", .modal)], glyphs: glyphs)
        } else if state.askingToStop {
            Chrome.drawModal(&buffer, title: "Stop?", body: ["Stop after the current step? The steps already done are kept; files are never half-written.", "Ctrl-C again stops at once."],
                             choices: [Span(" y stop ", .modal), Span("   "), Span("[n keep going]", .selected)], glyphs: glyphs)
        }
    }

    private static func drawRow(_ row: ProgressState.Row, y: Int, into buffer: inout CellBuffer, nameWidth: Int, glyphs: Glyphs, frame: Int) {
        let (glyph, role, word, time): (String, Role, String, String) = switch row.status {
        case .pending: (glyphs.pending, .subtle, "", "")
        case .running: (glyphs.spinner[frame % glyphs.spinner.count], .running, "running", "")
        case .finished(let outcome, let duration):
            switch outcome {
            case .done: (glyphs.done, .ok, "done", duration.shortDescription)
            case .skipped(let why): (glyphs.skipped, .subtle, "skipped: " + TerminalText.inert(why), duration.shortDescription)
            case .degraded(let why): (glyphs.degraded, .warn, "degraded: " + TerminalText.inert(why), duration.shortDescription)
            case .failed(let why): (glyphs.failed, .error, "failed: " + TerminalText.inert(why), duration.shortDescription)
            }
        }
        buffer.put(glyph, x: 2, y: y, role: role)
        buffer.put(row.title, x: 4, y: y, role: row.status == .pending ? .subtle : .normal, limit: nameWidth)
        let timeX = 4 + nameWidth + 1
        buffer.put(DisplayWidth.pad(time, to: 7), x: timeX, y: y, role: .subtle)
        buffer.put(word, x: timeX + 8, y: y, role: role, limit: buffer.width - timeX - 9)
    }

    /// m:ss
    package static func clock(_ duration: Duration) -> String {
        let seconds = max(0, Int(duration.components.seconds))
        return "\(seconds / 60):" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)"
    }
}
