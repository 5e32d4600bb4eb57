import Foundation

extension Duration {
    package var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }

    package var milliseconds: Int { Int((seconds * 1000).rounded()) }

    /// Short human form: `12 ms`, `1.4 s`, `2 m 05 s`.
    package var shortDescription: String {
        let s = seconds
        if s < 1 { return "\(milliseconds) ms" }
        if s < 60 { return String(format: "%.1f s", s) }
        let whole = Int(s)
        return String(format: "%d m %02d s", whole / 60, whole % 60)
    }
}
