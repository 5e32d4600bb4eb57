#ifndef JARVIS_CNCURSES_SHIM_H
#define JARVIS_CNCURSES_SHIM_H

// SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600, so the wide-character API must be switched on here.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <string.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// Macros and mutable globals that Swift 6 cannot import or rejects as not concurrency-safe.
static inline WINDOW *jt_stdscr(void) { return stdscr; }
static inline int jt_lines(void) { return LINES; }
static inline int jt_cols(void) { return COLS; }
static inline int jt_colors(void) { return COLORS; }
static inline int jt_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t jt_a_normal(void) { return A_NORMAL; }
static inline attr_t jt_a_bold(void) { return A_BOLD; }
static inline attr_t jt_a_dim(void) { return A_DIM; }
static inline attr_t jt_a_underline(void) { return A_UNDERLINE; }
static inline attr_t jt_a_reverse(void) { return A_REVERSE; }
static inline attr_t jt_a_italic(void) { return A_ITALIC; }
static inline attr_t jt_a_standout(void) { return A_STANDOUT; }
static inline int jt_key_f(int n) { return KEY_F(n); }
static inline int jt_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int jt_getmaxx(WINDOW *w) { return getmaxx(w); }

// glibc declares wcwidth only under _XOPEN_SOURCE, which SwiftPM drops (see above).
extern int wcwidth(wchar_t c);
static inline int jt_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

static inline int jt_codeset_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

static inline int jt_has_cup(void) {
    const char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

// Whether the terminal switches to a separate screen for full-screen programs (and back on exit).
static inline int jt_has_alternate_screen(void) {
    const char *smcup = tigetstr("smcup");
    return smcup != NULL && smcup != (char *)-1 && smcup[0] != 0;
}

static inline int jt_key_mouse(void) { return KEY_MOUSE; }
static inline mmask_t jt_wheel_mask(void) { return BUTTON4_PRESSED | BUTTON5_PRESSED; }
// -1 for the wheel turned up, 1 for down, 0 for any other mouse event.
static inline int jt_wheel_direction(mmask_t state) {
    if (state & BUTTON4_PRESSED) return -1;
    if (state & BUTTON5_PRESSED) return 1;
    return 0;
}

// Loads TERM's terminfo entry without touching the screen: 1 when it exists and can address the cursor.
static inline int jt_term_has_cup(const char *term) {
    int error = 0;
    if (setupterm(term, 1, &error) != OK || error != 1) return 0;
    int result = jt_has_cup();
    del_curterm(cur_term);
    return result;
}

#endif
