import Testing

@testable import JarvisScreen

@Suite struct ViewerStateTests {
    func longDocument() -> ViewerState {
        let markdown =
            "# Title\n\n"
            + (1...100).map { "Paragraph number \($0)\($0 == 70 ? " mentions the needle" : "")." }.joined(
                separator: "\n\n"
            )
        var state = ViewerState(title: "t", path: "/tmp/x.md", markdown: markdown)
        var buffer = CellBuffer(width: 80, height: 24)
        ViewerView.draw(&state, into: &buffer)
        return state
    }

    @Test func scrollingStopsAtBothEnds() {
        var state = longDocument()
        _ = state.handle(.up, height: 24)
        #expect(state.top == 0)
        _ = state.handle("j", height: 24)
        _ = state.handle(.down, height: 24)
        #expect(state.top == 2)
        _ = state.handle("G", height: 24)
        let bottom = state.top
        #expect(bottom == state.lines.count - ViewerState.bodyHeight(24))
        _ = state.handle(.pageDown, height: 24)
        _ = state.handle(.space, height: 24)
        #expect(state.top == bottom)
        _ = state.handle(.pageUp, height: 24)
        #expect(state.top == bottom - (ViewerState.bodyHeight(24) - 1))
        _ = state.handle("g", height: 24)
        #expect(state.top == 0)
        _ = state.handle(.end, height: 24)
        #expect(state.top == bottom)
        _ = state.handle(.home, height: 24)
        #expect(state.top == 0)
    }

    @Test func searchJumpsToMatchesAndNCycles() {
        var state = longDocument()
        for key in ["/", "N", "e", "e", "d", "l", "e"].map({ Key.character(Character($0)) }) + [.enter] {
            _ = state.handle(key, height: 24)
        }
        #expect(state.matches.count == 1)
        #expect(state.lines[state.top].plainText.contains("needle"))
        #expect(state.message == "match 1 of 1")
        _ = state.handle("g", height: 24)
        _ = state.handle("n", height: 24)
        #expect(state.lines[state.top].plainText.contains("needle"))
        _ = state.handle("N", height: 24)
        #expect(state.lines[state.top].plainText.contains("needle"))
    }

    @Test func searchForSomethingAbsentSaysSo() {
        var state = longDocument()
        for key in ["/", "z", "z", "q"].map({ Key.character(Character($0)) }) + [.enter] {
            _ = state.handle(key, height: 24)
        }
        #expect(state.message == "Not found: zzq")
        #expect(state.top == 0)
    }

    @Test func escapeLeavesSearchWithoutQuitting() {
        var state = longDocument()
        _ = state.handle("/", height: 24)
        #expect(state.handle("q", height: 24) == nil)
        #expect(state.handle(.escape, height: 24) == nil)
        #expect(!state.searching)
        #expect(state.handle("q", height: 24) == .quit)
    }

    @Test func editNeedsAFile() {
        var saved = longDocument()
        #expect(saved.handle("e", height: 24) == .edit("/tmp/x.md"))
        var unsaved = ViewerState(title: "t", path: nil, markdown: "# x")
        #expect(unsaved.handle("e", height: 24) == nil)
        #expect(unsaved.message?.contains("not saved") == true)
    }

    @Test func enterAndQQuit() {
        var state = longDocument()
        #expect(state.handle(.enter, height: 24) == .quit)
        #expect(state.handle("q", height: 24) == .quit)
    }

    @Test func aResizeReflowsAndKeepsThePlace() {
        var state = longDocument()
        _ = state.handle("G", height: 24)
        var narrow = CellBuffer(width: 60, height: 16)
        ViewerView.draw(&state, into: &narrow)
        #expect(state.layoutWidth == 58)
        #expect(narrow.text.contains("lines"))
        #expect(state.top > 0)
    }
}
