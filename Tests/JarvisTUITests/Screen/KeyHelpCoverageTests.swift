import Completion
import Testing

@testable import JarvisScreen

/// Every key a screen acts on is named where the user looks for keys: in its `?` help, or, in a y/n box (which
/// has no help), in its footer. Each screen is walked twice: every key of its key table, and every key of the
/// keyboard sent to its `update`, where a key counts as acted on when it changed the frame or asked for an effect.
@Suite struct KeyHelpCoverageTests {
    /// A screen in a state where its keys do something, the key table it dispatches with, and where its keys are
    /// listed for the user.
    struct Screen: CustomTestStringConvertible, Sendable {
        var name: String
        var make: @Sendable () -> any ScreenModel
        var keys: [[Key]]
        /// True: the keys are listed in the `?` help; false: a box without help, listed in its footer.
        var hasHelp = true
        var footer: @Sendable () -> [(label: String, hint: String)] = { [] }
        var testDescription: String { name }
    }

    static let screens: [Screen] = [
        // Without the archive choice there are four rows to tick: 5 is neither listed nor acted on.
        Screen(
            name: "offer",
            make: { ScreenFixtures.offer },
            keys: OfferState.keys.bindings.map { $0.keys.filter { $0 != "5" } }
        ),
        Screen(
            name: "offer with the archive choice",
            make: {
                var state = ScreenFixtures.offer
                state.stateArchive = StateArchiveOffer(lines: 312, sections: 6)
                return state
            },
            keys: OfferState.keys.bindings.map(\.keys)
        ),
        Screen(name: "progress", make: { ScreenFixtures.progress }, keys: ProgressState.keys.bindings.map(\.keys)),
        Screen(
            name: "progress after the run",
            make: {
                var state = ScreenFixtures.progress
                state.phase = .holding
                return state
            },
            keys: ProgressState.doneKeys.bindings.map(\.keys)
        ),
        Screen(
            name: "summary",
            make: { review(showingLog: false) },
            keys: ViewerState.keys.bindings.map(\.keys) + [["l"]]
        ),
        Screen(name: "run log", make: { review(showingLog: true) }, keys: ReviewState.logKeys.bindings.map(\.keys)),
        Screen(
            name: "stop question",
            make: { stopQuestion() },
            keys: ProgressState.stopKeys.bindings.map(\.keys),
            hasHelp: false,
            footer: { stopQuestion().activeHints }
        ),
        Screen(
            name: "gate question",
            make: { gateQuestion() },
            keys: ProgressState.questionKeys.bindings.map(\.keys),
            hasHelp: false,
            footer: { gateQuestion().activeHints }
        ),
        Screen(
            name: "run the ticked cycles?",
            make: { confirmingTicked() },
            keys: OfferState.confirmKeys.bindings.map(\.keys),
            hasHelp: false,
            footer: { confirmingTicked().activeHints }
        ),
    ]

    @Test(arguments: screens)
    func everyKeyOfTheTableIsListed(_ screen: Screen) throws {
        let listed = try Self.listedNames(screen)
        for group in screen.keys {
            for key in group where Self.keyboard.contains(key) && !Self.named(key, among: listed, group: group) {
                Issue.record("\(screen.name): \(key) is in the key table but not listed: \(listed.sorted())")
            }
        }
    }

    @Test(arguments: screens)
    func everyKeyTheScreenActsOnIsListed(_ screen: Screen) throws {
        let listed = try Self.listedNames(screen)
        for key in Self.keyboard where Self.acts(screen.make(), on: key) {
            let group = screen.keys.first { $0.contains(key) } ?? [key]
            #expect(
                Self.named(key, among: listed, group: group),
                "\(screen.name) acts on \(key) but does not list it: \(listed.sorted())"
            )
        }
    }

    // MARK: - the walk

    /// Every key of the keyboard. Not here: `.resize` (the terminal's size, not a key) and the mouse wheel, which
    /// scrolls wherever the keys scroll and is no key to list.
    static let keyboard: [Key] =
        [
            .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .backspace, .tab, .interrupt,
            .ctrlD, .ctrlU,
        ] + (0x20...0x7E).compactMap { Unicode.Scalar($0).map { Key.character(Character($0)) } }

    static func acts(_ model: any ScreenModel, on key: Key) -> Bool {
        var model = model
        let before = frame(&model)
        let effects = model.update(.key(key))
        return !effects.isEmpty || frame(&model) != before
    }

    static func frame(_ model: inout any ScreenModel) -> CellBuffer {
        var buffer = CellBuffer(width: 80, height: 24)
        model.draw(into: &buffer)
        return buffer
    }

    /// The names of the keys the user is shown: the labels of the `?` box as drawn, or of the footer.
    static func listedNames(_ screen: Screen) throws -> Set<String> {
        guard screen.hasHelp else { return Set(screen.footer().flatMap { names(inLabel: $0.label) }) }
        var model = screen.make()
        _ = model.update(.key("?"))
        let buffer = frame(&model)
        // Read cell by cell between the box's borders: the screen behind the box has `│` and wide characters too.
        func text(_ y: Int, _ columns: Range<Int>) -> String { columns.map { buffer[$0, y].text }.joined() }
        let top = try #require(
            (0..<buffer.height).first { text($0, 0..<buffer.width).contains("Keys: ") },
            "\(screen.name): no help box\n\(buffer.text)"
        )
        let left = try #require((0..<buffer.width).first { buffer[$0, top].text == "┌" })
        let right = try #require((0..<buffer.width).last { buffer[$0, top].text == "┐" })
        var labels: [String] = []
        for y in (top + 1)..<buffer.height where buffer[left, y].text == "│" {
            let content = text(y, (left + 1)..<right).trimmingCharacters(in: .whitespaces)
            labels.append(content.components(separatedBy: "   ")[0])
        }
        return Set(labels.flatMap(names(inLabel:)))
    }

    /// The key names a label lists: `g/G Home/End` lists g, G, Home and End; `↑↓/jk` lists ↑, ↓, j and k; `1-5`
    /// lists the digits 1 to 5.
    static func names(inLabel label: String) -> [String] {
        if label == "/" { return [label] }
        return label.split(whereSeparator: { $0 == "/" || $0 == " " }).flatMap { token -> [String] in
            let token = String(token)
            let parts = token.split(separator: "-").compactMap { Int($0) }
            if parts.count == 2, parts[0] <= parts[1] { return (parts[0]...parts[1]).map(String.init) }
            if token.count == 2, !token.hasPrefix("^") { return [token] + token.map(String.init) }
            return [token]
        }
    }

    /// Whether the key is listed. A capital letter is listed by its small one when both do the same (y and Y).
    static func named(_ key: Key, among listed: Set<String>, group: [Key]) -> Bool {
        if listed.contains(name(key)) { return true }
        guard case .character(let character) = key, character.isUppercase else { return false }
        let small = Character(character.lowercased())
        return group.contains(.character(small)) && listed.contains(String(small))
    }

    static func name(_ key: Key) -> String {
        switch key {
        case .character(" "): "Space"
        case .character(let character): String(character)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .tab: "Tab"
        case .interrupt: "Ctrl-C"
        case .ctrlD: "^D"
        case .ctrlU: "^U"
        case .resize: "resize"
        case .wheelUp: "wheel up"
        case .wheelDown: "wheel down"
        }
    }

    // MARK: - states

    static func review(showingLog: Bool) -> ReviewState {
        var lines = RunLogLines()
        for second in 0..<60 {
            lines.append(.cycleOutput(.maintenance, "cycle line \(second)"), at: .seconds(second))
        }
        var state = ReviewState(viewer: ScreenFixtures.viewer(), log: lines, logFile: ".claude/logs/runs/r.log")
        state.showingLog = showingLog
        // Scrolled into the middle, so that keys to either end and either way change the frame.
        var buffer = CellBuffer(width: 80, height: 24)
        state.draw(into: &buffer)
        for _ in 0..<3 { _ = state.update(.key(.down)) }
        if showingLog { state.logPosition = ScrollPosition(top: 20) }
        return state
    }

    static func stopQuestion() -> ProgressState {
        var state = ScreenFixtures.progress
        _ = state.update(.key(.interrupt))
        return state
    }

    static func gateQuestion() -> ProgressState {
        var state = ScreenFixtures.progress
        _ = state.update(
            .question(Question(kind: .push, prompt: "Push?", detail: "", safeDefault: false))
        )
        return state
    }

    static func confirmingTicked() -> OfferState {
        var state = ScreenFixtures.offer
        _ = state.handle(.end)
        _ = state.handle(.enter)
        return state
    }
}
