/// Fits theme colours to what the terminal has: 256, 16 or 8 colours (fewer means attributes only).
/// A colour the terminal lacks becomes the nearest one it has, by RGB distance.
package struct ColorResolver: Sendable {
    package let colourCount: Int

    package init(colourCount: Int) { self.colourCount = colourCount }

    /// The curses colour number, or -1 for the terminal's default.
    package func resolve(_ spec: ColorSpec?) -> Int {
        guard let spec else { return -1 }
        let available = colourCount >= 256 ? 256 : colourCount >= 16 ? 16 : 8
        switch spec {
        case .terminalDefault:
            return -1
        case .index(let index):
            if index < available { return index }
            return nearest(to: Self.rgb(of: index), among: available)
        case .rgb(let r, let g, let b):
            return nearest(to: (Int(r), Int(g), Int(b)), among: available)
        }
    }

    private func nearest(to colour: (Int, Int, Int), among count: Int) -> Int {
        var best = 0
        var bestDistance = Int.max
        // Among 256, skip the 16 ANSI colours: terminals redefine them, the cube and ramp are fixed.
        for index in (count == 256 ? 16 : 0)..<count {
            let c = Self.rgb(of: index)
            // RGB distance plus a penalty for a different saturation, so a grey never turns into a yellow.
            let saturation = { (v: (Int, Int, Int)) in max(v.0, v.1, v.2) - min(v.0, v.1, v.2) }
            let s = saturation(c) - saturation(colour)
            let d =
                (c.0 - colour.0) * (c.0 - colour.0) + (c.1 - colour.1) * (c.1 - colour.1) + (c.2 - colour.2)
                * (c.2 - colour.2) + s * s
            if d < bestDistance { bestDistance = d; best = index }
        }
        return best
    }

    /// xterm's RGB for a 256-colour index.
    package static func rgb(of index: Int) -> (Int, Int, Int) {
        let ansi: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
            (255, 255, 255),
        ]
        if index < 16 { return ansi[max(0, index)] }
        if index < 232 {
            let n = index - 16
            let level = { (v: Int) in v == 0 ? 0 : 55 + v * 40 }
            return (level(n / 36), level(n / 6 % 6), level(n % 6))
        }
        let grey = 8 + (min(index, 255) - 232) * 10
        return (grey, grey, grey)
    }
}
