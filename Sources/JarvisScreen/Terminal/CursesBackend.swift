import CNcurses
import Foundation

/// The real terminal through ncursesw. Created, used and shut down on the terminal thread only.
@TerminalActor
package final class CursesBackend: ScreenBackend {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var palette: CursesPalette
    package let glyphs: Glyphs
    package let colourCount: Int
    package let theme: Theme
    private var active = true
    /// The frame curses holds, to hand it only the rows that changed (nil: redraw everything).
    private var onScreen: CellBuffer?
    private var wide: [wchar_t] = []

    /// Starts curses on the process's terminal, or returns nil when the terminal cannot be used (the caller
    /// then falls back to plain output). `chooseTheme` gets the terminal's colour count.
    package static func start(chooseTheme: (Int) throws -> Theme) throws -> CursesBackend? {
        setlocale(LC_ALL, "")
        guard let output = fdopen(1, "w"), let input = fdopen(0, "r") else { return nil }
        return try start(term: nil, output: output, input: input, chooseTheme: chooseTheme)
    }

    /// Curses on given streams (`/dev/null` for the benchmark); `term` nil means `$TERM`.
    package static func start(
        term: String?,
        output: UnsafeMutablePointer<FILE>,
        input: UnsafeMutablePointer<FILE>,
        chooseTheme: (Int) throws -> Theme
    ) throws -> CursesBackend? {
        guard let screen = newterm(term, output, input) else { return nil }
        guard jt_has_cup() != 0, let window = jt_stdscr() else {
            endwin()
            delscreen(screen)
            return nil
        }
        var colours = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colours = Int(jt_colors())
        }
        let theme: Theme
        do { theme = try chooseTheme(colours) } catch {
            endwin()
            delscreen(screen)
            throw error
        }
        let backend = CursesBackend(screen: screen, window: window, theme: theme, colours: colours)
        CrashRestore.install()
        return backend
    }

    private init(screen: OpaquePointer, window: UnsafeMutablePointer<WINDOW>, theme: Theme, colours: Int) {
        self.screen = screen
        self.window = window
        self.theme = theme
        colourCount = colours
        glyphs = jt_codeset_is_utf8() != 0 ? .unicode : .ascii
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        mousemask(jt_wheel_mask(), nil)
        mouseinterval(0)
        curs_set(0)
        wtimeout(window, 0)
        palette = CursesPalette(theme: theme, colourCount: colours, pairLimit: Int(jt_color_pairs()))
        let normal = palette[.normal]
        wbkgdset(window, chtype(normal.attributes) | chtype(UInt32(normal.pair) << 8))
    }

    package var size: (width: Int, height: Int) {
        (Int(jt_getmaxx(window)), Int(jt_getmaxy(window)))
    }

    package func readKey() -> Key? {
        var value: wint_t = 0
        let result = wget_wch(window, &value)
        if result == ERR { return nil }
        if result == KEY_CODE_YES {
            switch Int32(value) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_NPAGE: return .pageDown
            case KEY_PPAGE: return .pageUp
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_ENTER: return .enter
            case KEY_BACKSPACE: return .backspace
            case KEY_RESIZE: return .resize
            case jt_key_mouse(): return wheel() ?? readKey()
            default: return readKey()
            }
        }
        switch value {
        case 3: return .interrupt
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 9: return .tab
        case 4: return .ctrlD
        case 21: return .ctrlU
        case 0..<32: return readKey()
        default:
            guard let scalar = Unicode.Scalar(UInt32(value)) else { return readKey() }
            return .character(Character(scalar))
        }
    }

    /// The wheel, the only mouse input asked for (clicks are left to the terminal, so text can still be selected
    /// with Shift held, as in other full-screen programs).
    private func wheel() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        switch jt_wheel_direction(event.bstate) {
        case -1: return .wheelUp
        case 1: return .wheelDown
        default: return nil
        }
    }

    package func waitForInput(timeout: Duration) {
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(
            timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        )
        _ = poll(&descriptor, 1, milliseconds)
    }

    /// Only the rows that differ from the frame on screen are handed to curses (as ratatui diffs its buffers): a
    /// frame where the clock and a line changed costs two rows, not the whole screen. A new size redraws it all.
    package func present(_ buffer: CellBuffer) {
        guard active else { return }
        let previous = onScreen.flatMap { $0.width == buffer.width && $0.height == buffer.height ? $0 : nil }
        if previous == nil { werase(window) }
        for y in 0..<buffer.height {
            if let previous, previous.row(y, equals: buffer) { continue }
            var x = 0
            while x < buffer.width {
                let role = buffer[x, y].role
                let start = x
                wide.removeAll(keepingCapacity: true)
                while x < buffer.width, buffer[x, y].role == role {
                    for scalar in buffer[x, y].text.unicodeScalars { wide.append(wchar_t(bitPattern: scalar.value)) }
                    x += 1
                }
                let count = Int32(wide.count)
                wide.append(0)
                let (attributes, pair) = palette[role]
                wattr_set(window, attributes, pair, nil)
                // The bottom-right cell makes curses report ERR (it cannot scroll); the text is drawn anyway.
                _ = mvwaddnwstr(window, Int32(y), Int32(start), wide, count)
            }
        }
        onScreen = buffer
        wnoutrefresh(window)
        doupdate()
    }

    package func suspend() {
        def_prog_mode()
        endwin()
    }

    /// Takes the terminal back: its modes, a size that may have changed meanwhile (SIGWINCH went to the other
    /// program's group, not to us), and a full repaint over whatever the other program left on the screen.
    package func resume() {
        reset_prog_mode()
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0,
            Int(size.ws_row) != self.size.height || Int(size.ws_col) != self.size.width
        {
            resizeterm(Int32(size.ws_row), Int32(size.ws_col))
        }
        onScreen = nil
        clearok(window, true)
        wrefresh(window)
    }

    package func shutdown() {
        guard active else { return }
        active = false
        curs_set(1)
        // Without an alternate screen (TERM=linux, a bare VT100) the last frame would stay under the prompt.
        if jt_has_alternate_screen() == 0 {
            werase(window)
            wrefresh(window)
        }
        endwin()
        delscreen(screen)
    }
}

/// A crash (trap, segfault, abort) must not leave the terminal in raw mode: restore it, then die as before.
enum CrashRestore {
    nonisolated(unsafe) private static var installed = false

    static func install() {
        guard !installed else { return }
        installed = true
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            signal(sig) { sig in
                endwin()
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
        atexit {
            if !isendwin() { endwin() }
        }
    }
}
