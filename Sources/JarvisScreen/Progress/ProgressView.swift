import Completion

/// Draws the live run: header with elapsed time, cycles, the seven steps, the running step's lines, warnings,
/// and a gate question or the stop question as a modal.
package enum ProgressView {
    /// How long a whole run should take at most (amber past it), and when it is alarmingly slow (red).
    package static let amberAfter: Duration = .seconds(60)
    package static let redAfter: Duration = .seconds(120)

    package static func draw(_ state: ProgressState, into buffer: inout CellBuffer, glyphs: Glyphs) {
        buffer.asciiOnly = glyphs == .ascii
        if Chrome.isTooSmall(buffer) { return Chrome.drawTooSmall(&buffer) }
        let width = buffer.width
        let clockRole: Role = state.elapsed >= redAfter ? .error : state.elapsed >= amberAfter ? .warn : .footer
        var left = [Span("jarvis-tui", .title), Span(" · " + TerminalText.inert(state.projectName))]
        if let branch = state.branch { left.append(Span(" · " + TerminalText.inert(branch))) }
        if state.dryRun { left.append(Span(" · DRY RUN", .warn)) }
        Chrome.drawBar(
            &buffer,
            y: 0,
            left: left,
            right: [Span("elapsed " + clock(state.elapsed), clockRole)],
            role: .footer
        )

        let footerRow = buffer.height - 1
        let nameWidth = min(34, width / 2)
        // Rows for cycles and steps, most important last to go: blank separators, then the headings, then
        // finished cycles fold into one line. Warnings keep at least their count line.
        let warningMinimum = state.warnings.isEmpty ? 0 : 1
        let available = footerRow - 1 - warningMinimum
        var blanks = true, headings = true, foldCycles = false
        func needed() -> Int {
            let cycleRows =
                state.cycles.isEmpty ? 0 : (foldCycles ? 1 : state.cycles.count) + (headings ? 1 : 0) + (blanks ? 1 : 0)
            return (blanks ? 1 : 0) + cycleRows + (headings ? 1 : 0) + state.steps.count + (blanks ? 1 : 0)
        }
        if needed() > available { blanks = false }
        if needed() > available { headings = false }
        if needed() > available { foldCycles = true }

        var y = blanks ? 2 : 1
        if !state.cycles.isEmpty {
            if headings { buffer.put("Tier 2 cycles", x: 1, y: y, role: .heading); y += 1 }
            if foldCycles {
                var x = 2
                x += buffer.put("Tier 2:", x: x, y: y, role: .subtle)
                for cycle in state.cycles {
                    let (glyph, role, _, _) = describe(cycle.row.status, glyphs: glyphs, frame: state.spinnerFrame)
                    x += buffer.put(" " + glyph + " " + cycle.id.title, x: x, y: y, role: role)
                }
                y += 1
            } else {
                for cycle in state.cycles {
                    drawRow(
                        cycle.row,
                        y: y,
                        into: &buffer,
                        nameWidth: nameWidth,
                        glyphs: glyphs,
                        frame: state.spinnerFrame
                    )
                    y += 1
                }
            }
            if blanks { y += 1 }
        }
        if headings {
            buffer.put("Completion protocol", x: 1, y: y, role: .heading)
            y += 1
        }
        if state.stopRequested {
            buffer.putClipped("stopping after this step", x: max(22, width - 26), y: max(1, y - 1), role: .warn)
        }
        for step in state.steps {
            drawRow(step.row, y: y, into: &buffer, nameWidth: nameWidth, glyphs: glyphs, frame: state.spinnerFrame)
            y += 1
        }
        if blanks { y += 1 }

        // The rest is shared by the running step's lines and the warnings, warnings getting at most a third.
        let room = footerRow - y
        let warningRows = state.warnings.isEmpty ? 0 : min(state.warnings.count + 1, max(1, room / 3))
        let activityRows = room - warningRows - (warningRows > 0 ? 1 : 0)
        if activityRows >= 2, !state.activityTitle.isEmpty {
            buffer.put(glyphs.horizontal + " " + state.activityTitle + " ", x: 1, y: y, role: .border)
            let lines = state.activity.suffix(activityRows - 1)
            for (index, line) in lines.enumerated() {
                buffer.putClipped(line, x: 3, y: y + 1 + index, role: .subtle, limit: width - 4)
            }
        }
        if warningRows > 0 {
            let top = footerRow - warningRows
            let title = "\(glyphs.warning) Warnings (\(state.warnings.count))"
            let used = buffer.put(title, x: 1, y: top, role: .warn)
            if warningRows == 1, let last = state.warnings.last {
                buffer.putClipped(": " + last, x: 1 + used, y: top, role: .normal, limit: width - used - 2)
            }
            let shown = state.warnings.suffix(warningRows - 1)
            for (index, warning) in shown.enumerated() {
                buffer.putClipped(
                    glyphs.bullet + " " + warning,
                    x: 3,
                    y: top + 1 + index,
                    role: .normal,
                    limit: width - 4
                )
            }
        }

        var hints = state.activeKeys.hints
        if state.question == nil, !state.askingToStop, state.cycleRunning == nil { hints.removeAll { $0.label == "s" } }
        Chrome.drawFooter(&buffer, hints: hints)

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
            HelpOverlay.draw(&buffer, screen: "progress", hints: state.activeKeys.hints, glyphs: glyphs)
        }
    }

    private static func describe(
        _ status: ProgressState.Status,
        glyphs: Glyphs,
        frame: Int
    ) -> (glyph: String, role: Role, word: String, time: String) {
        switch status {
        case .pending: (glyphs.pending, .subtle, "", "")
        case .running: (glyphs.spinner[frame % glyphs.spinner.count], .running, "running", "")
        case .finished(let outcome, let duration):
            switch outcome {
            case .done: (glyphs.done, .ok, "done", duration.shortDescription)
            case .skipped(let why):
                (glyphs.skipped, .subtle, "skipped: " + TerminalText.inert(why), duration.shortDescription)
            case .degraded(let why):
                (glyphs.degraded, .warn, "degraded: " + TerminalText.inert(why), duration.shortDescription)
            case .failed(let why):
                (glyphs.failed, .error, "failed: " + TerminalText.inert(why), duration.shortDescription)
            }
        }
    }

    private static func drawRow(
        _ row: ProgressState.Row,
        y: Int,
        into buffer: inout CellBuffer,
        nameWidth: Int,
        glyphs: Glyphs,
        frame: Int
    ) {
        let (glyph, role, word, time) = describe(row.status, glyphs: glyphs, frame: frame)
        buffer.put(glyph, x: 2, y: y, role: role)
        buffer.putClipped(row.title, x: 4, y: y, role: row.status == .pending ? .subtle : .normal, limit: nameWidth)
        let timeX = 4 + nameWidth + 1
        buffer.put(DisplayWidth.pad(time, to: 9), x: timeX, y: y, role: .subtle)
        buffer.putClipped(word, x: timeX + 10, y: y, role: role, limit: buffer.width - timeX - 11)
    }

    /// m:ss
    package static func clock(_ duration: Duration) -> String {
        let seconds = max(0, Int(duration.components.seconds))
        return "\(seconds / 60):" + (seconds % 60 < 10 ? "0" : "") + "\(seconds % 60)"
    }
}
