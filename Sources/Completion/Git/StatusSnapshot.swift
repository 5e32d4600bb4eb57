import Foundation

/// One `git status --porcelain=v2 --branch -z` call: the branch facts and every changed path, so step 5 needs a
/// single status per repository.
package struct StatusSnapshot: Sendable, Equatable {
    /// The checked-out commit, nil before the first commit.
    package var head: String?
    /// The branch, nil on a detached HEAD.
    package var branch: String?
    package var upstream: String?
    package var ahead = 0
    package var behind = 0
    package var entries: [StatusEntry] = []

    package var unmerged: [StatusEntry] { entries.filter(\.isUnmerged) }

    static func parse(porcelainV2Z data: Data) -> StatusSnapshot {
        var snapshot = StatusSnapshot()
        let fields = data.split(separator: 0, omittingEmptySubsequences: true).map { Array($0) }
        var index = 0
        while index < fields.count {
            let field = fields[index]
            index += 1
            guard let kind = field.first else { continue }
            switch kind {
            case UInt8(ascii: "#"):
                snapshot.applyHeader(String(decoding: field, as: UTF8.self))
            case UInt8(ascii: "1"):
                if let entry = entry(field, skipping: 8) { snapshot.entries.append(entry) }
            case UInt8(ascii: "2"):
                let original = index < fields.count ? fields[index] : nil
                if original != nil { index += 1 }
                if let entry = entry(field, skipping: 9, original: original) { snapshot.entries.append(entry) }
            case UInt8(ascii: "u"):
                if let entry = entry(field, skipping: 10) { snapshot.entries.append(entry) }
            case UInt8(ascii: "?"):
                guard field.count > 2 else { continue }
                snapshot.entries.append(
                    StatusEntry(index: "?", worktree: "?", rawPath: Array(field[2...]), rawOriginalPath: nil)
                )
            default:
                continue
            }
        }
        return snapshot
    }

    private mutating func applyHeader(_ line: String) {
        let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
        guard parts.count == 3 else { return }
        switch parts[1] {
        case "branch.oid": head = parts[2] == "(initial)" ? nil : parts[2]
        case "branch.head": branch = parts[2] == "(detached)" ? nil : parts[2]
        case "branch.upstream": upstream = parts[2]
        case "branch.ab":
            let numbers = parts[2].split(separator: " ")
            if numbers.count == 2 {
                ahead = Int(numbers[0].dropFirst()) ?? 0
                behind = Int(numbers[1].dropFirst()) ?? 0
            }
        default: break
        }
    }

    /// `<kind> <XY> <fields…> <path>`: the path follows the `skipping`-th space (paths may contain spaces).
    private static func entry(_ field: [UInt8], skipping: Int, original: [UInt8]? = nil) -> StatusEntry? {
        var spaces = 0
        var pathStart: Int?
        for (offset, byte) in field.enumerated() where byte == 0x20 {
            spaces += 1
            if spaces == skipping { pathStart = offset + 1; break }
        }
        guard let pathStart, pathStart < field.count, field.count > 3 else { return nil }
        func letter(_ b: UInt8) -> Character { b == UInt8(ascii: ".") ? " " : Character(UnicodeScalar(b)) }
        return StatusEntry(
            index: letter(field[2]),
            worktree: letter(field[3]),
            rawPath: Array(field[pathStart...]),
            rawOriginalPath: original
        )
    }
}
