import Completion

/// Everything a screen can be told. The update loop turns keys, signals, engine events and the clock into these
/// and hands each to the screen's `update`.
package enum ScreenMessage: Sendable {
    case key(Key)
    /// SIGINT or SIGTERM from outside the terminal (the terminal's own Ctrl-C arrives as a key).
    case signal(Int32)
    case engine(CompletionEvent)
    /// The engine asks the user; the screen answers with an `.answer` effect.
    case question(Question)
    /// The engine's stream ended and every event was applied.
    case engineDone
    /// Time since the screen began.
    case clock(Duration)
    /// The editor that `.openEditor` started has exited: what went wrong (nil when nothing did), and the file's
    /// text after it (nil when it cannot be read).
    case editorClosed(problem: String?, text: String?)
}

/// What a screen asks the session to do. Screens never act on the engine, the terminal or the process
/// themselves; `ScreenDriver` carries these out.
package enum ScreenEffect: Sendable, Equatable {
    /// The screen is done; its state says how it ended.
    case finish
    /// Steer the running engine.
    case control(RunCommand)
    /// Answer the engine's open question.
    case answer(Bool)
    /// Hand the terminal to the user's editor on this file.
    case openEditor(String)
}

/// A screen in the one update loop: value-type state that takes messages, answers with effects, and draws itself.
/// `draw` may remember layout facts (a page's size, a document laid out for a width) for the next key.
package protocol ScreenModel {
    mutating func update(_ message: ScreenMessage) -> [ScreenEffect]
    mutating func draw(into buffer: inout CellBuffer)
    /// Whether the screen shows the time, so the loop sends `.clock` and redraws as it passes.
    var showsClock: Bool { get }
}
