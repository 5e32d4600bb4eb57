/// `${VAR}` and `${VAR:-default}` in `.mcp.json` values, expanded the way Claude Code does: one pass, no nesting,
/// a bare `$VAR` is left alone, a set-but-empty variable expands to the empty string, and an unset variable
/// without a default stays as written and is reported.
package struct EnvironmentExpansion: Sendable {
    package let environment: [String: String]
    package private(set) var missing: [String] = []

    package init(environment: [String: String]) { self.environment = environment }

    package mutating func expand(_ text: String) -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                result += rest[start.lowerBound...]
                return result
            }
            let inner = rest[start.upperBound..<end]
            let name: Substring, fallback: Substring?
            if let separator = inner.range(of: ":-") {
                name = inner[..<separator.lowerBound]
                fallback = inner[separator.upperBound...]
            } else {
                name = inner
                fallback = nil
            }
            if let value = environment[String(name)] {
                result += value
            } else if let fallback {
                result += fallback
            } else {
                result += rest[start.lowerBound...end]
                if !missing.contains(String(name)) { missing.append(String(name)) }
            }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}
