import Foundation

/// The glob rules of `git.paths`, `git.exclude` and `git.allow`: a pattern without `/` matches a file name
/// anywhere (`*.log`), a pattern with `/` matches the path from the repository root (`docs/*.md`, where `*`
/// also crosses folders), a pattern ending in `/` matches everything below that folder, and a leading `**/`
/// may match nothing. Matching works on raw bytes, so names need not be UTF-8.
package struct PathGlob: Sendable, Equatable {
    package let pattern: String

    package init(_ pattern: String) {
        var text = pattern.trimmingCharacters(in: .whitespaces)
        while text.hasPrefix("./") { text.removeFirst(2) }
        self.pattern = text
    }

    package func matches(_ rawPath: [UInt8]) -> Bool {
        guard !pattern.isEmpty else { return false }
        if pattern.hasSuffix("/") { return rawPath.starts(with: Array(pattern.utf8)) }
        if !pattern.contains("/") {
            let name = rawPath.split(separator: UInt8(ascii: "/")).last.map(Array.init) ?? rawPath
            return Self.fnmatch(pattern, name)
        }
        if Self.fnmatch(pattern, rawPath) { return true }
        if pattern.hasPrefix("**/") { return Self.fnmatch(String(pattern.dropFirst(3)), rawPath) }
        return false
    }

    static func fnmatch(_ pattern: String, _ path: [UInt8]) -> Bool {
        (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { name in
                Glibc.fnmatch(pattern, name, 0) == 0
            }
        }
    }
}

extension Array where Element == PathGlob {
    func firstMatch(_ rawPath: [UInt8]) -> PathGlob? { first { $0.matches(rawPath) } }
}
