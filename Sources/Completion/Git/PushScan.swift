import Foundation

/// What a push would publish, read before it happens: each commit's message and the lines it adds between the
/// remote and the tip (`git log -p -U0`, streamed, never held whole), scanned with the guard's rules. The
/// staging guard only sees the working tree; a commit the agent or the user made during the session was never
/// scanned, and a push publishes it along with the session commit. Paths in `git.allow` are skipped as the guard
/// skips them; binary files are skipped as git shows them (no text). One pass, linear in what the commits add,
/// with a cap.
struct PushScan {
    /// A secret that a commit adds: the commit, the file (as git names it, relative to the repository's top;
    /// nil: the commit message) and the line in that commit's version of the file (or of the message).
    struct Finding: Equatable, Sendable {
        let commit: String
        let path: String?
        let family: SecretFamily
        let line: Int
    }

    enum Result: Equatable, Sendable {
        case clean
        case secret(Finding)
        /// The commits add more than `limit` bytes of diff: not scanned in full.
        case tooLarge(limit: Int)
        case failed(String)
    }

    /// What one push may add and still be scanned: far beyond a session's work, small enough to read in seconds.
    static let defaultByteLimit = 64 << 20

    let repo: GitRepository
    let allow: [PathGlob]
    var byteLimit = defaultByteLimit
    var timeout: Duration = .seconds(120)

    /// Scans the commits reachable from `tip` and not from `excluded` (revisions such as `@{upstream}`; with none,
    /// `--remotes`: what is on no remote yet).
    func scan(tip: String, excluding excluded: [String]) -> Result {
        guard let git = ExecutableLocator.find("git", path: repo.environment["PATH"]) else {
            return .failed("git is not on PATH")
        }
        let arguments =
            [
                "git", "-c", "core.quotePath=false", "-c", "diff.noprefix=false", "-c", "diff.mnemonicPrefix=false",
                "log", "-p", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "--diff-filter=AMT",
                "--src-prefix=a/", "--dst-prefix=b/", "--format=%x01%H%n%B%x02", tip, "--not",
            ] + (excluded.isEmpty ? ["--remotes"] : excluded) + ["--"]
        let reader = PatchReader(allow: allow, byteLimit: byteLimit)
        let ending: GroupProcess.Ending
        do {
            ending = try GroupProcess.run(
                executable: git,
                argv: arguments,
                directory: repo.root.path,
                environment: repo.environment,
                timeout: timeout,
                grace: .seconds(2),
                feed: { reader.feed($0) },
                finish: { reader.finish() },
                interrupt: { reader.stopReason }
            )
        } catch {
            return .failed("git log could not run (\(error.description))")
        }
        return reader.result(ending: ending)
    }
}

/// Reads `git log -p -U0 --format=%x01%H%n%B%x02` output as it streams: the commit marker and message (up to
/// the 0x02 byte), each file's `+++ b/path` header, the `@@` hunk headers (for line numbers) and the added lines.
/// The message, and each file's added lines, are scanned when they end. Fed from the output reader's thread;
/// read after the process ended.
final class PatchReader: @unchecked Sendable {
    // Unchecked: every mutable property is reached only inside `lock.withLock` of the four entry points.
    private let lock = NSLock()
    private let allow: [PathGlob]
    private let byteLimit: Int
    private var received = 0
    private var carry: [UInt8] = []
    private var commit: String?
    private var path: [UInt8]?
    private var inHunks = false
    private var inMessage = false
    private var nextLine = 0
    /// The current file's added lines, and the line number in the file of each.
    private var added: [UInt8] = []
    private var addedLines: [Int] = []
    private var sawCommit = false
    /// Output that is not part of a patch (git's own error messages), kept short for the warning.
    private var stray: [UInt8] = []
    private var found: PushScan.Finding?
    private var overLimit = false

    init(allow: [PathGlob], byteLimit: Int) {
        self.allow = allow
        self.byteLimit = byteLimit
    }

    /// Why git should be stopped early: a secret is found (one is enough to hold the push) or the cap is reached.
    var stopReason: String? {
        lock.withLock { found != nil ? "a secret was found" : overLimit ? "over the scan limit" : nil }
    }

    func feed(_ bytes: UnsafeRawBufferPointer) {
        lock.withLock {
            guard found == nil, !overLimit else { return }
            received += bytes.count
            if received > byteLimit {
                overLimit = true
                return
            }
            carry.append(contentsOf: bytes)
            var start = 0
            while found == nil, let newline = carry[start...].firstIndex(of: 0x0A) {
                line(carry[start..<newline])
                start = newline + 1
            }
            carry.removeFirst(start)
        }
    }

    func finish() {
        lock.withLock {
            guard found == nil, !overLimit else { return }
            if !carry.isEmpty { line(carry[...]) }
            carry = []
            if inMessage { endSection(path: nil) } else { endFile() }
        }
    }

    func result(ending: GroupProcess.Ending) -> PushScan.Result {
        lock.withLock {
            if let found { return .secret(found) }
            if overLimit { return .tooLarge(limit: byteLimit) }
            if ending.timedOut { return .failed("git log took too long") }
            guard ending.exitedNormally, ending.exitCode == 0 else {
                let message = String(decoding: stray, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                return .failed(message.isEmpty ? "git log failed" : "git log failed: \(TerminalText.inert(message))")
            }
            return .clean
        }
    }

    // MARK: the patch, line by line

    private func line(_ text: ArraySlice<UInt8>) {
        if inMessage {
            message(text)
            return
        }
        guard let first = text.first else { return }
        if first == 0x01 {
            endFile()
            commit = String(decoding: text.dropFirst(), as: UTF8.self)
            sawCommit = true
            path = nil
            inHunks = false
            inMessage = true
            nextLine = 1
        } else if Self.starts(text, with: "diff --git ") {
            endFile()
            path = nil
            inHunks = false
        } else if !inHunks {
            header(text)
        } else if first == UInt8(ascii: "+") {
            guard path != nil else { return }
            added.append(contentsOf: text.dropFirst())
            added.append(0x0A)
            addedLines.append(nextLine)
            nextLine += 1
        } else if first == UInt8(ascii: "@") {
            nextLine = Self.newStart(text) ?? nextLine
        } else if first == UInt8(ascii: " ") {
            nextLine += 1
        }
    }

    /// A line of the commit message; the one that ends in 0x02 is its last (usually empty).
    private func message(_ text: ArraySlice<UInt8>) {
        let ends = text.last == 0x02
        let body = ends ? text.dropLast() : text
        if !ends || !body.isEmpty {
            added.append(contentsOf: body)
            added.append(0x0A)
            addedLines.append(nextLine)
            nextLine += 1
        }
        if ends {
            inMessage = false
            endSection(path: nil)
        }
    }

    private func header(_ text: ArraySlice<UInt8>) {
        if Self.starts(text, with: "+++ ") {
            // git ends the line with a tab when the name has a space (a name with a tab of its own is quoted).
            var field = text.dropFirst(4)
            if field.last == 0x09 { field = field.dropLast() }
            let name = GitQuotedPath.unquote(field)
            guard name.starts(with: Array("b/".utf8)) else { path = nil; return }
            let relative = Array(name.dropFirst(2))
            path = allow.contains { $0.matches(relative) } ? nil : relative
        } else if Self.starts(text, with: "@@ ") {
            inHunks = true
            nextLine = Self.newStart(text) ?? 1
        } else if !sawCommit, stray.count < 2_000 {
            stray.append(contentsOf: text.prefix(2_000 - stray.count))
            stray.append(0x0A)
        }
    }

    /// Scans the file section that just ended (nothing when the file is skipped).
    private func endFile() {
        if let path { endSection(path: path) } else { clearSection() }
    }

    /// Scans what was collected for `path` (nil: the commit message) in the current commit.
    private func endSection(path: [UInt8]?) {
        defer { clearSection() }
        guard found == nil, !added.isEmpty, let commit else { return }
        guard let finding = SecretScanner.scan(bytes: added).first(where: { $0.severity == .hold }) else { return }
        let line = finding.line - 1 < addedLines.count ? addedLines[finding.line - 1] : 0
        found = PushScan.Finding(
            commit: commit,
            path: path.map { String(decoding: $0, as: UTF8.self) },
            family: finding.family,
            line: line
        )
    }

    private func clearSection() {
        added.removeAll(keepingCapacity: true)
        addedLines.removeAll(keepingCapacity: true)
    }

    /// `c` of a hunk header `@@ -a,b +c,d @@`.
    static func newStart(_ text: ArraySlice<UInt8>) -> Int? {
        guard let plus = text.firstIndex(of: UInt8(ascii: "+")) else { return nil }
        var value = 0, index = plus + 1, digits = 0
        while index < text.endIndex, text[index] >= 0x30, text[index] <= 0x39, digits < 12 {
            value = value * 10 + Int(text[index] - 0x30)
            index += 1
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    static func starts(_ text: ArraySlice<UInt8>, with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard text.count >= count else { return false }
        let bytes = UnsafeBufferPointer(start: prefix.utf8Start, count: count)
        return zip(text.prefix(count), bytes).allSatisfy { $0 == $1 }
    }
}

/// Git's C-style quoting of unusual path names (`"sp\"ace\303\251"`): the raw bytes back.
enum GitQuotedPath {
    static func unquote(_ text: ArraySlice<UInt8>) -> [UInt8] {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        guard text.count >= 2, text.first == quote, text.last == quote else { return Array(text) }
        var out: [UInt8] = []
        var index = text.startIndex + 1
        let end = text.endIndex - 1
        while index < end {
            let byte = text[index]
            index += 1
            guard byte == backslash, index < end else {
                out.append(byte)
                continue
            }
            let escaped = text[index]
            index += 1
            if escaped >= 0x30, escaped <= 0x37 {
                var value = Int(escaped - 0x30)
                var digits = 1
                while digits < 3, index < end, text[index] >= 0x30, text[index] <= 0x37 {
                    value = value * 8 + Int(text[index] - 0x30)
                    index += 1
                    digits += 1
                }
                out.append(UInt8(truncatingIfNeeded: value))
            } else {
                out.append(escapes[escaped] ?? escaped)
            }
        }
        return out
    }

    private static let escapes: [UInt8: UInt8] = [
        UInt8(ascii: "n"): 0x0A, UInt8(ascii: "t"): 0x09, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "a"): 0x07,
        UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "v"): 0x0B,
    ]
}
