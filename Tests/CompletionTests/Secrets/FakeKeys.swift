import Foundation

/// Fake credentials in each provider's documented format, drawn from a seeded generator at run time, so the
/// corpus is the same on every run and this repository holds no literal that looks like a live key.
struct FakeKeys {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64: small, fast and good enough to spread characters evenly.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func draw(_ count: Int, from alphabet: String) -> String {
        let chars = Array(alphabet)
        return String((0..<count).map { _ in chars[Int(next() % UInt64(chars.count))] })
    }

    static let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", lower = "abcdefghijklmnopqrstuvwxyz", digits = "0123456789"

    mutating func alnum(_ n: Int) -> String { draw(n, from: Self.upper + Self.lower + Self.digits) }
    mutating func lowerAlnum(_ n: Int) -> String { draw(n, from: Self.lower + Self.digits) }
    mutating func letters(_ n: Int) -> String { draw(n, from: Self.upper + Self.lower) }
    mutating func token(_ n: Int) -> String { draw(n, from: Self.upper + Self.lower + Self.digits + "_-") }
    mutating func hex(_ n: Int) -> String { draw(n, from: "0123456789abcdef") }
    mutating func upperHex(_ n: Int) -> String { draw(n, from: "0123456789ABCDEF") }
    mutating func upperDigit(_ n: Int) -> String { draw(n, from: Self.upper + Self.digits) }
    mutating func digitString(_ n: Int) -> String { draw(1, from: "123456789") + draw(n - 1, from: Self.digits) }
    mutating func base64(_ n: Int) -> String { draw(n, from: Self.upper + Self.lower + Self.digits + "+/") }
    mutating func uuid() -> String { [hex(8), hex(4), "4" + hex(3), "a" + hex(3), hex(12)].joined(separator: "-") }
    mutating func password(_ n: Int) -> String {
        draw(2, from: Self.upper) + draw(n - 5, from: Self.lower) + draw(2, from: Self.digits) + draw(1, from: "!#%&*+")
    }

    static func base64URL(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// A signed token whose payload holds real-looking claims.
    mutating func jwt() -> String {
        let header = Self.base64URL(#"{"alg":"HS256","typ":"JWT"}"#)
        let payload = Self.base64URL(#"{"sub":"user_\#(digitString(6))","role":"admin","exp":\#(digitString(10))}"#)
        return header + "." + payload + "." + token(43)
    }

    /// A Discord bot token: base64 of a numeric user id, a timestamp part and an HMAC part.
    mutating func discordBotToken() -> String {
        Data(digitString(18).utf8).base64EncodedString() + "." + token(6) + "." + token(38)
    }

    /// Random bytes as standard base64, starting with `magic` (an image's first bytes).
    mutating func base64Blob(magic: [UInt8], bytes: Int) -> String {
        Data(magic + (0..<bytes).map { _ in UInt8(truncatingIfNeeded: next()) }).base64EncodedString()
    }
}
