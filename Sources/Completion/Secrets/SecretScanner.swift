import Foundation

/// Finds secrets in bytes, text or files with the table in `SecretPatterns`. Files are streamed in chunks (a
/// large file never sits in memory whole); binary files (a NUL byte in the first 8 KB, git's rule) are skipped.
/// A line containing `pragma: allowlist secret` or `jarvis: allow-secret` is never reported.
public enum SecretScanner {
    static let chunkSize = 1 << 20
    /// Bytes kept from the previous chunk: longer than any secret the table matches.
    static let overlap = 32 * 1024
    static let allowMarkers = ["pragma: allowlist secret", "jarvis: allow-secret"]

    /// Every secret in `bytes`, in order, without overlaps.
    public static func scan(bytes: [UInt8]) -> [SecretFinding] {
        bytes.withUnsafeBufferPointer { buffer in
            var findings: [SecretFinding] = []
            var line = 1
            var counted = 0
            scanRegion(ScanBytes(base: buffer), from: 0, to: buffer.count) { finding in
                line += newlines(in: buffer, counted..<finding.lowerBound)
                counted = finding.lowerBound
                findings.append(SecretFinding(family: finding.family, line: line, range: finding.range))
                return true
            }
            return findings
        }
    }

    public static func scan(text: String) -> [SecretFinding] { scan(bytes: Array(text.utf8)) }

    public enum FileResult: Sendable, Equatable {
        case clean
        case binary
        case secret(SecretFinding)
        case unreadable(String)
    }

    /// The first secret in the file at `path` (raw bytes, so names need not be UTF-8). Reads in chunks;
    /// `sizeHint` (the file's size, when known) keeps the buffer small for small files.
    public static func firstSecret(inFileAt path: [UInt8], sizeHint: Int? = nil) -> FileResult {
        let fd = (path + [0]).withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { open($0, O_RDONLY | O_CLOEXEC) }
        }
        guard fd >= 0 else { return .unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        let chunk = sizeHint.map { min(chunkSize, max($0 + 1, 4096)) } ?? chunkSize
        // The carried tail is at most `overlap + 256` bytes (see the end of the loop).
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk + overlap + 256)
        defer { buffer.deallocate() }
        var kept = 0          // bytes carried over at the start of the buffer
        var scanFrom = 0      // candidates before this offset were scanned with the previous chunk
        var consumedLines = 1 // line number at buffer offset 0
        var first = true
        while true {
            var filled = kept
            var atEnd = false
            while filled < kept + chunk {
                let n = read(fd, buffer + filled, kept + chunk - filled)
                if n < 0 { if errno == EINTR { continue }; return .unreadable(String(cString: strerror(errno))) }
                if n == 0 { atEnd = true; break }
                filled += n
            }
            if !atEnd && chunk < chunkSize {
                // The file grew past its size hint: read it again with full-size chunks.
                return firstSecret(inFileAt: path, sizeHint: nil)
            }
            let view = UnsafeBufferPointer(start: buffer, count: filled)
            if first {
                first = false
                if memchr(buffer, 0, min(filled, 8000)) != nil { return .binary }
            }
            let limit = atEnd ? filled : max(scanFrom, filled - overlap)
            var found: SecretFinding?
            scanRegion(ScanBytes(base: view), from: scanFrom, to: limit) { match in
                let line = consumedLines + newlines(in: view, 0..<match.lowerBound)
                found = SecretFinding(family: match.family, line: line, range: match.range)
                return false
            }
            if let found { return .secret(found) }
            if atEnd { return .clean }
            // Keep the tail so a secret that straddles the chunk boundary is seen whole.
            let keepFrom = limit - min(limit, 256)
            consumedLines += newlines(in: view, 0..<keepFrom)
            memmove(buffer, buffer + keepFrom, filled - keepFrom)
            kept = filled - keepFrom
            scanFrom = limit - keepFrom
        }
    }

    struct Match {
        let family: SecretFamily
        let range: Range<Int>
        var lowerBound: Int { range.lowerBound }
    }

    /// Calls `found` for each secret whose candidate starts in `from..<to`; stops when it returns false.
    static func scanRegion(_ s: ScanBytes, from: Int, to: Int, found: (Match) -> Bool) {
        SecretPatterns.leadPairs.withUnsafeBufferPointer { pairs in
            let base = s.base
            let last = s.count - 1
            var i = from
            while i < to {
                let next = i < last ? Int(base[i + 1]) : 0
                if pairs[Int(base[i]) << 8 | next] {
                    var advanced = false
                    for row in SecretPatterns.byTrigger[Int(base[i])] {
                        guard let range = row.match(s, i) else { continue }
                        if isAllowed(s, at: range.lowerBound) { continue }
                        if !found(Match(family: row.family, range: range)) { return }
                        i = max(i + 1, range.upperBound)
                        advanced = true
                        break
                    }
                    if advanced { continue }
                }
                i += 1
            }
        }
    }

    static func isAllowed(_ s: ScanBytes, at i: Int) -> Bool {
        let line = s.lowercasedString(s.lineRange(around: i))
        return allowMarkers.contains(where: line.contains)
    }

    static func newlines(in buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard !range.isEmpty, let base = buffer.baseAddress else { return 0 }
        var count = 0
        var p = UnsafeRawPointer(base + range.lowerBound)
        var remaining = range.count
        while remaining > 0, let hit = memchr(p, 0x0A, remaining) {
            count += 1
            let advance = UnsafeRawPointer(hit) - p + 1
            p += advance
            remaining -= advance
        }
        return count
    }

    /// `firstSecret` for many files, on every core; results keep the input order.
    public static func firstSecrets(inFilesAt files: [(path: [UInt8], size: Int?)]) -> [FileResult] {
        guard !files.isEmpty else { return [] }
        let results = ScanResults(count: files.count)
        let workers = min(files.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < files.count {
                results.set(index, firstSecret(inFileAt: files[index].path, sizeHint: files[index].size))
                index += workers
            }
        }
        return results.values
    }
}

private final class ScanResults: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [SecretScanner.FileResult]
    init(count: Int) { storage = Array(repeating: .clean, count: count) }
    func set(_ index: Int, _ value: SecretScanner.FileResult) {
        lock.lock(); storage[index] = value; lock.unlock()
    }
    var values: [SecretScanner.FileResult] { lock.lock(); defer { lock.unlock() }; return storage }
}
