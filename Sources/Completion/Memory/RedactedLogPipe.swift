import Foundation

/// The memory server's stderr on its way to `.claude/logs/memory-server.log`: a pipe drained by a thread of its
/// own, which redacts secrets line by line (`SecretPatterns.redact`, as the completion log does) and appends each
/// line to the log as it comes. A private key's block is dropped whole: its body lines hold nothing a pattern
/// recognises on its own.
final class RedactedLogPipe: Sendable {
    /// The end the server gets as its stderr; closed here once the server has it (`serverStarted`).
    let writeEnd: Int32
    private let readEnd: Int32
    private let log: Int32
    private let drained = Locked(false)
    /// A longer run without a line break is written out in pieces of this size.
    static let maximumLine = 64 << 10

    /// nil when the pipe or the log cannot be opened (the server's stderr is then discarded).
    init?(appendingTo path: String) {
        var fds: [Int32] = [-1, -1]
        guard Spawn.closeOnExecPipe(&fds) else { return nil }
        let log = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard log >= 0 else {
            close(fds[0]); close(fds[1])
            return nil
        }
        readEnd = fds[0]
        writeEnd = fds[1]
        self.log = log
    }

    /// Closes this process's copy of the write end and starts draining: the thread ends when the server and
    /// everything it started have closed their stderr.
    func serverStarted() {
        close(writeEnd)
        let thread = Thread { [self] in drain() }
        thread.name = "memory-server-log"
        thread.start()
    }

    /// The server could not be started: nothing will be written.
    func discard() {
        close(writeEnd); close(readEnd); close(log)
    }

    private func drain() {
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        var redactor = LineRedactor()
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            pending.append(contentsOf: buffer[0..<count])
            var start = 0
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                append(redactor.line(pending[start...newline]))
                start = newline + 1
            }
            pending.removeFirst(start)
            if pending.count >= Self.maximumLine {
                append(redactor.line(pending[...]))
                pending.removeAll(keepingCapacity: true)
            }
        }
        if !pending.isEmpty { append(redactor.line(pending[...])) }
        close(readEnd)
        close(log)
        drained.set(true)
    }

    /// Returns once every line the server wrote is in the log, or after `limit` (a process the server started
    /// may still hold its stderr open).
    func waitUntilDrained(upTo limit: Duration) async {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if drained.current { return }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    private func append(_ text: String) {
        guard !text.isEmpty else { return }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(log, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}

/// Redacts one line at a time, remembering whether it is inside a private key's block.
struct LineRedactor {
    private var inPrivateKey = false

    mutating func line(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        if inPrivateKey {
            guard let end = text.range(of: "-----END ") else { return "" }
            inPrivateKey = false
            // The rest of the end marker's line (`… PRIVATE KEY-----` and what follows).
            let rest = text[end.upperBound...]
            return rest.range(of: "-----").map { SecretPatterns.redact(String(rest[$0.upperBound...])) } ?? "\n"
        }
        let redacted = SecretPatterns.redact(text)
        if redacted.contains("[REDACTED:private-key]"), text.contains("-----BEGIN "), !text.contains("-----END ") {
            inPrivateKey = true
        }
        return redacted
    }
}
