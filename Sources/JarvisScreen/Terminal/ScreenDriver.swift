import Completion
import Foundation

/// The one update loop of every screen: keys, signals, engine events, the engine's questions and the clock become
/// messages for the screen's `update`, and the effects it answers with are carried out here, the only place that
/// steers the engine, answers its questions or hands the terminal to the editor.
@TerminalActor
package struct ScreenDriver {
    let loop: ScreenLoop
    let mailbox: Mailbox
    /// The running engine's handle; nil before and after a run.
    let control: RunControl?
    let editor: EditorLauncher

    package init(loop: ScreenLoop, mailbox: Mailbox, control: RunControl? = nil, environment: [String: String]) {
        self.loop = loop
        self.mailbox = mailbox
        self.control = control
        editor = EditorLauncher(environment: environment)
    }

    /// Runs `screen` until it finishes. With `engine`, the mailbox's events and questions are fed to it.
    package func run<Screen: ScreenModel>(_ screen: inout Screen, engine: Bool = false) async {
        var session = Session()
        while true {
            await loop.run(
                onKey: { key in
                    session.carryOut(screen.update(.key(key)), driver: self)
                    return session.finished || session.editing != nil
                },
                onTick: { tick(&screen, &session, engine: engine) },
                draw: { screen.draw(into: &$0) }
            )
            guard !session.finished, let path = session.editing else { return }
            session.editing = nil
            let problem = editor.edit(path, backend: loop.backend)
            let text = try? String(contentsOfFile: path, encoding: .utf8)
            session.carryOut(screen.update(.editorClosed(problem: problem, text: text)), driver: self)
            if session.finished { return }
        }
    }

    /// What the loop knows between ticks.
    @TerminalActor
    struct Session {
        var finished = false
        var editing: String?
        /// The engine's question already shown (the mailbox keeps it until answered).
        var asked: Question?
        var endDelivered = false
        var lastTenth = -1
        let clock = ContinuousClock()
        let start = ContinuousClock.now

        mutating func carryOut(_ effects: [ScreenEffect], driver: ScreenDriver) {
            for effect in effects {
                switch effect {
                case .finish: finished = true
                case .control(let command): driver.control?.perform(command)
                case .answer(let value):
                    driver.mailbox.answer(value)
                    asked = nil
                case .openEditor(let path): editing = path
                }
            }
        }
    }

    private func tick<Screen: ScreenModel>(
        _ screen: inout Screen,
        _ session: inout Session,
        engine: Bool
    )
        -> (changed: Bool, more: Bool, finished: Bool)
    {
        var changed = false
        for number in mailbox.takeSignals() {
            session.carryOut(screen.update(.signal(number)), driver: self)
            changed = true
        }
        if engine, !session.finished {
            let (applied, drained) = mailbox.drain(budget: .milliseconds(3)) { event in
                session.carryOut(screen.update(.engine(event)), driver: self)
            }
            changed = changed || applied > 0
            if session.asked == nil, let question = mailbox.pendingQuestion {
                session.asked = question
                session.carryOut(screen.update(.question(question)), driver: self)
                changed = true
            }
            if drained, !session.endDelivered {
                session.endDelivered = true
                session.carryOut(screen.update(.engineDone), driver: self)
                changed = true
            }
        }
        if screen.showsClock {
            let elapsed = session.clock.now - session.start
            let tenth =
                Int(elapsed.components.seconds) * 10 + Int(elapsed.components.attoseconds / 100_000_000_000_000_000)
            if tenth != session.lastTenth {
                session.lastTenth = tenth
                session.carryOut(screen.update(.clock(elapsed)), driver: self)
                changed = true
            }
        }
        return (changed, engine && mailbox.hasPendingEvents, session.finished || session.editing != nil)
    }
}
