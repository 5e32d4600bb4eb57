import Foundation

package enum ChangeType: String, Sendable, Codable, Equatable {
    case added, modified, deleted, renamed, copied, typeChanged = "type changed", untracked, unmerged

    init(code: Character) {
        switch code {
        case "A": self = .added
        case "D": self = .deleted
        case "R": self = .renamed
        case "C": self = .copied
        case "T": self = .typeChanged
        case "U": self = .unmerged
        case "?": self = .untracked
        default: self = .modified
        }
    }

    /// The word used in the summary's Files Modified table.
    package var label: String {
        switch self {
        case .untracked: "added"
        default: rawValue
        }
    }
}

/// A changed file. `rawPath` keeps the exact bytes git reported (names need not be UTF-8); `path` is for display.
package struct FileChange: Sendable, Equatable, Hashable {
    package let rawPath: [UInt8]
    package let change: ChangeType

    package init(rawPath: [UInt8], change: ChangeType) {
        self.rawPath = rawPath
        self.change = change
    }

    package init(path: String, change: ChangeType) {
        self.init(rawPath: Array(path.utf8), change: change)
    }

    package var path: String { String(decoding: rawPath, as: UTF8.self) }
}

/// One entry of `git status --porcelain=v1 -z`.
package struct StatusEntry: Sendable, Equatable {
    package let index: Character
    package let worktree: Character
    package let rawPath: [UInt8]
    /// For renames and copies: the path before.
    package let rawOriginalPath: [UInt8]?

    package var path: String { String(decoding: rawPath, as: UTF8.self) }
    package var isUntracked: Bool { index == "?" }
    package var isUnmerged: Bool {
        index == "U" || worktree == "U" || (index == "A" && worktree == "A") || (index == "D" && worktree == "D")
    }

    package var change: ChangeType {
        if isUnmerged { return .unmerged }
        if isUntracked { return .untracked }
        if index == "R" || worktree == "R" { return .renamed }
        if index == "D" || worktree == "D" { return .deleted }
        if index == "A" { return .added }
        return .modified
    }

    package var fileChange: FileChange { FileChange(rawPath: rawPath, change: change) }

    static func parse(porcelainZ data: Data) -> [StatusEntry] {
        let fields = data.split(separator: 0, omittingEmptySubsequences: true).map { Array($0) }
        var entries: [StatusEntry] = []
        var index = 0
        while index < fields.count {
            let field = fields[index]
            index += 1
            guard field.count > 3 else { continue }
            let x = Character(UnicodeScalar(field[0]))
            let y = Character(UnicodeScalar(field[1]))
            let path = Array(field[3...])
            var original: [UInt8]?
            if x == "R" || x == "C" || y == "R" || y == "C", index < fields.count {
                original = fields[index]
                index += 1
            }
            entries.append(StatusEntry(index: x, worktree: y, rawPath: path, rawOriginalPath: original))
        }
        return entries
    }
}
