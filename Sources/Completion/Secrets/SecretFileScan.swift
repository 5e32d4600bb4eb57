import Foundation

/// One file read in chunks and scanned: the first chunk decides the kind (`SecretFileKind`), text is streamed
/// with an overlap so a secret across a chunk boundary is seen whole, UTF-16 is narrowed and scanned whole.
/// Stops at the first secret that holds the file back; remembers the first warning until then.
struct SecretFileScan {
    let fd: Int32
    let chunk: Int
    let sized: Bool

    init(fd: Int32, sizeHint: Int?) {
        self.fd = fd
        self.chunk = sizeHint.map { min(SecretScanner.chunkSize, max($0 + 1, 4096)) } ?? SecretScanner.chunkSize
        self.sized = chunk < SecretScanner.chunkSize
    }

    /// Nil when the file turned out larger than its size hint (the caller reads it again).
    func run() -> SecretScanner.FileCheck? {
        // The carried tail is at most `overlap + 256` bytes (see the end of the loop).
        let capacity = chunk + SecretScanner.overlap + 256
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var kept = 0  // bytes carried over at the start of the buffer
        var scanFrom = 0  // candidates before this offset were scanned with the previous chunk
        var consumedLines = 1  // line number at buffer offset 0
        var first = true
        var warning: SecretFinding?
        while true {
            let filled: Int, atEnd: Bool
            switch fill(buffer, from: kept, upTo: kept + chunk) {
            case .failure(let why): return SecretScanner.FileCheck(result: .unreadable(why.message), warning: nil)
            case .success(let read): (filled, atEnd) = read
            }
            if !atEnd && sized { return nil }
            let view = UnsafeBufferPointer(start: buffer, count: filled)
            if first {
                first = false
                switch SecretFileKind.classify(UnsafeBufferPointer(rebasing: view.prefix(8192))) {
                case .binary: return SecretScanner.FileCheck(result: .binary, warning: nil)
                case .utf16(let bigEndian): return scanUTF16(Array(view), atEnd: atEnd, bigEndian: bigEndian)
                case .text: break
                }
            }
            let limit = atEnd ? filled : max(scanFrom, filled - SecretScanner.overlap)
            var found: SecretFinding?
            SecretScanner.scanRegion(ScanBytes(base: view), from: scanFrom, to: limit) { match in
                let line = consumedLines + SecretScanner.newlines(in: view, 0..<match.lowerBound)
                let finding = SecretFinding(family: match.family, line: line, range: match.range)
                if finding.severity == .hold { found = finding; return false }
                if warning == nil { warning = finding }
                return true
            }
            if let found { return SecretScanner.FileCheck(result: .secret(found), warning: nil) }
            if atEnd { return SecretScanner.FileCheck(result: .clean, warning: warning) }
            // Keep the tail so a secret that straddles the chunk boundary is seen whole.
            let keepFrom = limit - min(limit, 256)
            consumedLines += SecretScanner.newlines(in: view, 0..<keepFrom)
            memmove(buffer, buffer + keepFrom, filled - keepFrom)
            kept = filled - keepFrom
            scanFrom = limit - keepFrom
        }
    }

    /// Reads until `end` bytes are in the buffer or the file ends.
    func fill(
        _ buffer: UnsafeMutablePointer<UInt8>,
        from start: Int,
        upTo end: Int
    ) -> Result<(Int, Bool), FileScanError> {
        var filled = start
        while filled < end {
            let n = read(fd, buffer + filled, end - filled)
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(FileScanError(String(cString: strerror(errno))))
            }
            if n == 0 { return .success((filled, true)) }
            filled += n
        }
        return .success((filled, false))
    }

    /// UTF-16 text: the rest of the file is read (the guard's size limit bounds it) and scanned as ASCII.
    func scanUTF16(_ head: [UInt8], atEnd: Bool, bigEndian: Bool) -> SecretScanner.FileCheck {
        var bytes = head
        if !atEnd {
            var block = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = block.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    return SecretScanner.FileCheck(result: .unreadable(String(cString: strerror(errno))), warning: nil)
                }
                if n == 0 { break }
                bytes += block[0..<n]
            }
        }
        let findings = SecretScanner.scan(bytes: SecretFileKind.narrowUTF16(bytes, bigEndian: bigEndian))
        if let hold = findings.first(where: { $0.severity == .hold }) {
            return SecretScanner.FileCheck(result: .secret(hold), warning: nil)
        }
        return SecretScanner.FileCheck(result: .clean, warning: findings.first)
    }
}

struct FileScanError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
