/// The scrolling keys of every pane and text: one list, so each screen's footer and help name the same keys.
package enum ScrollKeys {
    package static func bindings<Action: Sendable>(_ action: (ScrollAction) -> Action) -> [KeyBinding<Action>] {
        [
            KeyBinding([.up, "k"], "↑↓/jk", "scroll", action(.lineUp)),
            KeyBinding([.down, "j"], "", "", action(.lineDown), shown: false),
            KeyBinding([.pageUp], "PgUp/PgDn", "page", action(.pageUp)),
            KeyBinding([.pageDown], "", "", action(.pageDown), shown: false),
            KeyBinding([.ctrlU], "^U/^D", "half page", action(.halfPageUp)),
            KeyBinding([.ctrlD], "", "", action(.halfPageDown), shown: false),
            KeyBinding(["g", .home], "g/G", "top/end", action(.top), help: "g/G Home/End"),
            KeyBinding(["G", .end], "", "", action(.bottom), shown: false),
            KeyBinding([.wheelUp], "", "", action(.wheelUp), shown: false),
            KeyBinding([.wheelDown], "", "", action(.wheelDown), shown: false),
        ]
    }
}
