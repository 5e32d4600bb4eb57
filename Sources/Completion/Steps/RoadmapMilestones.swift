import Foundation

/// The milestones of a `roadmap.md` that this session completed: an unchecked item (`- [ ] …`) whose first PR id
/// (`PR-12`, `PR-12.9`) is found in the session's accomplishments (commit subjects, priorities ticked, the agent's
/// notes) is ticked. Only the one space between the brackets changes; every other byte stays as it was.
enum RoadmapMilestones {
    /// Where Jarvis keeps a roadmap, project-relative.
    static let locations = [".claude/context/roadmap.md", "roadmap.md"]

    /// The PR ids named in `text`, as `PR-<number>[.<number>…]`; `PR-1` is not part of `PR-12`.
    static func ids(in text: String) -> Set<String> { Set(orderedIDs(in: text)) }

    /// The PR ids named in `text`, in the order they appear.
    static func orderedIDs(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        var found: [String] = []
        var index = 0
        while index + 3 < bytes.count {
            defer { index += 1 }
            guard bytes[index] | 0x20 == UInt8(ascii: "p"), bytes[index + 1] | 0x20 == UInt8(ascii: "r"),
                bytes[index + 2] == UInt8(ascii: "-"), isDigit(bytes[index + 3]),
                index == 0 || !isWordByte(bytes[index - 1])
            else { continue }
            var end = index + 3
            while end < bytes.count {
                if isDigit(bytes[end]) {
                    end += 1
                } else if bytes[end] == UInt8(ascii: "."), end + 1 < bytes.count, isDigit(bytes[end + 1]) {
                    end += 1
                } else {
                    break
                }
            }
            found.append("PR-" + String(decoding: bytes[(index + 3)..<end], as: UTF8.self))
            index = end - 1
        }
        return found
    }

    /// The roadmap's bytes with the completed milestones ticked, and the ticked items' text.
    static func tick(_ data: Data, completed: Set<String>) -> (data: Data, ticked: [String]) {
        guard !completed.isEmpty else { return (data, []) }
        var bytes = [UInt8](data)
        var ticked: [String] = []
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let indent = bytes[start..<end].prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
            let item = start + indent
            if item + 6 <= end, [UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+")].contains(bytes[item]),
                Array(bytes[(item + 1)..<(item + 6)]) == Array(" [ ] ".utf8)
            {
                let line = String(decoding: bytes[(item + 6)..<end], as: UTF8.self)
                // The item's own milestone is the first id it names: "PR-12.10: follow-up to PR-12.9" is not
                // done when PR-12.9 is.
                if let own = orderedIDs(in: line).first, completed.contains(own) {
                    bytes[item + 3] = UInt8(ascii: "x")
                    ticked.append(line.trimmingCharacters(in: .whitespacesAndNewlines))
                }
            }
            start = end + 1
        }
        return (Data(bytes), ticked)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isWordByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            || byte == UInt8(ascii: "_")
    }
}
