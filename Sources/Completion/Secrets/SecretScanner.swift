import Foundation

/// Finds secrets in bytes, text or files with the table in `SecretPatterns`. Files are streamed in chunks (a
/// large file never sits in memory whole); only real binaries, recognised by their magic number, are skipped;
/// UTF-16 files are scanned as the text they encode (`SecretFileKind`). A line containing
/// `pragma: allowlist secret` or `jarvis: allow-secret` is never reported.
package enum SecretScanner {
    static let chunkSize = 1 << 20
    /// Bytes kept from the previous chunk: longer than any secret the table matches.
    static let overlap = 32 * 1024
    static let allowMarkers = ["pragma: allowlist secret", "jarvis: allow-secret"].map { Array($0.utf8) }

    /// Every secret in `bytes`, in order, without overlaps; warnings (test-mode keys) included.
    package static func scan(bytes: [UInt8]) -> [SecretFinding] {
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

    package static func scan(text: String) -> [SecretFinding] { scan(bytes: Array(text.utf8)) }

    package enum FileResult: Sendable, Equatable {
        case clean
        case binary
        case secret(SecretFinding)
        case unreadable(String)
    }

    /// What the git guard needs of one file: the first secret that holds it back (`result`), and the first
    /// finding that only warns (a test-mode key) when nothing holds it back.
    package struct FileCheck: Sendable, Equatable {
        package let result: FileResult
        package let warning: SecretFinding?
    }

    /// The first secret in the file at `path` (raw bytes, so names need not be UTF-8). Reads in chunks;
    /// `sizeHint` (the file's size, when known) keeps the buffer small for small files.
    package static func firstSecret(inFileAt path: [UInt8], sizeHint: Int? = nil) -> FileResult {
        check(fileAt: path, sizeHint: sizeHint).result
    }

    package static func check(fileAt path: [UInt8], sizeHint: Int? = nil) -> FileCheck {
        let fd = (path + [0]).withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { open($0, O_RDONLY | O_CLOEXEC) }
        }
        guard fd >= 0 else { return FileCheck(result: .unreadable(String(cString: strerror(errno))), warning: nil) }
        defer { close(fd) }
        switch SecretFileScan(fd: fd, sizeHint: sizeHint).run() {
        case .some(let check): return check
        case .none:
            // The file grew past its size hint: read it again with full-size chunks.
            guard lseek(fd, 0, SEEK_SET) == 0 else {
                return FileCheck(result: .unreadable(String(cString: strerror(errno))), warning: nil)
            }
            return SecretFileScan(fd: fd, sizeHint: nil).run()
                ?? FileCheck(result: .unreadable("the file kept changing while it was read"), warning: nil)
        }
    }

    struct Match {
        let family: SecretFamily
        let range: Range<Int>
        var lowerBound: Int { range.lowerBound }
    }

    /// Calls `found` for each secret whose candidate starts in `from..<to`; stops when it returns false.
    /// Matches never overlap; one inside encoded data (a base64 image) or on an allow-listed line is dropped.
    static func scanRegion(_ s: ScanBytes, from: Int, to: Int, found: (Match) -> Bool) {
        SecretPatterns.pairTable.withBuffers { rows, starts in
            let base = s.base
            let last = s.count - 1
            var lastEnd = 0
            var allowed = AllowedLines()
            var i = from
            while i < to {
                let pair = Int(base[i]) << 8 | (i < last ? Int(base[i + 1]) : 0)
                let first = Int(starts[pair]), end = Int(starts[pair + 1])
                if first < end {
                    var advanced = false
                    for row in first..<end {
                        guard let hit = rows[row].find(s, i), hit.range.lowerBound >= lastEnd else { continue }
                        if SecretValueFilters.isInsideEncodedBlob(s, hit.range)
                            || allowed.contains(s, hit.range.lowerBound)
                        {
                            continue
                        }
                        if !found(Match(family: hit.family, range: hit.range)) { return }
                        lastEnd = hit.range.upperBound
                        i = max(i + 1, hit.range.upperBound)
                        advanced = true
                        break
                    }
                    if advanced { continue }
                }
                i += 1
            }
        }
    }

    /// Whether a line carries an allow marker, remembered for the last line asked about: many candidates on
    /// one long line read it once.
    struct AllowedLines {
        var line: Range<Int> = 0..<0
        var allowed = false

        mutating func contains(_ s: ScanBytes, _ i: Int) -> Bool {
            if !line.contains(i) {
                line = s.lineRange(around: i)
                allowed = s.containsAny(SecretScanner.allowMarkers, in: line)
                if line.isEmpty { line = i..<(i + 1) }
            }
            return allowed
        }
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
    package static func firstSecrets(inFilesAt files: [(path: [UInt8], size: Int?)]) -> [FileResult] {
        check(filesAt: files).map(\.result)
    }

    /// `check(fileAt:)` for many files, on every core; results keep the input order.
    package static func check(filesAt files: [(path: [UInt8], size: Int?)]) -> [FileCheck] {
        guard !files.isEmpty else { return [] }
        let results = Locked(Array(repeating: FileCheck(result: .clean, warning: nil), count: files.count))
        let workers = min(files.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < files.count {
                let checked = check(fileAt: files[index].path, sizeHint: files[index].size)
                results.withLock { $0[index] = checked }
                index += workers
            }
        }
        return results.current
    }
}
